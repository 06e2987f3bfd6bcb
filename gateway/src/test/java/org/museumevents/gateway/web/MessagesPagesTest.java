package org.museumevents.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.museumevents.gateway.StandIn.json;
import static org.museumevents.gateway.web.Contract.EVENT_ID;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.museumevents.gateway.GatewayIntegrationTest;
import org.museumevents.gateway.StandIn;
import org.museumevents.gateway.StandIns;
import org.museumevents.gateway.TestIdentity;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The organisers' messages page (issue 15) against stand-ins for catalog- and
 * notification-service: the list with its counts in the event's zone, a preview, a send carrying
 * the form's idempotency key, the service's refusals next to their fields, and another
 * organisation's event refused. The organisers are those of {@link TestIdentity}.
 */
@GatewayIntegrationTest
class MessagesPagesTest {

    static final StandIn catalog = StandIns.CATALOG;
    static final StandIn notification = StandIns.NOTIFICATION;
    static final JsonMapper json = JsonMapper.builder().build();
    static final String MESSAGES = "/api/events/" + EVENT_ID + "/messages";
    static final String PAGE = "/organiser/events/" + EVENT_ID + "/messages";

    @Autowired
    MockMvc mvc;

    @LocalServerPort
    int port;

    static RequestPostProcessor estelle() {
        return user("estelle").roles("ORGANISER");
    }

    @BeforeEach
    void script() {
        catalog.on(
                "GET",
                "/api/events/" + EVENT_ID,
                new StandIn.Answer(
                        200, "application/json", Contract.event(EVENT_ID, "PUBLISHED"), Map.of("ETag", "\"4\"")));
        notification.on(
                "GET",
                MESSAGES,
                json(
                        """
                        [{"id":"0b6f1c1e-8a36-4c2e-9d4e-6f3a2b1c0d9e","eventId":"%s","recipients":["CONFIRMED","WAITLISTED"],
                          "subject":{"fr":"Programme de la séance","en":"The session's programme"},"body":{"fr":"Bonjour {name}"},
                          "sendAt":"2099-02-10T08:30:00Z","createdAt":"2099-02-01T10:00:00Z","status":"SENT",
                          "counts":{"planned":41,"sent":40,"failed":1}},
                         {"id":"1c7a2d2f-9b47-4d3f-8e5f-7a4b3c2d1e0f","eventId":"%s","recipients":["PENDING"],
                          "subject":{"en":"Later"},"body":{"en":"Later"},
                          "sendAt":"2099-02-15T17:00:00Z","createdAt":"2099-02-01T10:00:00Z","status":"SCHEDULED",
                          "counts":{"planned":0,"sent":0,"failed":0}}]"""
                                .formatted(EVENT_ID, EVENT_ID)));
    }

