package org.museumevents.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.museumevents.notification.Examples.announce;
import static org.museumevents.notification.Examples.catalog;
import static org.museumevents.notification.Examples.publish;
import static org.museumevents.notification.Examples.registration;
import static org.museumevents.notification.Examples.unique;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.museumevents.notification.Inbox.Email;
import org.museumevents.notification.delivery.DeliveryLogEntry;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reminders on a controllable clock. The example event starts on 16 February 2027 at 13:00 in
 * Paris (12:00 UTC) with reminders one day and one hour before; its update moves it to 14:00.
 */
@NotificationIntegrationTest
class RemindersTest {

    static final String PASSCODE = "010934";

    @Autowired
    TestClock clock;

    @Autowired
    DeliveryLog log;

    private static ObjectNode inEnglish(ObjectNode message) {
        message.put("language", "en");
        return message;
    }

    private List<Instant> remindersOf(UUID eventId, UUID registrationId) {
        return log.of(eventId, "REMINDER").stream()
                .filter(e -> e.registrationId().equals(registrationId))
                .map(DeliveryLogEntry::scheduledFor)
                .sorted()
                .toList();
    }

    private static void pause() {
        // Long enough for several dispatcher rounds (every 200 ms in these tests).
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
    }

    @Test
    void remindersFollowTheEventAndGoOutOnceAtTheirTimeWithTheJoinDetails() {
        clock.set("2027-01-10T09:00:00Z");
        UUID eventId = UUID.randomUUID();
        publish(catalog("EventPublished", eventId));
        UUID ada = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        String adaEmail = unique("ada");
        String bobEmail = unique("bob");
        announce(inEnglish(registration("RegistrationConfirmed", eventId, ada, adaEmail)));
        announce(inEnglish(registration("RegistrationConfirmed", eventId, bob, bobEmail)));
        Inbox.awaitOne(adaEmail);
        Inbox.awaitOne(bobEmail);
        await().untilAsserted(() -> assertThat(remindersOf(eventId, ada))
                .containsExactly(Instant.parse("2027-02-15T12:00:00Z"), Instant.parse("2027-02-16T11:00:00Z")));

        // A cancelled registration loses its reminders.
        announce(inEnglish(registration("RegistrationCancelled", eventId, bob, bobEmail)));
        await().untilAsserted(() -> assertThat(remindersOf(eventId, bob)).isEmpty());

        // The event moves an hour later: so do the reminders.
        publish(catalog("EventUpdated", eventId));
        await().untilAsserted(() -> assertThat(remindersOf(eventId, ada))
                .containsExactly(Instant.parse("2027-02-15T13:00:00Z"), Instant.parse("2027-02-16T12:00:00Z")));
        Inbox.await(adaEmail, 2); // confirmation, change

        clock.set("2027-02-15T12:59:00Z");
        pause();
        assertThat(Inbox.to(adaEmail)).as("nothing before its time").hasSize(2);

        clock.set("2027-02-15T13:00:30Z");
        Email dayBefore = Inbox.await(adaEmail, 3).get(2);
        assertThat(dayBefore.subject()).isEqualTo("Reminder: Is the digital world inclusive?");
        assertThat(dayBefore.text())
                .contains("Tuesday 16 February 2027, 14:00 – 15:30 (Europe/Paris)")
                .contains(PASSCODE, "823 4286 1023", "us02web.zoom.us/j/82342861023");

        clock.set("2027-02-16T12:00:30Z");
        Email hourBefore = Inbox.await(adaEmail, 4).get(3);
        assertThat(hourBefore.subject()).isEqualTo("Reminder: Is the digital world inclusive?");

        pause();
        assertThat(Inbox.to(adaEmail)).hasSize(4);
        assertThat(Inbox.to(bobEmail)).as("confirmation and cancellation only").hasSize(2);
        assertThat(log.of(eventId, "REMINDER"))
                .extracting(DeliveryLogEntry::status, DeliveryLogEntry::attempts)
                .containsOnly(org.assertj.core.groups.Tuple.tuple("SENT", 1))
                .hasSize(2);
    }

    @Test
    void aLatePromotionGetsTheRemindersStillAheadAndNoneRightAfterItsOwnEmail() {
        clock.set("2027-02-15T10:00:00Z");
        UUID eventId = UUID.randomUUID();
        publish(catalog("EventPublished", eventId)); // starts 2027-02-16T12:00Z
        UUID early = UUID.randomUUID();
        String earlyEmail = unique("early");
        announce(inEnglish(registration("RegistrationWaitlisted", eventId, early, earlyEmail)));
        Inbox.awaitOne(earlyEmail);
        assertThat(remindersOf(eventId, early)).isEmpty();

        announce(inEnglish(registration("RegistrationPromoted", eventId, early, earlyEmail)));
        Inbox.await(earlyEmail, 2);
        await().untilAsserted(() -> assertThat(remindersOf(eventId, early))
                .containsExactly(Instant.parse("2027-02-15T12:00:00Z"), Instant.parse("2027-02-16T11:00:00Z")));

        // Promoted twenty minutes before the one-hour reminder: the promotion already carries the
        // same details, so that reminder is skipped, like the one-day reminder already past.
        clock.set("2027-02-16T10:40:00Z");
        UUID late = UUID.randomUUID();
        String lateEmail = unique("late");
        announce(inEnglish(registration("RegistrationWaitlisted", eventId, late, lateEmail)));
        announce(inEnglish(registration("RegistrationPromoted", eventId, late, lateEmail)));
        Email promotion = Inbox.await(lateEmail, 2).get(1);
        assertThat(promotion.text()).contains(PASSCODE);
        pause();
        assertThat(remindersOf(eventId, late)).isEmpty();
    }
}
