package org.museumevents.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.museumevents.notification.Examples.announce;
import static org.museumevents.notification.Examples.catalog;
import static org.museumevents.notification.Examples.publish;
import static org.museumevents.notification.Examples.registration;
import static org.museumevents.notification.Examples.unique;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.museumevents.notification.Inbox.Email;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the catalog changes reaches the registrants: a moved event its new details (join details to
 * the confirmed only), a cancelled one a cancellation that removes the calendar entry; and the
 * consumers' idempotency and dead letters.
 */
@NotificationIntegrationTest
class EventChangesTest {

    static final String PASSCODE = "010934";
    static final String JOIN_URL = "us02web.zoom.us/j/82342861023";

    @Autowired
    DeliveryLog log;

    @Autowired
    Environment environment;

    @Autowired
    TestClock clock;

    private ObjectNode inEnglish(ObjectNode message) {
        message.put("language", "en");
        return message;
    }

    @Test
    void aMovedEventSendsItsNewTimeToActiveRegistrantsAndJoinDetailsToTheConfirmedOnly() {
        UUID eventId = UUID.randomUUID();
        publish(catalog("EventPublished", eventId));
        String confirmed = unique("moved-confirmed");
        String waiting = unique("moved-waiting");
        announce(inEnglish(registration("RegistrationConfirmed", eventId, UUID.randomUUID(), confirmed)));
        announce(inEnglish(registration("RegistrationWaitlisted", eventId, UUID.randomUUID(), waiting)));
        Inbox.awaitOne(confirmed);
        Inbox.awaitOne(waiting);

        publish(catalog("EventUpdated", eventId)); // 14:00 instead of 13:00, version 3

        Email update = Inbox.await(confirmed, 2).get(1);
        assertThat(update.subject()).isEqualTo("Changed: Is the digital world inclusive?");
        assertThat(update.text())
                .contains("Tuesday 16 February 2027, 14:00 – 15:30 (Europe/Paris)")
                .contains(JOIN_URL, PASSCODE);
        assertThat(update.eventProperty("SEQUENCE")).contains("3");
        assertThat(update.calendar()).contains("DTSTART;TZID=Europe/Paris:20270216T140000");

        Email waitingUpdate = Inbox.await(waiting, 2).get(1);
        assertThat(waitingUpdate.subject()).isEqualTo("Changed: Is the digital world inclusive?");
        assertThat(waitingUpdate.text()).contains("14:00 – 15:30 (Europe/Paris)");
        assertThat(waitingUpdate.everything()).doesNotContain(PASSCODE, JOIN_URL, "823 4286 1023");

        // An older version arriving late changes nothing and sends nothing.
        publish(catalog("EventPublished", eventId));
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        assertThat(Inbox.to(confirmed)).hasSize(2);
        assertThat(log.of(eventId, "EVENT_UPDATED")).hasSize(2);
    }

    /**
     * An event that is over tells nobody (issue 12): cancelled after its end, or edited after it
     * (a corrected link, a moved time that is still past), no registrant receives a cancellation
     * that would withdraw the entry of an event they attended, nor a "changed" email offering to
     * cancel a registration that can no longer change.
     */
    @ParameterizedTest
    @ValueSource(strings = {"EventCancelled", "EventUpdated"})
    void anEventThatIsOverTellsNobody(String change) {
        UUID eventId = UUID.randomUUID();
        publish(catalog("EventPublished", eventId)); // 16 February 2027, 12:00 to 13:30 UTC
        String confirmed = unique("over-confirmed");
        String waiting = unique("over-waiting");
        announce(inEnglish(registration("RegistrationConfirmed", eventId, UUID.randomUUID(), confirmed)));
        announce(inEnglish(registration("RegistrationWaitlisted", eventId, UUID.randomUUID(), waiting)));
        Inbox.awaitOne(confirmed);
        Inbox.awaitOne(waiting);

        clock.set("2027-02-16T20:00:00Z"); // the evening after it ended
        publish(catalog(change, eventId)); // cancelled, or moved to 14:00 that same day

        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        assertThat(Inbox.to(confirmed)).hasSize(1);
        assertThat(Inbox.to(waiting)).hasSize(1);
        assertThat(log.of(eventId, "EVENT_CANCELLED")).isEmpty();
        assertThat(log.of(eventId, "EVENT_UPDATED")).isEmpty();
    }

