package org.museumevents.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.museumevents.notification.Examples.announce;
import static org.museumevents.notification.Examples.catalog;
import static org.museumevents.notification.Examples.event;
import static org.museumevents.notification.Examples.publish;
import static org.museumevents.notification.Examples.registration;
import static org.museumevents.notification.Examples.unique;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.museumevents.notification.Inbox.Email;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.node.ObjectNode;

/** One email per registration outcome, in the registrant's language, join details for the confirmed only. */
@NotificationIntegrationTest
class RegistrationEmailsTest {

    static final String JOIN_URL = "us02web.zoom.us/j/82342861023";
    static final String MEETING_ID = "823 4286 1023";
    static final String PASSCODE = "010934";

    @Autowired
    DeliveryLog log;

    private UUID publishedEvent() {
        UUID eventId = UUID.randomUUID();
        publish(catalog("EventPublished", eventId));
        return eventId;
    }

    @Test
    void confirmationInTheRegistrantsLanguageCarriesJoinDetailsBothTimesAndTheCalendarEntry() {
        UUID eventId = publishedEvent();
        UUID registrationId = UUID.randomUUID();
        String email = unique("ada");
        ObjectNode confirmed = registration("RegistrationConfirmed", eventId, registrationId, email);
        confirmed.put("language", "en");
        confirmed.put("timeZone", "America/New_York");
        announce(confirmed);

        Email mail = Inbox.awaitOne(email);
        assertThat(mail.subject()).isEqualTo("Registration confirmed: Is the digital world inclusive?");
        assertThat(mail.language()).isEqualTo("en");
        for (String body : List.of(mail.text(), mail.html())) {
            assertThat(body)
                    .contains(JOIN_URL, MEETING_ID, PASSCODE)
                    .contains("Tuesday 16 February 2027, 13:00 – 14:30 (Europe/Paris)")
                    .contains("07:00 – 08:30 (America/New_York)")
                    .contains("/registrations/" + registrationId + "?token=")
                    .contains("Free, accessible, sustainable");
        }
        assertThat(mail.html()).contains("name=\"viewport\"");
        assertThat(mail.messageId()).matches("<[0-9a-f-]{36}@museum-events>");
        // RFC 5322 §3.3, in UTC whatever the server's zone (the suite runs in Pacific/Auckland).
        assertThat(mail.date()).matches("[A-Z][a-z]{2}, \\d{1,2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} \\+0000");

        assertThat(mail.calendarProperty("METHOD")).contains("REQUEST");
        assertThat(mail.eventProperty("UID")).contains(eventId + "@museum-events");
        assertThat(mail.eventProperty("SEQUENCE")).contains("2");
        assertThat(mail.eventProperty("DESCRIPTION").orElseThrow()).contains(JOIN_URL, PASSCODE);
        assertThat(mail.parsedCalendar().getComponent("VTIMEZONE")).isPresent();
        assertThat(mail.calendar()).contains("DTSTART;TZID=Europe/Paris:20270216T130000");

        await().untilAsserted(() -> assertThat(log.of(eventId, "CONFIRMATION"))
                .singleElement()
                .satisfies(entry -> {
                    assertThat(entry.kind()).isEqualTo("CONFIRMATION");
                    assertThat(entry.status()).isEqualTo("SENT");
                    assertThat(entry.attempts()).isEqualTo(1);
                    assertThat(entry.recipient()).isEqualTo(email);
                    assertThat(entry.sentAt()).isNotNull();
                }));
    }

    @Test
    void waitlistedPendingRejectedAndCancelledEmailsNeverCarryJoinDetails() {
        UUID eventId = publishedEvent();
        String waitlisted = unique("wait");
        String pending = unique("pend");
        String rejected = unique("rej");
        String cancelled = unique("canc");
        announce(registration("RegistrationWaitlisted", eventId, UUID.randomUUID(), waitlisted));
        ObjectNode pendingMessage = registration("RegistrationPending", eventId, UUID.randomUUID(), pending);
        pendingMessage.put("language", "es");
        announce(pendingMessage);
        UUID rejectedId = UUID.randomUUID();
        announce(registration("RegistrationPending", eventId, rejectedId, rejected));
        announce(registration("RegistrationRejected", eventId, rejectedId, rejected));
        UUID cancelledId = UUID.randomUUID();
        announce(registration("RegistrationConfirmed", eventId, cancelledId, cancelled));
        Inbox.awaitOne(cancelled);
        announce(registration("RegistrationCancelled", eventId, cancelledId, cancelled));

        Email waitlist = Inbox.awaitOne(waitlisted);
        assertThat(waitlist.subject()).isEqualTo("Sur liste d’attente\u202f: Le numérique est-il solidaire ?");
        assertThat(waitlist.text()).contains("vous êtes en position 3 sur la liste d’attente");
        assertThat(waitlist.text()).contains("Le lien pour participer vous sera envoyé");
        assertThat(waitlist.calendar()).isNull();

        Email pendingMail = Inbox.awaitOne(pending);
        // Spanish registrant, no Spanish title: the event's default language (fr) for its texts.
        assertThat(pendingMail.subject())
                .isEqualTo("Inscripción recibida, pendiente de aprobación: Le numérique est-il solidaire ?");
        assertThat(pendingMail.text()).contains("Hemos recibido su inscripción", "martes, 16 de febrero de 2027");

        List<Email> rejectedMails = Inbox.await(rejected, 2);
        assertThat(rejectedMails)
                .extracting(Email::subject)
                .containsExactlyInAnyOrder(
                        "Inscription reçue, en attente de validation\u202f: Le numérique est-il solidaire ?",
                        "Inscription non retenue\u202f: Le numérique est-il solidaire ?");

        Email cancellation = Inbox.await(cancelled, 2).stream()
                .filter(m -> m.subject().startsWith("Inscription annulée"))
                .findFirst()
                .orElseThrow();
        assertThat(cancellation.calendarProperty("METHOD")).contains("CANCEL");
        assertThat(cancellation.eventProperty("UID")).contains(eventId + "@museum-events");

        for (Email mail : List.of(waitlist, pendingMail, rejectedMails.get(0), rejectedMails.get(1), cancellation)) {
            assertThat(mail.everything()).doesNotContain(JOIN_URL, MEETING_ID, PASSCODE);
        }
    }

