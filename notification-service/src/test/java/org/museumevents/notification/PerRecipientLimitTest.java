package org.museumevents.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.museumevents.notification.Examples.announce;
import static org.museumevents.notification.Examples.catalog;
import static org.museumevents.notification.Examples.publish;
import static org.museumevents.notification.Examples.registration;
import static org.museumevents.notification.Examples.unique;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.museumevents.notification.Inbox.Email;
import org.museumevents.notification.delivery.DeliveryLogEntry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Email bombing (issue 11): register, cancel, register again at someone else's address. The
 * default policy holds, on GreenMail and the test clock: at most 5 emails to one address
 * (case-insensitive) per hour; past it they wait, the registration emails about one event collapse
 * into the latest, and a reminder waits its turn but is sent.
 */
@NotificationIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class PerRecipientLimitTest {

    static final String PASSCODE = "010934";

    @Autowired
    TestClock clock;

    @Autowired
    DeliveryLog log;

    private static String shout(String address) {
        return address.toUpperCase(Locale.ROOT);
    }

    private static int received(String address) {
        return Inbox.toIgnoringCase(address).size();
    }

    private static void awaitReceived(String address, int count) {
        await().atMost(Duration.ofSeconds(40)).until(() -> received(address) >= count);
        assertThat(received(address)).isEqualTo(count);
    }

    private static void announceThenReceive(tools.jackson.databind.node.ObjectNode message, String address, int count) {
        announce(message);
        awaitReceived(address, count);
    }

    /** The lines this service logged (GreenMail, in the same output, logs its users' addresses). */
    private static String ownLogLines(CapturedOutput output) {
        return String.join(
                        "\n",
                        output.getOut()
                                .lines()
                                .filter(line -> line.contains(" o.m.notification."))
                                .toList())
                .toLowerCase(Locale.ROOT);
    }

    /** No more than {@code count} emails reach the address while the dispatcher runs many rounds. */
    private static void staysAt(String address, int count) {
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> received(address) == count);
    }

    private List<DeliveryLogEntry> linesOf(UUID eventId, UUID registrationId, String kind) {
        return log.of(eventId, kind).stream()
                .filter(e -> e.registrationId().equals(registrationId))
                .toList();
    }

    @Test
    void registerCancelRegisterAgainIsCappedAndOnlyTheLatestStateGoesOutWhenTheWindowOpens(CapturedOutput output) {
        UUID eventId = UUID.randomUUID();
        publish(catalog("EventPublished", eventId));
        String victim = unique("bombed");
        UUID[] r = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};
        // Five emails, the address written in two cases: one address for the limit. Each is awaited,
        // or a cancellation drops the confirmation still waiting.
        announceThenReceive(registration("RegistrationConfirmed", eventId, r[0], victim), victim, 1);
        announceThenReceive(registration("RegistrationCancelled", eventId, r[0], shout(victim)), victim, 2);
        announceThenReceive(registration("RegistrationConfirmed", eventId, r[1], victim), victim, 3);
        announceThenReceive(registration("RegistrationCancelled", eventId, r[1], shout(victim)), victim, 4);
        announceThenReceive(registration("RegistrationConfirmed", eventId, r[2], victim), victim, 5);

        // Past the limit: they wait. The same registration confirmed, cancelled, confirmed again.
        announce(registration("RegistrationCancelled", eventId, r[2], shout(victim)));
        announce(registration("RegistrationConfirmed", eventId, r[3], victim));
        announce(registration("RegistrationCancelled", eventId, r[3], victim));
        announce(registration("RegistrationConfirmed", eventId, r[3], shout(victim)));
        await().untilAsserted(() -> {
            assertThat(linesOf(eventId, r[2], "CANCELLED"))
                    .singleElement()
                    .satisfies(e -> assertThat(e.status() + ":" + e.reason()).isEqualTo("FAILED:SUPERSEDED"));
            // Cancelled before anything about it went out: neither its confirmation nor a cancellation.
            assertThat(linesOf(eventId, r[3], "CANCELLED")).isEmpty();
            assertThat(linesOf(eventId, r[3], "CONFIRMATION"))
                    .extracting(e -> e.status() + ":" + e.reason())
                    .containsExactly("SCHEDULED:null");
        });
        staysAt(victim, 5);

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        awaitReceived(victim, 6);
        staysAt(victim, 6);
        Email latest = Inbox.toIgnoringCase(victim).get(5);
        assertThat(latest.subject()).startsWith("Inscription confirmée");
        assertThat(latest.text()).contains(PASSCODE, "/registrations/" + r[3] + "?token=");
        await().untilAsserted(() -> assertThat(linesOf(eventId, r[3], "CONFIRMATION"))
                .extracting(DeliveryLogEntry::status)
                .contains("SENT"));
        assertThat(linesOf(eventId, r[2], "CANCELLED")).singleElement().satisfies(e -> assertThat(e.sentAt())
                .isNull());
        assertThat(ownLogLines(output)).contains(eventId.toString()).doesNotContain(victim.toLowerCase(Locale.ROOT));
    }

    @Test
    void aReminderWaitsForTheWindowUnderBombingButIsSent() {
        UUID genuineEvent = UUID.randomUUID();
        publish(catalog("EventPublished", genuineEvent)); // 16 February 2027, 12:00 UTC; reminder P1D
        String person = unique("genuine");
        UUID genuine = UUID.randomUUID();
        announce(registration("RegistrationConfirmed", genuineEvent, genuine, person));
        awaitReceived(person, 1);

        // Half an hour before the one-day reminder, someone bombs the address through another event.
        clock.set("2027-02-15T11:30:00Z");
        UUID otherEvent = UUID.randomUUID();
        publish(catalog("EventPublished", otherEvent));
        UUID[] r = new UUID[6];
        for (int i = 0; i < r.length; i++) {
            r[i] = UUID.randomUUID();
        }
        announceThenReceive(registration("RegistrationConfirmed", otherEvent, r[0], shout(person)), person, 2);
        announceThenReceive(registration("RegistrationCancelled", otherEvent, r[0], person), person, 3);
        announceThenReceive(registration("RegistrationConfirmed", otherEvent, r[1], shout(person)), person, 4);
        announceThenReceive(registration("RegistrationCancelled", otherEvent, r[1], person), person, 5);
        announceThenReceive(registration("RegistrationConfirmed", otherEvent, r[2], shout(person)), person, 6);

        clock.set("2027-02-15T12:00:30Z");
        for (int i = 2; i < r.length; i++) {
            announce(registration("RegistrationCancelled", otherEvent, r[i], person));
            if (i + 1 < r.length) {
                announce(registration("RegistrationConfirmed", otherEvent, r[i + 1], shout(person)));
            }
        }
        staysAt(person, 6);
        assertThat(linesOf(genuineEvent, genuine, "REMINDER"))
                .extracting(DeliveryLogEntry::status)
                .containsOnly("SCHEDULED");

        // The window opens: the reminder, due first, goes first; the bombing collapsed into its latest.
        clock.set("2027-02-15T12:30:30Z");
        await().untilAsserted(() -> assertThat(linesOf(genuineEvent, genuine, "REMINDER"))
                .extracting(DeliveryLogEntry::status)
                .contains("SENT"));
        awaitReceived(person, 8);
        staysAt(person, 8);
        assertThat(Inbox.toIgnoringCase(person))
                .extracting(Email::subject)
                .filteredOn(s -> s.startsWith("Rappel"))
                .hasSize(1);
        assertThat(Inbox.toIgnoringCase(person).get(7).subject()).startsWith("Inscription annulée");
    }
}
