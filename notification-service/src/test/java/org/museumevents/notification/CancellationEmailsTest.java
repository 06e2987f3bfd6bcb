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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.museumevents.notification.Inbox.Email;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 12, emails that contradict themselves: a registration cancelled (by the registrant or an
 * organiser) before any email about it was sent or taken on its way gets neither its pending
 * emails (the confirmation carries the join link and passcode) nor a lone cancellation; once one
 * was sent or is in flight, the cancellation follows it, never before it. The emails about an ended
 * registration offer nothing to manage.
 */
@NotificationIntegrationTest
class CancellationEmailsTest {

    static final String PASSCODE = "010934";

    @Autowired
    DeliveryLog log;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    private static ObjectNode cancelled(UUID eventId, UUID registrationId, String email, String previousStatus) {
        ObjectNode message = registration("RegistrationCancelled", eventId, registrationId, email);
        message.put("previousStatus", previousStatus);
        return message;
    }

    /**
     * Waits until everything announced so far for the event has been applied and dispatched: a
     * marker confirmed after it (same partition, so applied after it) has been received.
     */
    private static void settle(UUID eventId) {
        String marker = unique("marker");
        announce(registration("RegistrationConfirmed", eventId, UUID.randomUUID(), marker));
        Inbox.awaitOne(marker);
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
    }

    private void awaitStatus(UUID registrationId, String status) {
        await().until(() -> jdbc.sql("SELECT status FROM registrant WHERE registration_id = :id")
                .param("id", registrationId)
                .query(String.class)
                .optional()
                .filter(status::equals)
                .isPresent());
    }

    private List<String> linesOf(UUID eventId, UUID registrationId) {
        return log.of(eventId).stream()
                .filter(e -> e.registrationId().equals(registrationId))
                .map(e -> e.kind() + ":" + e.status())
                .toList();
    }

    @ParameterizedTest(name = "{0}, cancelled before any email about it was sent")
    @CsvSource({
        // The issue's: a confirmation not yet sent, cancelled within seconds by the registrant.
        "RegistrationConfirmed, CONFIRMED",
        "RegistrationWaitlisted, WAITLISTED",
        "RegistrationPending, PENDING",
        "RegistrationPromoted, CONFIRMED"
    })
    void aRegistrationCancelledBeforeAnyEmailGetsNeither(String announcement, String previousStatus) {
        // The event is not announced yet: the first email waits for it, deterministically unsent.
        UUID eventId = UUID.randomUUID();
        UUID registrationId = UUID.randomUUID();
        String email = unique("neither");
        announce(registration(announcement, eventId, registrationId, email));
        announce(cancelled(eventId, registrationId, email, previousStatus));
        // The catalog's topic is read apart: the event is known only once the cancellation is applied.
        awaitStatus(registrationId, "CANCELLED");
        publish(catalog("EventPublished", eventId));

        settle(eventId);
        assertThat(Inbox.to(email)).isEmpty();
        assertThat(linesOf(eventId, registrationId)).isEmpty();
    }

    @Test
    void aCancellationAfterAnEmailWasSentIsSentAndOffersNothingToManage() {
        UUID eventId = UUID.randomUUID();
        publish(catalog("EventPublished", eventId));
        UUID registrationId = UUID.randomUUID();
        String email = unique("told");
        announce(registration("RegistrationConfirmed", eventId, registrationId, email));
        Inbox.awaitOne(email);
        announce(cancelled(eventId, registrationId, email, "CONFIRMED"));

        List<Email> mails = Inbox.await(email, 2);
        Email cancellation = mails.get(1);
        assertThat(cancellation.subject()).startsWith("Inscription annulée");
        assertThat(cancellation.text() + cancellation.html())
                .doesNotContain(PASSCODE, "/registrations/", "Voir ou annuler", "/events/" + eventId);
        assertThat(cancellation.everything()).doesNotContain(PASSCODE);
        assertThat(cancellation.calendarProperty("METHOD")).contains("CANCEL");
    }

