package org.museumevents.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.museumevents.notification.Examples.announce;
import static org.museumevents.notification.Examples.catalog;
import static org.museumevents.notification.Examples.event;
import static org.museumevents.notification.Examples.publish;
import static org.museumevents.notification.Examples.registration;
import static org.museumevents.notification.Examples.unique;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.museumevents.notification.delivery.DeliveryLogEntry;
import org.museumevents.notification.privacy.PersonalDataPurge;
import org.museumevents.notification.registrant.Registrant;
import org.museumevents.notification.registrant.RegistrantRepository;
import org.museumevents.notification.registrant.RegistrationStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.node.ObjectNode;

/**
 * Personal data (issue 11): on {@code RegistrationErased} (registration-service's example,
 * registration-service/src/test/resources/messages/RegistrationErased.json),
 * and {@code notification.purge-after} after the event ends, notification's copy is erased; the
 * registration's later announcements, without name or email, still apply.
 */
@NotificationIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ErasureTest {

    static final String PASSCODE = "010934";

    @Autowired
    TestClock clock;

    @Autowired
    DeliveryLog log;

    @Autowired
    RegistrantRepository registrants;

    @Autowired
    PersonalDataPurge purge;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Environment environment;

    private static UUID publishedEvent() {
        UUID eventId = UUID.randomUUID();
        publish(catalog("EventPublished", eventId));
        return eventId;
    }

    /** A later announcement as registration-service sends it after the erasure: no personal fields. */
    private static ObjectNode withoutPersonalData(ObjectNode message) {
        for (String field : List.of("name", "email", "organisation", "timeZone", "manageUrl")) {
            message.remove(field);
        }
        return message;
    }

    private List<DeliveryLogEntry> linesOf(UUID eventId, UUID registrationId) {
        return log.of(eventId).stream()
                .filter(e -> e.registrationId().equals(registrationId))
                .toList();
    }

    private static void staysAt(String address, int count) {
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> Inbox.to(address).size() == count);
    }

    private void awaitErased(UUID registrationId) {
        await().untilAsserted(
                        () -> assertThat(registrants.find(registrationId)).get().satisfies(r -> {
                            assertThat(r.name()).isNull();
                            assertThat(r.email()).isNull();
                            assertThat(r.organisation()).isNull();
                            assertThat(r.manageUrl()).isNull();
                        }));
    }

    @Test
    void erasureMasksTheLogDropsUnsentEmailsAndForgetsTheManageLink(CapturedOutput output) {
        UUID eventId = publishedEvent();
        UUID registrationId = UUID.randomUUID();
        String email = unique("erase-me");
        announce(registration("RegistrationConfirmed", eventId, registrationId, email));
        Inbox.awaitOne(email);
        await().untilAsserted(() -> assertThat(linesOf(eventId, registrationId))
                .extracting(e -> e.kind() + ":" + e.status())
                .containsExactlyInAnyOrder("CONFIRMATION:SENT", "REMINDER:SCHEDULED", "REMINDER:SCHEDULED"));

        announce(Examples.erased(eventId, registrationId));

        awaitErased(registrationId);
        await().untilAsserted(() -> assertThat(linesOf(eventId, registrationId))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.kind() + ":" + e.status()).isEqualTo("CONFIRMATION:SENT");
                    assertThat(e.recipient()).isNull();
                }));
        assertThat(jdbc.sql("SELECT count(*) FROM notification WHERE registration_id = :id AND last_error IS NOT NULL")
                        .param("id", registrationId)
                        .query(Integer.class)
                        .single())
                .isZero();
        // The reminders' times pass: nothing more to the address.
        clock.set("2027-02-16T11:00:30Z");
        staysAt(email, 1);
        assertThat(String.join(
                        "\n",
                        output.getOut()
                                .lines()
                                .filter(l -> l.contains(" o.m.notification."))
                                .toList()))
                .contains(registrationId.toString())
                .doesNotContain(email, "Camille", "t0k3n", PASSCODE);
    }

    @Test
    void anErasedRegistrantsLaterStateChangesApplyWithoutNameOrEmailAndNeverBringTheJoinLink() {
        UUID eventId = publishedEvent();
        UUID registrationId = UUID.randomUUID();
        String email = unique("erased-waiting");
        announce(registration("RegistrationWaitlisted", eventId, registrationId, email));
        Inbox.awaitOne(email);
        announce(Examples.erased(eventId, registrationId));
        awaitErased(registrationId);

        announce(withoutPersonalData(registration("RegistrationPromoted", eventId, registrationId, email)));
        await().untilAsserted(() -> assertThat(registrants.find(registrationId))
                .get()
                .extracting(Registrant::status)
                .isEqualTo(RegistrationStatus.CONFIRMED));
        assertThat(linesOf(eventId, registrationId))
                .as("no promotion email, no reminders: nobody to write to")
                .extracting(DeliveryLogEntry::kind)
                .containsExactly("WAITLISTED");

        ObjectNode cancelled =
                withoutPersonalData(registration("RegistrationCancelled", eventId, registrationId, email));
        cancelled.putNull("email"); // null or absent: both mean none
        announce(cancelled);
        await().untilAsserted(
                        () -> assertThat(registrants.find(registrationId)).get().satisfies(r -> {
                            assertThat(r.status()).isEqualTo(RegistrationStatus.CANCELLED);
                            assertThat(r.email()).isNull();
                        }));
        clock.set("2027-02-16T11:00:30Z");
        staysAt(email, 1);
        assertThat(Inbox.to(email).get(0).everything()).doesNotContain(PASSCODE);
    }

    @Test
    void aStateChangeWithoutEmailForAnUnknownRegistrationIsStillDeadLettered() {
        UUID eventId = publishedEvent();
        ObjectNode incomplete = withoutPersonalData(
                registration("RegistrationCancelled", eventId, UUID.randomUUID(), unique("unknown")));
        announce(incomplete);
        String deadLetters =
                "error." + Broker.REGISTRATIONS + "." + environment.getRequiredProperty(IntegrationTestExtension.GROUP);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(Broker.readAll(deadLetters))
                .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .anyMatch(value -> value.contains(incomplete.get("id").asString())));
    }

    @Test
    void personalDataIsPurgedThirtyDaysAfterTheEventEndsOnOneInstanceAtATime() {
        UUID ended = publishedEvent(); // ends 16 February 2027, 13:30 UTC
        UUID later = UUID.randomUUID();
        ObjectNode laterEvent = catalog("EventPublished", later);
        event(laterEvent).put("start", "2027-06-16T13:00");
        event(laterEvent).put("end", "2027-06-16T14:30");
        event(laterEvent).put("startsAt", "2027-06-16T11:00:00Z");
        event(laterEvent).put("endsAt", "2027-06-16T12:30:00Z");
        publish(laterEvent);
        UUID gone = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        String goneEmail = unique("purged");
        String keptEmail = unique("kept");
        announce(registration("RegistrationConfirmed", ended, gone, goneEmail));
        announce(registration("RegistrationConfirmed", later, kept, keptEmail));
        Inbox.awaitOne(goneEmail);
        Inbox.awaitOne(keptEmail);
        await().until(() ->
                linesOf(ended, gone).stream().anyMatch(e -> e.status().equals("SENT")));

        clock.set("2027-03-18T13:29:00Z"); // not yet 30 days after the end
        purge.purge();
        assertThat(registrants.find(gone).orElseThrow().email()).isEqualTo(goneEmail);

        clock.set("2027-03-18T13:31:00Z");
        purge.purge();
        assertThat(registrants.find(gone).orElseThrow().email()).isNull();
        assertThat(registrants.find(gone).orElseThrow().name()).isNull();
        assertThat(linesOf(ended, gone)).isNotEmpty().allSatisfy(e -> assertThat(e.recipient())
                .isNull());
        assertThat(registrants.find(kept).orElseThrow().email()).isEqualTo(keptEmail);
        assertThat(linesOf(later, kept)).extracting(DeliveryLogEntry::recipient).contains(keptEmail);
        assertThat(jdbc.sql("SELECT count(*) FROM shedlock WHERE name = 'notification-personal-data-purge'")
                        .query(Integer.class)
                        .single())
                .as("the purge ran under its ShedLock lock")
                .isEqualTo(1);
    }
}
