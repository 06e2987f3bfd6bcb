package org.museumevents.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.museumevents.notification.Examples.announce;
import static org.museumevents.notification.Examples.catalog;
import static org.museumevents.notification.Examples.catalogWithFollowUp;
import static org.museumevents.notification.Examples.event;
import static org.museumevents.notification.Examples.publish;
import static org.museumevents.notification.Examples.registration;
import static org.museumevents.notification.Examples.unique;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.museumevents.notification.Inbox.Email;
import org.museumevents.notification.delivery.DeliveryLogEntry;
import org.museumevents.notification.event.KnownEventRepository;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 17's emails (docs/api.md, "Series subscriptions and reconfirmation"): the reconfirmation
 * question and its reminder, the release, and the subscription's paragraph on a registration's
 * emails, in fr/en/es, with their links and never a meeting secret; a released registrant is
 * treated like a cancelled one by every audience. The example event (online, Zoom) starts on 16
 * February 2027 at 13:00 in Paris, with reminders one day and one hour before.
 */
@NotificationIntegrationTest
class SubscriptionAndReconfirmationEmailsTest {

    static final String JOIN_URL = "us02web.zoom.us/j/82342861023";
    static final String MEETING_ID = "823 4286 1023";
    static final String PASSCODE = "010934";
    /** The producer's example check-in code: a secret too, never in these emails. */
    static final String CHECK_IN_CODE = "pQ7rX2mK9vB4nL8sT1wZcA";

    @Autowired
    TestClock clock;

    @Autowired
    DeliveryLog log;

    @Autowired
    KnownEventRepository events;

    @Autowired
    MockMvc mvc;

    private UUID publishedEvent() {
        UUID eventId = UUID.randomUUID();
        publish(catalog("EventPublished", eventId));
        await().until(() -> events.find(eventId).isPresent());
        return eventId;
    }

    private static ObjectNode in(String language, ObjectNode message) {
        message.put("language", language);
        return message;
    }

    private static String reconfirmUrl(UUID registrationId) {
        return "https://events.museum-events.org/registrations/" + registrationId + "/reconfirm?token=t0k3n-"
                + registrationId;
    }

    private static String declineUrl(UUID registrationId) {
        return "https://events.museum-events.org/registrations/" + registrationId + "/decline?token=t0k3n-"
                + registrationId;
    }

    private static String manageUrl(UUID registrationId) {
        return "https://events.museum-events.org/registrations/" + registrationId + "?token=t0k3n-" + registrationId;
    }

    private static void pause() {
        // Long enough for several dispatcher rounds (every 200 ms in these tests).
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
    }

    private static void assertNoMeetingSecret(Email mail) {
        assertThat(mail.everything()).doesNotContain(JOIN_URL, MEETING_ID, PASSCODE, CHECK_IN_CODE);
        assertThat(mail.calendar()).isNull();
    }