    @Test
    void aCancelledEventTellsEachActiveRegistrantOnceAndCancelsTheCalendarEntry() {
        UUID eventId = UUID.randomUUID();
        publish(catalog("EventPublished", eventId));
        String confirmed = unique("cancel-confirmed");
        String pending = unique("cancel-pending");
        String gone = unique("cancel-gone");
        UUID goneId = UUID.randomUUID();
        announce(inEnglish(registration("RegistrationConfirmed", eventId, UUID.randomUUID(), confirmed)));
        announce(inEnglish(registration("RegistrationPending", eventId, UUID.randomUUID(), pending)));
        announce(inEnglish(registration("RegistrationConfirmed", eventId, goneId, gone)));
        Inbox.awaitOne(gone);
        announce(inEnglish(registration("RegistrationCancelled", eventId, goneId, gone)));
        Inbox.awaitOne(confirmed);
        Inbox.awaitOne(pending);
        Inbox.await(gone, 2);
        await().until(() -> log.of(eventId, "REMINDER").size() == 2); // P1D and PT1H for the one confirmed

        ObjectNode cancelled = catalog("EventCancelled", eventId);
        publish(cancelled);
        publish(cancelled); // the same message again
        publish(catalog("EventCancelled", eventId)); // the same version under another message id

        Email cancellation = Inbox.await(confirmed, 2).get(1);
        assertThat(cancellation.subject()).isEqualTo("Cancelled: Is the digital world inclusive?");
        assertThat(cancellation.calendarProperty("METHOD")).contains("CANCEL");
        assertThat(cancellation.eventProperty("UID")).contains(eventId + "@museum-events");
        assertThat(cancellation.eventProperty("STATUS")).contains("CANCELLED");
        assertThat(cancellation.everything()).doesNotContain(PASSCODE, JOIN_URL);
        assertThat(Inbox.await(pending, 2).get(1).subject()).isEqualTo("Cancelled: Is the digital world inclusive?");

        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        assertThat(Inbox.to(confirmed)).hasSize(2);
        assertThat(Inbox.to(pending)).hasSize(2);
        assertThat(Inbox.to(gone))
                .as("a registrant who had cancelled hears nothing more")
                .hasSize(2);
        assertThat(log.of(eventId, "EVENT_CANCELLED")).hasSize(2);
        assertThat(log.of(eventId, "REMINDER"))
                .as("reminders of a cancelled event are dropped")
                .isEmpty();
    }

    @Test
    void theSameRegistrationMessageDeliveredTwiceSendsOneEmail() {
        UUID eventId = UUID.randomUUID();
        publish(catalog("EventPublished", eventId));
        String email = unique("twice");
        ObjectNode confirmed = registration("RegistrationConfirmed", eventId, UUID.randomUUID(), email);
        announce(confirmed);
        announce(confirmed);

        Inbox.awaitOne(email);
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        assertThat(Inbox.to(email)).hasSize(1);
        assertThat(log.of(eventId, "CONFIRMATION")).hasSize(1);
    }

    @Test
    void anUnreadableMessageGoesToTheDeadLetterTopicAndTheConsumerGoesOn() {
        UUID eventId = UUID.randomUUID();
        publish(catalog("EventPublished", eventId));
        String poison = "{\"type\": \"RegistrationConfirmed\", \"id\": \"not-a-uuid\", " + UUID.randomUUID();
        Broker.sendRaw(Broker.REGISTRATIONS, eventId.toString(), poison.getBytes(StandardCharsets.UTF_8));
        String email = unique("after-poison");
        announce(registration("RegistrationConfirmed", eventId, UUID.randomUUID(), email));

        Inbox.awaitOne(email);
        String deadLetters =
                "error." + Broker.REGISTRATIONS + "." + environment.getRequiredProperty(IntegrationTestExtension.GROUP);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(Broker.readAll(deadLetters))
                .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .contains(poison));
    }
}
