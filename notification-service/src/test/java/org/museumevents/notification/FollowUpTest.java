package org.museumevents.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.museumevents.notification.Examples.announce;
import static org.museumevents.notification.Examples.catalogWithFollowUp;
import static org.museumevents.notification.Examples.event;
import static org.museumevents.notification.Examples.publish;
import static org.museumevents.notification.Examples.registration;
import static org.museumevents.notification.Examples.unique;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.museumevents.notification.delivery.DeliveryLogEntry;
import org.museumevents.notification.event.KnownEventRepository;
import org.museumevents.notification.registrant.RegistrantRepository;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An event's follow-up (issue 15) on the real servers, from the catalog's example message (its
 * {@code followUp}: two hours after the end, a text in three languages and two links): it reaches
 * exactly the registrants confirmed when it falls due, once, at the event's end plus its delay, in
 * their language; it moves with the end while unsent and never goes twice; a cancelled event or a
 * removed follow-up sends nothing. The example event ends on 16 February 2027 at 13:30 UTC, so its
 * follow-up falls due at 15:30 UTC; its reminders are taken out so that moving the clock past the
 * event sends nothing else.
 */
@NotificationIntegrationTest
class FollowUpTest {

    static final String DUE = "2027-02-16T15:30:00Z";

    @Autowired
    MockMvc mvc;

    @Autowired
    DeliveryLog log;

    @Autowired
    TestClock clock;

    @Autowired
    RegistrantRepository registrants;

    @Autowired
    KnownEventRepository events;

    @Autowired
    JsonMapper json;

    /** The catalog's example, of the given type and version, its reminders taken out. */
    private static ObjectNode example(String type, UUID eventId, int version) {
        ObjectNode message = catalogWithFollowUp(type, eventId);
        event(message).putArray("reminders");
        event(message).put("version", version);
        return message;
    }

    private UUID publishedEvent() {
        UUID eventId = UUID.randomUUID();
        publish(example("EventPublished", eventId, 2));
        await().until(() -> events.find(eventId).isPresent());
        return eventId;
    }

    /** A registrant with the given status and language, once their own email arrived. */
    private UUID registrant(UUID eventId, String type, String email, String language) {
        UUID registrationId = UUID.randomUUID();
        var message = registration(type, eventId, registrationId, email);
        message.put("language", language);
        announce(message);
        Inbox.awaitOne(email);
        return registrationId;
    }

    private List<DeliveryLogEntry> followUps(UUID eventId) {
        return log.of(eventId, "FOLLOW_UP");
    }