    /**
     * The question and its reminder, in each registrant's language, with "yes, I come" and "no,
     * free my place" (their own links) and the start in their zone, without the join details.
     * Seen failing once on purpose (2026-11-30): with {@code EmailKind.carriesJoinDetails} true for
     * the questions, the join link and passcode appeared and this test failed; restored since.
     */
    @Test
    void theReconfirmationQuestionAndItsReminderCarryTheirLinksInEachLanguageAndNoMeetingSecret() {
        UUID eventId = publishedEvent();
        Map<String, List<String>> expected = Map.of(
                "en",
                List.of(
                        "Are you still coming? Is the digital world inclusive?",
                        "Reminder: are you still coming? Is the digital world inclusive?",
                        "Are you still coming to \u201cIs the digital world inclusive?\u201d on Tuesday 16 February"
                                + " 2027, 13:00 (Europe/Paris)?",
                        "Yes, I come: ",
                        "No, free my place: "),
                "fr",
                List.of(
                        "Venez-vous toujours\u202f? Le numérique est-il solidaire ?",
                        "Rappel\u202f: venez-vous toujours\u202f? Le numérique est-il solidaire ?",
                        "Venez-vous toujours à «\u202fLe numérique est-il solidaire ?\u202f» le mardi 16 février"
                                + " 2027, 13:00 (Europe/Paris)\u202f?",
                        "Oui, je viens\u202f: ",
                        "Non, libérer ma place\u202f: "),
                "es",
                List.of(
                        "¿Sigue viniendo? Le numérique est-il solidaire ?",
                        "Recordatorio: ¿sigue viniendo? Le numérique est-il solidaire ?",
                        "¿Sigue viniendo a «Le numérique est-il solidaire ?» el martes, 16 de febrero de 2027,"
                                + " 13:00 (Europe/Paris)?",
                        "Sí, vengo: ",
                        "No, liberar mi plaza: "));
        expected.forEach((language, texts) -> {
            UUID id = UUID.randomUUID();
            String email = unique("ask-" + language);
            announce(in(language, registration("RegistrationConfirmed", eventId, id, email)));
            Inbox.awaitOne(email);
            announce(in(language, registration("RegistrationReconfirmationRequested", eventId, id, email)));
            Inbox.await(email, 2);
            announce(in(language, registration("RegistrationReconfirmationReminded", eventId, id, email)));
            List<Email> mails = Inbox.await(email, 3);

            Email asked = mails.get(1);
            Email reminded = mails.get(2);
            assertThat(asked.subject()).isEqualTo(texts.get(0));
            assertThat(reminded.subject()).isEqualTo(texts.get(1));
            for (Email mail : List.of(asked, reminded)) {
                assertThat(mail.language()).isEqualTo(language);
                assertThat(mail.text())
                        .contains(texts.get(3) + reconfirmUrl(id))
                        .contains(texts.get(4) + declineUrl(id));
                assertThat(mail.html())
                        .contains("href=\"" + reconfirmUrl(id) + "\"")
                        .contains("href=\"" + declineUrl(id) + "\"");
                assertNoMeetingSecret(mail);
            }
            assertThat(asked.text()).contains(texts.get(2));
            // The confirmation before them did carry the join details: the question holds them back.
            assertThat(mails.get(0).text()).contains(JOIN_URL, PASSCODE);
        });
        await().untilAsserted(() -> assertThat(log.of(eventId, "RECONFIRMATION_REQUESTED"))
                .hasSize(3)
                .allSatisfy(e -> assertThat(e.status()).isEqualTo("SENT")));
        await().untilAsserted(() -> assertThat(log.of(eventId, "RECONFIRMATION_REMINDED"))
                .hasSize(3)
                .allSatisfy(e -> assertThat(e.status()).isEqualTo("SENT")));
    }

    /** "I come" changes nothing to tell; and a message delivered twice is written once. */
    @Test
    void aReconfirmationSendsNothingAndADuplicateQuestionIsSentOnce() {
        UUID eventId = publishedEvent();
        UUID id = UUID.randomUUID();
        String email = unique("yes");
        announce(registration("RegistrationConfirmed", eventId, id, email));
        Inbox.awaitOne(email);
        ObjectNode asked = registration("RegistrationReconfirmationRequested", eventId, id, email);
        announce(asked);
        announce(asked.deepCopy());
        Inbox.await(email, 2);
        ObjectNode reconfirmed = registration("RegistrationReconfirmed", eventId, id, email);
        announce(reconfirmed);
        announce(reconfirmed.deepCopy());
        pause();
        assertThat(Inbox.to(email)).hasSize(2);
        assertThat(log.of(eventId, "RECONFIRMATION_REQUESTED")).hasSize(1);
        assertThat(log.of(eventId).stream().map(DeliveryLogEntry::kind))
                .containsExactlyInAnyOrder("CONFIRMATION", "RECONFIRMATION_REQUESTED", "REMINDER", "REMINDER");
    }