    @Test
    void listsTheMessagesWithTheirCountsInTheEventsZoneAndOffersTheForm() throws Exception {
        String page = mvc.perform(get(PAGE).with(estelle()).header("Accept-Language", "fr"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains(
                        "id=\"message-list\"",
                        "Programme de la séance",
                        "Confirmée",
                        "Liste d’attente",
                        "Programmé",
                        ">41<",
                        ">40<",
                        ">1<",
                        // 08:30 UTC is 09:30 in Paris in February.
                        "09:30",
                        "18:00",
                        "id=\"message-recipient-confirmed\"",
                        "id=\"message-recipient-waitlisted\"",
                        "id=\"message-recipient-pending\"",
                        // Issue 16: confirmed registrants who attended, or did not.
                        "id=\"message-recipient-attended\"",
                        "id=\"message-recipient-absent\"",
                        "{joinUrl}",
                        "{passcode}",
                        "id=\"message-send-at\"",
                        "id=\"message-preview-button\"",
                        "id=\"message-send\"");
        // A preview is made as a registration status, never as ATTENDED or ABSENT.
        assertThat(page).doesNotContain("<option value=\"ATTENDED\"", "<option value=\"ABSENT\"");
        assertThat(key(page)).matches("[0-9a-f-]{36}");
        String again =
                mvc.perform(get(PAGE).with(estelle())).andReturn().getResponse().getContentAsString();
        assertThat(key(again)).as("a new key for each form").isNotEqualTo(key(page));

        mvc.perform(get("/organiser/events/" + EVENT_ID).with(estelle()))
                .andExpect(content().string(containsString("href=\"" + PAGE + "\"")));
    }

    @Test
    void previewsAsARegistrantOfTheChosenStatusAndSendsOnceWithTheFormsKey() throws Exception {
        notification.on(
                "POST",
                MESSAGES + "/preview",
                json("{\"subject\":\"Programme de la séance\",\"text\":\"Bonjour Camille Martin,\\nà bientôt\"}"));
        mvc.perform(post(PAGE)
                        .with(estelle())
                        .with(csrf())
                        .header("Accept-Language", "en")
                        .param("idempotencyKey", "5d0c9a61-2f43-4b7e-8e11-0a9b8c7d6e5f")
                        .param("recipients", "CONFIRMED", "PENDING")
                        .param("subjectFr", "Programme de la séance")
                        .param("bodyFr", "Bonjour {name},\nà bientôt")
                        .param("subjectEs", "")
                        .param("when", "later")
                        .param("sendAt", "2099-02-15T18:00")
                        .param("previewStatus", "WAITLISTED")
                        .param("previewLanguage", "es")
                        .param("action", "preview"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"message-preview\""),
                                containsString("Bonjour Camille Martin,\nà bientôt"),
                                containsString("value=\"5d0c9a61-2f43-4b7e-8e11-0a9b8c7d6e5f\""),
                                containsString("Programme de la séance"))));
        JsonNode preview = json.readTree(
                notification.received("POST", MESSAGES + "/preview").get(0).body());
        assertThat(preview.get("status").asString()).isEqualTo("WAITLISTED");
        assertThat(preview.get("language").asString()).isEqualTo("es");
        assertThat(preview.get("recipients").toString()).isEqualTo("[\"CONFIRMED\",\"PENDING\"]");
        assertThat(preview.get("subject").toString()).isEqualTo("{\"fr\":\"Programme de la séance\"}");
        assertThat(preview.get("sendAt").asString()).isEqualTo("2099-02-15T17:00:00Z");
        assertThat(notification.received("POST", MESSAGES)).isEmpty();

        notification.on(
                "POST",
                MESSAGES,
                json(
                        202,
                        """
                        {"id":"2d8b3e30-ac58-4e40-9f60-8b5c4d3e2f10","eventId":"%s","recipients":["CONFIRMED"],
                         "subject":{"fr":"x"},"body":{"fr":"y"},"sendAt":"2099-02-01T10:00:00Z",
                         "createdAt":"2099-02-01T10:00:00Z","status":"SENDING","counts":{"planned":0,"sent":0,"failed":0}}"""
                                .formatted(EVENT_ID)));
        for (int press = 0; press < 2; press++) {
            mvc.perform(post(PAGE)
                            .with(estelle())
                            .with(csrf())
                            .param("idempotencyKey", "5d0c9a61-2f43-4b7e-8e11-0a9b8c7d6e5f")
                            .param("recipients", "CONFIRMED")
                            .param("subjectFr", "Programme")
                            .param("bodyFr", "Bonjour {name}")
                            .param("when", "now")
                            .param("action", "send"))
                    .andExpect(redirectedUrl(PAGE));
        }
        var sent = notification.received("POST", MESSAGES);
        assertThat(sent).hasSize(2).allSatisfy(request -> {
            assertThat(request.header("Idempotency-Key")).isEqualTo("5d0c9a61-2f43-4b7e-8e11-0a9b8c7d6e5f");
            assertThat(request.header("Authorization")).startsWith("Bearer ");
        });
        JsonNode body = json.readTree(sent.get(0).body());
        assertThat(body.get("recipients").toString()).isEqualTo("[\"CONFIRMED\"]");
        assertThat(body.get("body").toString()).isEqualTo("{\"fr\":\"Bonjour {name}\"}");
        assertThat(body.path("sendAt").isMissingNode() || body.path("sendAt").isNull())
                .isTrue();
        assertThat(TestIdentity.servicesDecoder(port)
                        .decode(sent.get(0).header("Authorization").substring("Bearer ".length()))
                        .getClaimAsString("org"))
                .isEqualTo("icom-france");
    }