    /** The event's follow-up as {@code GET /api/events/{id}/messages} lists it; a missing node when none. */
    private JsonNode listedFollowUp(UUID eventId) throws Exception {
        String body = mvc.perform(get("/api/events/" + eventId + "/messages")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer("icom-france")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        for (JsonNode message : json.readTree(body)) {
            if (message.path("kind").asString().equals("FOLLOW_UP")) {
                return message;
            }
        }
        return json.missingNode();
    }

    private static void pause(Duration duration) {
        await().pollDelay(duration).until(() -> true);
    }

    /**
     * Only the confirmed receive it, each once, at the end plus two hours, in their language (the
     * Spanish text exists, the Spanish title does not: the event's default one), with the links,
     * without join details or the link to manage a registration.
     *
     * <p>The "confirmed only" assertions were seen to fail once on purpose (2026-11-30): with the
     * follow-up's recipients widened to {@code WAITLISTED} in {@code FollowUps} and the
     * dispatcher's confirmed-only check removed, the waiting registrant received it too, and the
     * wait for exactly three {@code FOLLOW_UP} lines failed with four; both were then restored.
     */
    @Test
    void aFollowUpReachesExactlyTheConfirmedOnceAtTheEndPlusItsDelayInTheirLanguage() throws Exception {
        UUID eventId = publishedEvent();
        String ada = unique("fu-ada");
        String bea = unique("fu-bea");
        String cruz = unique("fu-cruz");
        String waiting = unique("fu-waiting");
        String pending = unique("fu-pending");
        String gone = unique("fu-gone");
        String erased = unique("fu-erased");
        registrant(eventId, "RegistrationConfirmed", ada, "en");
        registrant(eventId, "RegistrationConfirmed", bea, "fr");
        registrant(eventId, "RegistrationConfirmed", cruz, "es");
        registrant(eventId, "RegistrationWaitlisted", waiting, "en");
        registrant(eventId, "RegistrationPending", pending, "en");
        UUID goneId = registrant(eventId, "RegistrationConfirmed", gone, "en");
        announce(registration("RegistrationCancelled", eventId, goneId, gone));
        Inbox.await(gone, 2);
        UUID erasedId = registrant(eventId, "RegistrationConfirmed", erased, "en");
        announce(Examples.erased(eventId, erasedId));
        await().until(() -> registrants.find(erasedId).map(r -> !r.reachable()).orElse(false));

        JsonNode listed = listedFollowUp(eventId);
        assertThat(listed.path("sendAt").asString()).isEqualTo(DUE);
        assertThat(listed.path("status").asString()).isEqualTo("SCHEDULED");
        assertThat(listed.path("recipients").get(0).asString()).isEqualTo("CONFIRMED");
        assertThat(listed.path("links").get(0).path("label").asString()).isEqualTo("The recording");

        clock.set("2027-02-16T15:29:00Z");
        pause(Duration.ofSeconds(1));
        assertThat(followUps(eventId)).isEmpty();

        clock.set("2027-02-16T15:30:01Z");
        await().untilAsserted(() -> assertThat(followUps(eventId)).hasSize(3).allSatisfy(e -> {
            assertThat(e.status()).isEqualTo("SENT");
            assertThat(e.scheduledFor()).isEqualTo(DUE);
        }));
        assertThat(followUps(eventId))
                .extracting(DeliveryLogEntry::recipient)
                .containsExactlyInAnyOrder(ada, bea, cruz);

        Inbox.Email toAda = Inbox.await(ada, 2).get(1);
        assertThat(toAda.subject()).isEqualTo("After \u201cIs the digital world inclusive?\u201d");
        assertThat(toAda.text().replace("\r\n", "\n"))
                .contains("Thank you for joining the debate.\nThe next session is on 16 March.\n\n"
                        + "The recording\nhttps://video.example.org/solidarity-4\n\n"
                        + "Survey\nhttps://survey.example.org/s/solidarity-4?lang=fr\n\n")
                .doesNotContain(MessagesTest.JOIN_URL)
                .doesNotContain(MessagesTest.PASSCODE)
                .doesNotContain("token=");
        assertThat(toAda.html())
                .contains("href=\"https://survey.example.org/s/solidarity-4?lang=fr\"")
                .contains(">The recording</a>")
                .doesNotContain(MessagesTest.JOIN_URL)
                .doesNotContain(MessagesTest.PASSCODE);
        Inbox.Email toBea = Inbox.await(bea, 2).get(1);
        assertThat(toBea.subject()).isEqualTo("Après «\u202fLe numérique est-il solidaire ?\u202f»");
        assertThat(toBea.text()).contains("Merci d'avoir suivi le débat.");
        Inbox.Email toCruz = Inbox.await(cruz, 2).get(1);
        assertThat(toCruz.subject()).isEqualTo("Después de «Le numérique est-il solidaire ?»");
        assertThat(toCruz.text()).contains("Gracias por seguir el debate.");

        pause(Duration.ofSeconds(2));
        assertThat(followUps(eventId)).hasSize(3);
        assertThat(Inbox.to(ada)).hasSize(2);
        assertThat(Inbox.to(waiting)).hasSize(1);
        assertThat(Inbox.to(pending)).hasSize(1);
        assertThat(Inbox.to(gone)).hasSize(2);
        assertThat(Inbox.to(erased)).hasSize(1);
        JsonNode sent = listedFollowUp(eventId);
        assertThat(sent.path("status").asString()).isEqualTo("SENT");
        assertThat(sent.path("counts").path("planned").asInt()).isEqualTo(3);
        assertThat(sent.path("counts").path("sent").asInt()).isEqualTo(3);
    }

    /** The end moves an hour later: the follow-up with it; sent, it never goes again, whatever the edits. */
    @Test
    void aFollowUpMovesWithTheEndAndIsNeverSentTwice() throws Exception {
        UUID eventId = publishedEvent();
        String ada = unique("fu-moved");
        registrant(eventId, "RegistrationConfirmed", ada, "en");

        ObjectNode later = example("EventUpdated", eventId, 3);
        event(later).put("start", "2027-02-16T13:00");
        event(later).put("startsAt", "2027-02-16T12:00:00Z");
        event(later).put("end", "2027-02-16T15:30");
        event(later).put("endsAt", "2027-02-16T14:30:00Z");
        publish(later);
        await().untilAsserted(() ->
                assertThat(listedFollowUp(eventId).path("sendAt").asString()).isEqualTo("2027-02-16T16:30:00Z"));

        clock.set("2027-02-16T15:30:01Z");
        pause(Duration.ofSeconds(1));
        assertThat(followUps(eventId)).isEmpty();
        clock.set("2027-02-16T16:30:01Z");
        await().untilAsserted(
                        () -> assertThat(followUps(eventId)).singleElement().satisfies(e -> {
                            assertThat(e.status()).isEqualTo("SENT");
                            assertThat(e.scheduledFor()).isEqualTo("2027-02-16T16:30:00Z");
                        }));

        // Edited after it went: later still, another text. Nothing more.
        ObjectNode edited = example("EventUpdated", eventId, 4);
        event(edited).put("end", "2027-02-16T18:30");
        event(edited).put("endsAt", "2027-02-16T17:30:00Z");
        ((ObjectNode) event(edited).path("followUp").path("text")).put("en", "Another text.");
        publish(edited);
        await().until(() -> events.find(eventId).map(e -> e.version() == 4).orElse(false));
        clock.set("2027-02-17T09:00:00Z");
        pause(Duration.ofSeconds(2));
        assertThat(followUps(eventId)).hasSize(1);
        assertThat(Inbox.to(ada))
                .filteredOn(e -> e.subject().startsWith("After"))
                .hasSize(1);
        assertThat(listedFollowUp(eventId).path("body").path("en").asString()).startsWith("Thank you");
    }

    @Test
    void aCancelledEventSendsNoFollowUp() throws Exception {
        UUID eventId = publishedEvent();
        String ada = unique("fu-cancelled");
        registrant(eventId, "RegistrationConfirmed", ada, "en");
        assertThat(listedFollowUp(eventId).isMissingNode()).isFalse();

        publish(example("EventCancelled", eventId, 4));
        Inbox.await(ada, 2);
        await().untilAsserted(() ->
                assertThat(listedFollowUp(eventId).isMissingNode()).isTrue());
        clock.set("2027-02-16T15:30:01Z");
        pause(Duration.ofSeconds(2));
        assertThat(followUps(eventId)).isEmpty();
        assertThat(Inbox.to(ada)).hasSize(2);
    }

    @Test
    void aFollowUpRemovedBeforeItIsDueSendsNothing() throws Exception {
        UUID eventId = publishedEvent();
        String ada = unique("fu-removed");
        registrant(eventId, "RegistrationConfirmed", ada, "en");
        assertThat(listedFollowUp(eventId).isMissingNode()).isFalse();

        ObjectNode without = example("EventPublished", eventId, 3);
        event(without).putNull("followUp");
        publish(without);
        await().untilAsserted(() ->
                assertThat(listedFollowUp(eventId).isMissingNode()).isTrue());
        clock.set("2027-02-16T15:30:01Z");
        pause(Duration.ofSeconds(2));
        assertThat(followUps(eventId)).isEmpty();
        assertThat(Inbox.to(ada)).hasSize(1);
    }
}
