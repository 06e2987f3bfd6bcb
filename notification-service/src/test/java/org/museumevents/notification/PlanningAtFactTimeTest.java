package org.museumevents.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.museumevents.notification.Examples.announce;
import static org.museumevents.notification.Examples.catalog;
import static org.museumevents.notification.Examples.publish;
import static org.museumevents.notification.Examples.registration;
import static org.museumevents.notification.Examples.unique;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.museumevents.notification.Inbox.Email;
import org.museumevents.notification.delivery.DeliveryLogEntry;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 13: every rule about time is judged at the time the fact happened (the message's {@code
 * occurredAt}), not when the message is processed, so a consumer that falls behind never drops a
 * reminder. The example event starts on 16 February 2027 at 12:00 UTC, with reminders one day and
 * one hour before; no reminder within 30 minutes after the fact that planned it.
 */
@NotificationIntegrationTest
class PlanningAtFactTimeTest {

    static final Instant HOUR_BEFORE = Instant.parse("2027-02-16T11:00:00Z");

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

    @Test
    void aBacklogProcessedAfterTheReminderFellDueStillRemindsEveryConfirmedRegistrantAtOnce() {
        clock.set("2027-02-16T10:00:00Z"); // an hour before the one-hour reminder
        UUID eventId = UUID.randomUUID();
        publish(catalog("EventPublished", eventId));
        Map<UUID, String> registrants = new LinkedHashMap<>();
        List<ObjectNode> confirmations = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            UUID registrationId = UUID.randomUUID();
            String email = unique("backlog" + i);
            registrants.put(registrationId, email);
            confirmations.add(inEnglish(registration("RegistrationConfirmed", eventId, registrationId, email)));
        }

        // Confirmed at 10:00, read only at 11:10: the one-hour reminder (11:00) was worth planning
        // when they were confirmed, and the event has not started; the day-before one was past.
        clock.set("2027-02-16T11:10:00Z");
        confirmations.forEach(Examples::announce);

        registrants.forEach((registrationId, email) -> {
            List<Email> received = Inbox.await(email, 2);
            assertThat(received)
                    .extracting(Email::subject)
                    .as("the confirmation and the late reminder")
                    .contains("Reminder: Is the digital world inclusive?");
            assertThat(remindersOf(eventId, registrationId)).containsExactly(HOUR_BEFORE);
        });
        assertThat(log.of(eventId, "REMINDER"))
                .hasSize(registrants.size())
                .extracting(DeliveryLogEntry::status)
                .containsOnly("SENT");
    }

    @Test
    void aConfirmationTooCloseToTheReminderWhenItHappenedGetsNoneOfItWheneverItIsRead() {
        clock.set("2027-02-16T09:00:00Z");
        UUID eventId = UUID.randomUUID();
        publish(catalog("EventPublished", eventId));

        // Confirmed at 10:40, twenty minutes before the one-hour reminder: its own email carries the
        // details. Read "before" it happened (the producer's clock ahead of this one's), by the old
        // rule (the processing clock) the reminder would be planned.
        UUID early = UUID.randomUUID();
        String earlyEmail = unique("skewed");
        ObjectNode skewed = inEnglish(registration("RegistrationConfirmed", eventId, early, earlyEmail));
        skewed.put("occurredAt", "2027-02-16T10:40:00Z");
        announce(skewed);
        Inbox.awaitOne(earlyEmail); // committed with whatever planning it did
        assertThat(remindersOf(eventId, early)).isEmpty();

        // Read late, after the reminder fell due: none either.
        clock.set("2027-02-16T10:40:00Z");
        UUID late = UUID.randomUUID();
        String lateEmail = unique("late");
        ObjectNode confirmation = inEnglish(registration("RegistrationConfirmed", eventId, late, lateEmail));
        clock.set("2027-02-16T11:20:00Z");
        announce(confirmation);
        Inbox.awaitOne(lateEmail);
        assertThat(remindersOf(eventId, late)).isEmpty();
    }

    @Test
    void aMoveOfTheEventReplansTheRemindersOfEveryRegistrant() {
        UUID eventId = UUID.randomUUID();
        publish(catalog("EventPublished", eventId));
        List<UUID> confirmed = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            UUID registrationId = UUID.randomUUID();
            confirmed.add(registrationId);
            announce(inEnglish(registration("RegistrationConfirmed", eventId, registrationId, unique("moved" + i))));
        }
        await().untilAsserted(() -> assertThat(log.of(eventId, "REMINDER")).hasSize(50));

        publish(catalog("EventUpdated", eventId)); // an hour later: 13:00 UTC

        await().untilAsserted(() -> {
            for (UUID registrationId : confirmed) {
                assertThat(remindersOf(eventId, registrationId))
                        .containsExactly(Instant.parse("2027-02-15T13:00:00Z"), Instant.parse("2027-02-16T12:00:00Z"));
            }
        });
        assertThat(log.of(eventId, "REMINDER")).hasSize(50);
        assertThat(log.of(eventId, "EVENT_UPDATED")).hasSize(25);
    }

    /**
     * An event cancelled or edited after its end emails nobody (issue 12); one cancelled or edited
     * before its end is told, even when the message is read after the end.
     */
    @ParameterizedTest
    @ValueSource(strings = {"EventCancelled", "EventUpdated"})
    void aChangeMadeBeforeTheEndIsToldEvenWhenReadAfterIt(String change) {
        UUID eventId = UUID.randomUUID();
        publish(catalog("EventPublished", eventId)); // 16 February 2027, 12:00 to 13:30 UTC
        String email = unique("told-late");
        // Waiting for a place: told of changes, and no reminder due meanwhile to get in the way.
        announce(inEnglish(registration("RegistrationWaitlisted", eventId, UUID.randomUUID(), email)));
        Inbox.awaitOne(email);

        ObjectNode message = catalog(change, eventId);
        message.put("occurredAt", "2027-02-16T09:00:00Z"); // made that morning
        clock.set("2027-02-16T20:00:00Z"); // read in the evening, after the end
        publish(message);

        List<Email> received = Inbox.await(email, 2);
        assertThat(received.get(1).subject()).startsWith(change.equals("EventCancelled") ? "Cancelled" : "Changed");
        assertThat(log.of(eventId, change.equals("EventCancelled") ? "EVENT_CANCELLED" : "EVENT_UPDATED"))
                .hasSize(1);
    }
}