    @Test
    void theServicesRefusalsAreShownAtTheirFieldsAndWhatWasTypedIsKept() throws Exception {
        mvc.perform(post(PAGE)
                        .with(estelle())
                        .with(csrf())
                        .header("Accept-Language", "es")
                        .param("idempotencyKey", "5d0c9a61-2f43-4b7e-8e11-0a9b8c7d6e5f")
                        .param("recipients", "CONFIRMED")
                        .param("subjectEn", "Hello")
                        .param("when", "later")
                        .param("sendAt", "")
                        .param("action", "send"))
                .andExpect(status().isBadRequest())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"error-summary\""),
                                containsString("id=\"message-send-at-error\""),
                                containsString("aria-describedby=\"message-send-at-hint message-send-at-error\""),
                                containsString("Indique la fecha y la hora de envío"),
                                containsString("value=\"Hello\""))));
        assertThat(notification.received("POST", ".*")).isEmpty();

        notification.on(
                "POST",
                MESSAGES,
                new StandIn.Answer(
                        400,
                        "application/problem+json",
                        """
                        {"type":"https://museum-events.org/problems/validation","title":"Invalid request","status":400,
                         "detail":"The request has invalid fields.",
                         "errors":[{"field":"recipients","message":"must name at least one of [CONFIRMED, WAITLISTED, PENDING]"},
                                   {"field":"subject.en","message":"must be at most 200 characters"},
                                   {"field":"body","message":"must be given in at least one of fr, en, es"},
                                   {"field":"sendAt","message":"a refusal the page does not know"}]}""",
                        Map.of()));
        mvc.perform(post(PAGE)
                        .with(estelle())
                        .with(csrf())
                        .header("Accept-Language", "fr")
                        .param("idempotencyKey", "5d0c9a61-2f43-4b7e-8e11-0a9b8c7d6e5f")
                        .param("subjectEn", "Hello")
                        .param("when", "now")
                        .param("action", "send"))
                .andExpect(status().isBadRequest())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"error-summary\""),
                                containsString("<p class=\"field-error\" id=\"message-recipients-error\">"
                                        + "Cochez au moins un état.</p>"),
                                containsString("200 caractères au plus."),
                                containsString("Écrivez-le dans une langue au moins."),
                                // A refusal the page does not know: the general words, never English here.
                                containsString("Cette valeur n’a pas été acceptée\u202F; merci de la vérifier."),
                                not(containsString("a refusal the page does not know")),
                                containsString("id=\"message-subject-en-error\""),
                                containsString("aria-describedby=\"message-subject-en-error\""),
                                containsString("id=\"message-body-error\""),
                                containsString("Objet en anglais"),
                                containsString("Destinataires"),
                                containsString("value=\"5d0c9a61-2f43-4b7e-8e11-0a9b8c7d6e5f\""),
                                not(containsString("id=\"problem-message\"")))));

        notification.on(
                "POST",
                MESSAGES,
                StandIn.problem(422, "idempotency-key-reused", "The key was used for another message."));
        String reused = mvc.perform(post(PAGE)
                        .with(estelle())
                        .with(csrf())
                        .header("Accept-Language", "en")
                        .param("idempotencyKey", "5d0c9a61-2f43-4b7e-8e11-0a9b8c7d6e5f")
                        .param("recipients", "CONFIRMED")
                        .param("subjectEn", "Hello")
                        .param("bodyEn", "Hi")
                        .param("action", "send"))
                .andExpect(status().is(422))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(reused).contains("id=\"problem-message\"", "already used to send another message");
        assertThat(key(reused)).isNotEqualTo("5d0c9a61-2f43-4b7e-8e11-0a9b8c7d6e5f");
    }

    @Test
    void anotherOrganisationsEventIsNotFoundAndNothingIsSent() throws Exception {
        String other = "00000000-0000-4000-8000-000000000000";
        mvc.perform(get("/organiser/events/" + other + "/messages").with(estelle()))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("id=\"not-found\"")));
        mvc.perform(post("/organiser/events/" + other + "/messages")
                        .with(estelle())
                        .with(csrf())
                        .param("recipients", "CONFIRMED")
                        .param("subjectEn", "Hello")
                        .param("bodyEn", "Hi")
                        .param("action", "send"))
                .andExpect(status().isNotFound());
        mvc.perform(post(PAGE).with(estelle()).param("action", "send")).andExpect(status().isForbidden());
        mvc.perform(post(PAGE)
                        .with(estelle())
                        .with(csrf())
                        .param("recipients[100000]", "CONFIRMED")
                        .param("action", "send"))
                .andExpect(status().isBadRequest());
        mvc.perform(get(PAGE)).andExpect(redirectedUrl("/login"));
        assertThat(notification.received("POST", ".*")).isEmpty();
    }

    @Test
    void theFollowUpIsNamedInTheListWithItsLinks() throws Exception {
        notification.on(
                "GET",
                MESSAGES,
                json(
                        """
                        [{"id":"3e9c4f41-bd69-4f51-a071-9c6d5e4f3a21","eventId":"%s","kind":"FOLLOW_UP","recipients":["CONFIRMED"],
                          "subject":{},"body":{"fr":"Merci"},"links":[{"label":"Replay","url":"https://video.example.org/1"},
                          {"label":"Survey","url":"https://survey.example.org/1"}],
                          "sendAt":"2099-02-20T17:00:00Z","createdAt":"2099-02-01T10:00:00Z","status":"SCHEDULED",
                          "counts":{"planned":0,"sent":0,"failed":0}},
                         {"id":"0b6f1c1e-8a36-4c2e-9d4e-6f3a2b1c0d9e","eventId":"%s","kind":"MESSAGE","recipients":["CONFIRMED"],
                          "subject":{"fr":"Programme"},"body":{"fr":"Bonjour"},"links":[],
                          "sendAt":"2099-02-10T08:30:00Z","createdAt":"2099-02-01T10:00:00Z","status":"SENT",
                          "counts":{"planned":1,"sent":1,"failed":0}}]"""
                                .formatted(EVENT_ID, EVENT_ID)));
        for (Map.Entry<String, String> language : Map.of(
                        "en",
                        "Follow-up after the event",
                        "fr",
                        "Suite après l’événement",
                        "es",
                        "Seguimiento después del evento")
                .entrySet()) {
            String page = mvc.perform(get(PAGE).with(estelle()).header("Accept-Language", language.getKey()))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertThat(page).as(language.getKey()).contains(language.getValue(), "Programme");
        }
        String page = mvc.perform(get(PAGE).with(estelle()).header("Accept-Language", "en"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("2 links").doesNotContain("<td class=\"message-subject\"></td>");
    }

    @Test
    void aDraftsPageSaysMessagesComeOncePublishedWithoutTheForm() throws Exception {
        catalog.on(
                "GET",
                "/api/events/" + EVENT_ID,
                new StandIn.Answer(
                        200, "application/json", Contract.event(EVENT_ID, "DRAFT"), Map.of("ETag", "\"4\"")));
        for (Map.Entry<String, String> language : Map.of(
                        "en", "Messages can be written once the event is published.",
                        "fr", "Les messages pourront être écrits une fois l’événement publié.",
                        "es", "Podrá escribir mensajes una vez publicado el evento.")
                .entrySet()) {
            mvc.perform(get(PAGE).with(estelle()).header("Accept-Language", language.getKey()))
                    .andExpect(status().isOk())
                    .andExpect(content()
                            .string(allOf(
                                    containsString("id=\"messages-draft\""),
                                    containsString(language.getValue()),
                                    not(containsString("id=\"message-form\"")))));
        }
        // A post all the same (a page kept open): nothing asked of the service, what was typed kept.
        mvc.perform(post(PAGE)
                        .with(estelle())
                        .with(csrf())
                        .header("Accept-Language", "en")
                        .param("recipients", "CONFIRMED")
                        .param("subjectEn", "Hello there")
                        .param("bodyEn", "Hi")
                        .param("action", "preview"))
                .andExpect(status().isConflict())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"problem-message\""),
                                containsString("id=\"message-form\""),
                                containsString("value=\"Hello there\""))));
        assertThat(notification.received()).isEmpty();
    }

    @Test
    void aServiceThatCannotAnswerShowsTheFormAgainWithWhatWasTyped() throws Exception {
        Map<Integer, String> words = Map.of(
                404, "does not know this event yet",
                409, "id=\"problem-message\"",
                503, "temporarily unavailable: nothing was sent");
        for (Map.Entry<Integer, String> answer : words.entrySet()) {
            for (String action : new String[] {"preview", "send"}) {
                String path = "preview".equals(action) ? MESSAGES + "/preview" : MESSAGES;
                notification.on("POST", path, StandIn.problem(answer.getKey(), "some-reason", "Refused."));
                if (answer.getKey() == 503) {
                    notification.on("GET", MESSAGES, StandIn.problem(503, "down", "Down."));
                }
                mvc.perform(post(PAGE)
                                .with(estelle())
                                .with(csrf())
                                .header("Accept-Language", "en")
                                .param("idempotencyKey", "5d0c9a61-2f43-4b7e-8e11-0a9b8c7d6e5f")
                                .param("recipients", "CONFIRMED")
                                .param("subjectEn", "Kept subject")
                                .param("bodyEn", "Kept body")
                                .param("action", action))
                        .andExpect(status().is(answer.getKey()))
                        .andExpect(content()
                                .string(allOf(
                                        containsString("id=\"problem-message\""),
                                        containsString(answer.getValue()),
                                        containsString("id=\"message-form\""),
                                        containsString("value=\"Kept subject\""),
                                        containsString("Kept body"),
                                        not(containsString("id=\"not-found\"")))));
            }
        }
    }

    private static String key(String page) {
        Matcher key = Pattern.compile("name=\"idempotencyKey\" id=\"message-idempotency-key\" value=\"([^\"]*)\"")
                .matcher(page);
        assertThat(key.find()).as("the form's idempotency key").isTrue();
        return key.group(1);
    }
}
