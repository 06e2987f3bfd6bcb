package org.museumevents.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.museumevents.notification.Examples.announce;
import static org.museumevents.notification.Examples.catalog;
import static org.museumevents.notification.Examples.publish;
import static org.museumevents.notification.Examples.registration;
import static org.museumevents.notification.Examples.unique;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.museumevents.notification.Inbox.Email;
import org.museumevents.notification.delivery.DeliveryLogEntry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.node.ObjectNode;

/**
 * The dispatcher's claims (claim, commit, send, mark). A claim that another instance holds is left
 * alone while it is live; once it lapses (that instance died before sending) the email is taken
 * again and sent, once. The dead instance is played by the test: it writes what a claim leaves on
 * the row, a claim id and the time the claim lapses.
 */
@NotificationIntegrationTest
class ClaimsTest {

    /** The example event starts on 16 February 2027 at 12:00Z, with reminders a day and an hour before. */
    static final Instant DAY_BEFORE = Instant.parse("2027-02-15T12:00:00Z");

    static final Instant HOUR_BEFORE = Instant.parse("2027-02-16T11:00:00Z");

    @Autowired
    TestClock clock;

    @Autowired
    DeliveryLog log;

    @Autowired
    JdbcClient jdbc;

    private static ObjectNode inEnglish(ObjectNode message) {
        message.put("language", "en");
        return message;
    }

    private DeliveryLogEntry reminder(UUID eventId, UUID registrationId, Instant due) {
        return log.of(eventId, "REMINDER").stream()
                .filter(e -> e.registrationId().equals(registrationId)
                        && e.scheduledFor().equals(due))
                .findFirst()
                .orElseThrow();
    }

    private UUID claimOf(UUID notificationId) {
        return jdbc.sql("SELECT claim_id FROM notification WHERE id = :id")
                .param("id", notificationId)
                .query(UUID.class)
                .optional()
                .orElse(null);
    }

    @Test
    void aLiveClaimIsLeftAloneAndALapsedOneIsTakenAgainAndSentOnce() {
        UUID eventId = UUID.randomUUID();
        publish(catalog("EventPublished", eventId));
        UUID ada = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        String adaEmail = unique("claimed");
        String bobEmail = unique("unclaimed");
        announce(inEnglish(registration("RegistrationConfirmed", eventId, ada, adaEmail)));
        announce(inEnglish(registration("RegistrationConfirmed", eventId, bob, bobEmail)));
        Inbox.awaitOne(adaEmail);
        Inbox.awaitOne(bobEmail);
        await().untilAsserted(() -> assertThat(log.of(eventId, "REMINDER")).hasSize(4));

        // Another instance claimed Ada's day-before reminder when it fell due, for five minutes, and died.
        UUID reminderId = jdbc.sql(
                        """
                        SELECT id FROM notification WHERE registration_id = :ada AND kind = 'REMINDER'
                            AND scheduled_for = :due
                        """)
                .param("ada", ada)
                .param("due", Timestamp.from(DAY_BEFORE))
                .query(UUID.class)
                .single();
        UUID deadClaim = UUID.randomUUID();
        Instant lapses = DAY_BEFORE.plus(Duration.ofMinutes(5));
        jdbc.sql("UPDATE notification SET claim_id = :claim, claimed_until = :until WHERE id = :id")
                .param("claim", deadClaim)
                .param("until", Timestamp.from(lapses))
                .param("id", reminderId)
                .update();

        clock.set(DAY_BEFORE.plusSeconds(30));
        // Bob's reminder, due at the same time, goes out: the dispatcher has looked past both.
        assertThat(Inbox.await(bobEmail, 2).get(1).subject()).isEqualTo("Reminder: Is the digital world inclusive?");
        await().untilAsserted(() ->
                assertThat(reminder(eventId, bob, DAY_BEFORE).status()).isEqualTo("SENT"));
        assertThat(Inbox.to(adaEmail)).as("the claimed reminder is not sent").hasSize(1);
        assertThat(claimOf(reminderId)).as("nor claimed again").isEqualTo(deadClaim);
        assertThat(reminder(eventId, ada, DAY_BEFORE))
                .extracting(DeliveryLogEntry::status, DeliveryLogEntry::attempts)
                .containsExactly("SCHEDULED", 0);

        clock.set(lapses.plusSeconds(1));
        Email resent = Inbox.await(adaEmail, 2).get(1);
        assertThat(resent.subject()).isEqualTo("Reminder: Is the digital world inclusive?");
        assertThat(resent.messageId()).isEqualTo("<" + reminderId + "@museum-events>");
        await().untilAsserted(() -> assertThat(reminder(eventId, ada, DAY_BEFORE))
                .extracting(DeliveryLogEntry::status, DeliveryLogEntry::attempts)
                .containsExactly("SENT", 1));
        assertThat(claimOf(reminderId)).isNull();

        // Once: by the time the hour-before reminder is marked sent, a later round has come and gone.
        clock.set(HOUR_BEFORE.plusSeconds(30));
        await().untilAsserted(() ->
                assertThat(reminder(eventId, ada, HOUR_BEFORE).status()).isEqualTo("SENT"));
        assertThat(Inbox.to(adaEmail))
                .extracting(Email::subject)
                .containsExactly(
                        "Registration confirmed: Is the digital world inclusive?",
                        "Reminder: Is the digital world inclusive?",
                        "Reminder: Is the digital world inclusive?");
    }
}