    /**
     * The release says so in the registrant's language with the link to take a place back (no
     * "decline", no join details); the released registrant gets no reminder; taking a place back
     * (a {@code RegistrationConfirmed} with previousStatus RELEASED) is a normal confirmation, join
     * details and calendar entry included, and brings the reminders still ahead back.
     */
    @Test
    void aReleaseOffersThePlaceBackStopsTheRemindersAndTakingItBackIsANormalConfirmation() {
        UUID eventId = publishedEvent();
        Map<String, List<String>> expected = Map.of(
                "en",
                List.of(
                        "Your place was released: Is the digital world inclusive?",
                        "Take a place back while one is free: ",
                        "as you did not reconfirm in time"),
                "fr",
                List.of(
                        "Votre place a été libérée\u202f: Le numérique est-il solidaire ?",
                        "Reprendre une place tant qu’il en reste une\u202f: ",
                        "faute de confirmation à temps"),
                "es",
                List.of(
                        "Su plaza ha sido liberada: Le numérique est-il solidaire ?",
                        "Recuperar una plaza mientras quede alguna: ",
                        "porque no la reconfirmó a tiempo"));
        UUID english = null;
        String englishEmail = null;
        for (var entry : expected.entrySet()) {
            String language = entry.getKey();
            List<String> texts = entry.getValue();
            UUID id = UUID.randomUUID();
            String email = unique("released-" + language);
            announce(in(language, registration("RegistrationConfirmed", eventId, id, email)));
            Inbox.awaitOne(email);
            await().untilAsserted(() -> assertThat(remindersOf(eventId, id)).hasSize(2));
            announce(in(language, registration("RegistrationReleased", eventId, id, email)));
            Email released = Inbox.await(email, 2).get(1);
            assertThat(released.subject()).isEqualTo(texts.get(0));
            assertThat(released.language()).isEqualTo(language);
            assertThat(released.text())
                    .contains(texts.get(1) + reconfirmUrl(id))
                    .contains(texts.get(2))
                    .doesNotContain(declineUrl(id))
                    // Nothing left to manage or cancel.
                    .doesNotContain(manageUrl(id));
            assertThat(released.html()).contains("href=\"" + reconfirmUrl(id) + "\"");
            // The confirmation's calendar entry is withdrawn, without the meeting.
            assertThat(released.calendarProperty("METHOD")).contains("CANCEL");
            assertThat(released.everything()).doesNotContain(JOIN_URL, MEETING_ID, PASSCODE, CHECK_IN_CODE);
            assertThat(released.calendar()).doesNotContain(JOIN_URL, MEETING_ID, PASSCODE);
            await().untilAsserted(() -> assertThat(remindersOf(eventId, id)).isEmpty());
            if (language.equals("en")) {
                english = id;
                englishEmail = email;
            }
        }
        UUID control = UUID.randomUUID();
        String controlEmail = unique("still-confirmed");
        announce(registration("RegistrationConfirmed", eventId, control, controlEmail));
        Inbox.awaitOne(controlEmail);

        // The day-before reminder falls due: the confirmed get it, the released do not.
        clock.set("2027-02-15T12:00:30Z");
        Inbox.await(controlEmail, 2);
        pause();
        assertThat(Inbox.to(englishEmail)).hasSize(2);

        // Taking a place back: the normal confirmation, and the hour-before reminder again.
        ObjectNode back = in("en", registration("RegistrationConfirmed", eventId, english, englishEmail));
        back.put("previousStatus", "RELEASED");
        announce(back);
        Email confirmation = Inbox.await(englishEmail, 3).get(2);
        assertThat(confirmation.subject()).isEqualTo("Registration confirmed: Is the digital world inclusive?");
        assertThat(confirmation.text()).contains(JOIN_URL, MEETING_ID, PASSCODE).contains(manageUrl(english));
        assertThat(confirmation.calendarProperty("METHOD")).contains("REQUEST");
        UUID taken = english;
        await().untilAsserted(() ->
                assertThat(remindersOf(eventId, taken)).containsExactly(Instant.parse("2027-02-16T11:00:00Z")));
        clock.set("2027-02-16T11:00:30Z");
        Email reminder = Inbox.await(englishEmail, 4).get(3);
        assertThat(reminder.subject()).isEqualTo("Reminder: Is the digital world inclusive?");
    }

    private List<Instant> remindersOf(UUID eventId, UUID registrationId) {
        return log.of(eventId, "REMINDER").stream()
                .filter(e -> e.registrationId().equals(registrationId))
                .map(DeliveryLogEntry::scheduledFor)
                .sorted()
                .toList();
    }