    @Test
    void aWaitingListCancelledAfterItsEmailGetsTheCancellationWithoutACalendarEntryToWithdraw() {
        UUID eventId = UUID.randomUUID();
        publish(catalog("EventPublished", eventId));
        UUID registrationId = UUID.randomUUID();
        String email = unique("waited");
        announce(registration("RegistrationWaitlisted", eventId, registrationId, email));
        Inbox.awaitOne(email);
        announce(cancelled(eventId, registrationId, email, "WAITLISTED"));

        Email cancellation = Inbox.await(email, 2).get(1);
        assertThat(cancellation.subject()).startsWith("Inscription annulée");
        // The waiting-list email carried no calendar entry: there is none to cancel.
        assertThat(cancellation.calendar()).isNull();
        assertThat(cancellation.everything()).doesNotContain("/registrations/", "Le lien pour participer");
    }

    @Test
    void aCancellationWhileTheConfirmationIsInFlightIsSentAfterIt() {
        // The event is not known yet, so this instance claims nothing; a sender elsewhere holds the
        // confirmation (its claim written as the dispatcher writes it).
        UUID eventId = UUID.randomUUID();
        UUID registrationId = UUID.randomUUID();
        String email = unique("inflight");
        announce(registration("RegistrationConfirmed", eventId, registrationId, email));
        await().until(() -> linesOf(eventId, registrationId).equals(List.of("CONFIRMATION:SCHEDULED")));
        Instant now = clock.instant();
        jdbc.sql(
                        """
                        UPDATE notification SET claim_id = :claim, claimed_until = :until
                        WHERE registration_id = :id AND kind = 'CONFIRMATION'
                        """)
                .param("claim", UUID.randomUUID())
                .param("until", Timestamp.from(now.plus(Duration.ofMinutes(10))))
                .param("id", registrationId)
                .update();

        announce(cancelled(eventId, registrationId, email, "CONFIRMED"));
        awaitStatus(registrationId, "CANCELLED");
        publish(catalog("EventPublished", eventId));
        settle(eventId);
        // Told: the cancellation is planned, and waits while the confirmation is on its way.
        assertThat(linesOf(eventId, registrationId))
                .containsExactlyInAnyOrder("CONFIRMATION:SCHEDULED", "CANCELLED:SCHEDULED");
        assertThat(Inbox.to(email)).isEmpty();

        // The other sender delivers it and writes its outcome: the cancellation follows.
        jdbc.sql(
                        """
                        UPDATE notification SET status = 'SENT', attempts = 1, sent_at = :now, claim_id = NULL,
                            claimed_until = NULL
                        WHERE registration_id = :id AND kind = 'CONFIRMATION'
                        """)
                .param("now", Timestamp.from(now))
                .param("id", registrationId)
                .update();
        Email cancellation = Inbox.awaitOne(email);
        assertThat(cancellation.subject()).startsWith("Inscription annulée");
        assertThat(linesOf(eventId, registrationId)).containsExactlyInAnyOrder("CONFIRMATION:SENT", "CANCELLED:SENT");
    }

    @Test
    void underConfirmationsAndCancellationsRacingTheDispatcherEachPersonReadsBothInOrderOrNeither() {
        UUID eventId = UUID.randomUUID();
        publish(catalog("EventPublished", eventId));
        settle(eventId);
        List<String> people = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            UUID registrationId = UUID.randomUUID();
            String email = unique("race-" + i);
            people.add(email);
            announce(registration("RegistrationConfirmed", eventId, registrationId, email));
            if (i % 3 == 0) {
                await().pollDelay(Duration.ofMillis(150)).until(() -> true);
            }
            announce(cancelled(eventId, registrationId, email, "CONFIRMED"));
        }

        settle(eventId);
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        for (String email : people) {
            List<String> subjects = Inbox.to(email).stream().map(Email::subject).toList();
            assertThat(subjects).as(email).satisfiesAnyOf(s -> assertThat(s).isEmpty(), s -> assertThat(s)
                    .hasSize(2)
                    .satisfies(both -> {
                        assertThat(both.get(0)).startsWith("Inscription confirmée");
                        assertThat(both.get(1)).startsWith("Inscription annulée");
                    }));
        }
    }
}