    @Test
    void promotionAfterACancellationBringsTheJoinDetailsToTheNextInLine() {
        UUID eventId = publishedEvent();
        UUID firstId = UUID.randomUUID();
        UUID secondId = UUID.randomUUID();
        String first = unique("first");
        String second = unique("second");
        announce(registration("RegistrationConfirmed", eventId, firstId, first));
        announce(registration("RegistrationWaitlisted", eventId, secondId, second));
        Inbox.awaitOne(first);
        Inbox.awaitOne(second);

        announce(registration("RegistrationCancelled", eventId, firstId, first));
        ObjectNode promoted = registration("RegistrationPromoted", eventId, secondId, second);
        promoted.put("language", "en");
        announce(promoted);

        Email promotion = Inbox.await(second, 2).get(1);
        assertThat(promotion.subject()).isEqualTo("A place is yours: Is the digital world inclusive?");
        assertThat(promotion.text()).contains(JOIN_URL, MEETING_ID, PASSCODE);
        assertThat(promotion.calendarProperty("METHOD")).contains("REQUEST");
        assertThat(promotion.eventProperty("DESCRIPTION").orElseThrow()).contains(JOIN_URL);

        List<Email> firstMails = Inbox.await(first, 2);
        assertThat(firstMails.get(1).subject()).startsWith("Inscription annulée");
        assertThat(firstMails.get(1).everything()).doesNotContain(PASSCODE);
        await().untilAsserted(() -> assertThat(log.of(eventId))
                .extracting(e -> e.kind() + ":" + e.status())
                .contains("CONFIRMATION:SENT", "WAITLISTED:SENT", "CANCELLED:SENT", "PROMOTED:SENT"));
        // The promoted registrant now has reminders; the cancelled one none.
        assertThat(log.of(eventId, "REMINDER"))
                .extracting(e -> e.registrationId())
                .containsOnly(secondId);
    }

    @Test
    void inPersonEventsGiveTheVenueAndHybridOnesBoth() {
        UUID inPerson = UUID.randomUUID();
        ObjectNode workshop = catalog("EventPublished", inPerson);
        event(workshop).put("format", "IN_PERSON");
        event(workshop).remove("meeting");
        ObjectNode venue = event(workshop).putObject("venue");
        venue.put("name", "La Coursive Boutaric");
        venue.put("address", "2 rue Boutaric");
        venue.put("city", "Dijon");
        venue.put("country", "FR");
        publish(workshop);
        UUID hybrid = UUID.randomUUID();
        ObjectNode both = catalog("EventPublished", hybrid);
        event(both).put("format", "HYBRID");
        event(both).set("venue", venue.deepCopy());
        publish(both);

        String visitor = unique("visitor");
        String remote = unique("remote");
        announce(registration("RegistrationConfirmed", inPerson, UUID.randomUUID(), visitor));
        announce(registration("RegistrationConfirmed", hybrid, UUID.randomUUID(), remote));

        Email there = Inbox.awaitOne(visitor);
        assertThat(there.text()).contains("La Coursive Boutaric, 2 rue Boutaric, Dijon, FR");
        assertThat(there.everything()).doesNotContain(JOIN_URL);
        assertThat(there.eventProperty("LOCATION")).contains("La Coursive Boutaric, 2 rue Boutaric, Dijon, FR");

        Email either = Inbox.awaitOne(remote);
        assertThat(either.text()).contains("La Coursive Boutaric, 2 rue Boutaric, Dijon, FR", JOIN_URL, PASSCODE);
    }

    @Test
    void aRegistrationAnnouncedBeforeItsEventIsSentOnceTheEventIsKnown() {
        UUID eventId = UUID.randomUUID();
        String early = unique("early");
        announce(registration("RegistrationConfirmed", eventId, UUID.randomUUID(), early));
        await().untilAsserted(() -> assertThat(log.of(eventId))
                .extracting(e -> e.kind() + ":" + e.status())
                .containsExactly("CONFIRMATION:SCHEDULED"));
        await().during(Duration.ofSeconds(1)).until(() -> Inbox.to(early).isEmpty());

        publish(catalog("EventPublished", eventId));

        Email mail = Inbox.awaitOne(early);
        assertThat(mail.subject()).startsWith("Inscription confirmée");
        assertThat(mail.text()).contains(PASSCODE);
        // Planned once the event told when it starts.
        await().untilAsserted(() -> assertThat(log.of(eventId, "REMINDER")).hasSize(2));
    }
}