    /**
     * A registration made by a series subscription: its confirmation (join details as usual),
     * waiting-list and pending emails say so, with "not this one" (the manage page) and "stop
     * following" (the subscription's page), in the registrant's language; one not made by a
     * subscription has no such paragraph.
     */
    @Test
    void aRegistrationFromASubscriptionSaysSoWithNotThisOneAndStopFollowing() {
        UUID eventId = publishedEvent();
        UUID subscriptionId = UUID.randomUUID();
        String subscriptionUrl = "https://events.museum-events.org/subscriptions/" + subscriptionId + "?token=s7bT0k3n";
        record Case(String type, String language, String paragraph, String notThisOne, String stop) {}
        List<Case> cases = List.of(
                new Case(
                        "RegistrationConfirmed",
                        "en",
                        "You are registered for this session because you follow its series.",
                        "Not this one: ",
                        "Stop following: "),
                new Case(
                        "RegistrationWaitlisted",
                        "fr",
                        "Vous êtes inscrit·e à cette séance parce que vous suivez son cycle.",
                        "Pas celle-ci\u202f: ",
                        "Ne plus suivre\u202f: "),
                new Case(
                        "RegistrationPending",
                        "es",
                        "Está inscrito en esta sesión porque sigue su ciclo.",
                        "Esta no: ",
                        "Dejar de seguir: "));
        for (Case c : cases) {
            UUID id = UUID.randomUUID();
            String email = unique("follower-" + c.language());
            ObjectNode message = in(c.language(), registration(c.type(), eventId, id, email));
            message.put("subscriptionId", subscriptionId.toString());
            message.put("subscriptionUrl", subscriptionUrl);
            announce(message);
            Email mail = Inbox.awaitOne(email);
            assertThat(mail.text())
                    .contains(c.paragraph())
                    .contains(c.notThisOne() + manageUrl(id))
                    .contains(c.stop() + subscriptionUrl);
            assertThat(mail.html())
                    .contains(c.paragraph())
                    .contains("href=\"" + manageUrl(id) + "\"")
                    .contains("href=\"" + subscriptionUrl.replace("&", "&amp;") + "\"");
            if (c.type().equals("RegistrationConfirmed")) {
                assertThat(mail.text()).contains(JOIN_URL, PASSCODE);
            }
        }
        String single = unique("single");
        announce(in("en", registration("RegistrationConfirmed", eventId, UUID.randomUUID(), single)));
        assertThat(Inbox.awaitOne(single).everything())
                .doesNotContain("follow its series")
                .doesNotContain("/subscriptions/");
    }

    /**
     * A released registrant is not among the CONFIRMED recipients of an organiser's message, nor of
     * the event's follow-up (two hours after the end); a confirmed one receives both. Seen failing
     * once on purpose (2026-11-30): with {@code MessageRules.receives} counting RELEASED among
     * CONFIRMED, the message's delivery log listed the released registrant and the wait timed out;
     * restored since.
     */
    @Test
    void aReleasedRegistrantGetsNeitherTheMessagesToTheConfirmedNorTheFollowUp() throws Exception {
        UUID eventId = UUID.randomUUID();
        ObjectNode published = catalogWithFollowUp("EventPublished", eventId);
        event(published).putArray("reminders");
        publish(published);
        await().until(() -> events.find(eventId).isPresent());
        UUID stays = UUID.randomUUID();
        String staysEmail = unique("stays");
        announce(in("en", registration("RegistrationConfirmed", eventId, stays, staysEmail)));
        UUID gone = UUID.randomUUID();
        String goneEmail = unique("released");
        announce(in("en", registration("RegistrationConfirmed", eventId, gone, goneEmail)));
        Inbox.awaitOne(staysEmail);
        Inbox.awaitOne(goneEmail);
        announce(in("en", registration("RegistrationReleased", eventId, gone, goneEmail)));
        Inbox.await(goneEmail, 2);

        mvc.perform(post("/api/events/" + eventId + "/messages")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer("icom-france"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"recipients\": [\"CONFIRMED\"], " + MessagesTest.EVERY_PLACEHOLDER + "}"))
                .andExpect(status().isAccepted());
        Inbox.await(staysEmail, 2);
        await().untilAsserted(() -> assertThat(log.of(eventId, "MESSAGE"))
                .extracting(DeliveryLogEntry::registrationId)
                .containsExactly(stays));

        clock.set("2027-02-16T15:30:01Z");
        Inbox.await(staysEmail, 3);
        await().untilAsserted(() -> assertThat(log.of(eventId, "FOLLOW_UP"))
                .extracting(DeliveryLogEntry::registrationId)
                .containsExactly(stays));
        pause();
        assertThat(Inbox.to(goneEmail)).hasSize(2);
        assertThat(log.of(eventId, "FOLLOW_UP")).hasSize(1);
    }
}
