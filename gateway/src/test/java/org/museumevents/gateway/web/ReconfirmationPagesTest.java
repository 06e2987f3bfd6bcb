package org.museumevents.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.museumevents.gateway.StandIn.json;
import static org.museumevents.gateway.StandIn.problem;
import static org.museumevents.gateway.web.Contract.EVENT_ID;
import static org.museumevents.gateway.web.Contract.REGISTRATION_ID;
import static org.museumevents.gateway.web.Contract.SERIES_ID;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.museumevents.gateway.GatewayIntegrationTest;
import org.museumevents.gateway.StandIn;
import org.museumevents.gateway.StandIns;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 17's reconfirmation pages, against stand-ins: the "yes" and "no" links of the emails open a
 * page with one button, and only its POST calls {@code POST /api/registrations/{id}/reconfirm} or
 * {@code /decline} (mail scanners follow links); the outcome, a 409 {@code no-place-free} among
 * them, is told on the page. The manage page shows the reconfirmation, a released place with a
 * "take my place back" button, and a registration a series subscription made; the event editor
 * sends and shows the event's policy.
 */
@GatewayIntegrationTest
class ReconfirmationPagesTest {

    static final StandIn catalog = StandIns.CATALOG;
    static final StandIn registration = StandIns.REGISTRATION;
    static final JsonMapper json = JsonMapper.builder().build();

    static String registrationIn(String status, String extra) {
        return Contract.registration(REGISTRATION_ID, status).replace("\"registeredAt\"", extra + "\"registeredAt\"");
    }

    @BeforeEach
    void script() {
        catalog.on("GET", "/api/events/" + EVENT_ID, json(Contract.publicEvent(EVENT_ID)));
    }

    @Test
    void theNoLinkShowsOneButtonAndOnlyItsPostFreesThePlace() throws Exception {
        // The service would accept a decline: only the page's discipline keeps a GET from sending one.
        registration
                .on("GET", "/api/registrations/" + REGISTRATION_ID, json(registrationIn("CONFIRMED", "")))
                .on(
                        "POST",
                        "/api/registrations/" + REGISTRATION_ID + "/decline",
                        json(registrationIn("CANCELLED", "")));

        mvc.perform(get("/registrations/" + REGISTRATION_ID + "/decline")
                        .param("token", "t0k3n+/=")
                        .header("Accept-Language", "es"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("¿Liberar su plaza?"),
                                containsString("id=\"answer-form\""),
                                containsString("action=\"/registrations/" + REGISTRATION_ID + "/decline\""),
                                containsString("No, libero mi plaza"))));
        assertThat(registration.received("POST", ".*"))
                .as("a GET never declines")
                .isEmpty();

        mvc.perform(post("/registrations/" + REGISTRATION_ID + "/decline")
                        .with(csrf())
                        .with(ownClient())
                        .param("token", "t0k3n+/="))
                .andExpect(redirectedUrl("/registrations/" + REGISTRATION_ID + "/decline?token=t0k3n%2B%2F%3D"))
                .andExpect(flash().attribute("outcome", "declined"));
        assertThat(registration.received("POST", "/api/registrations/" + REGISTRATION_ID + "/decline"))
                .singleElement()
                .satisfies(request -> assertThat(request.query()).isEqualTo("token=t0k3n%2B%2F%3D"));

        // Afterwards the page offers nothing more: the registration is cancelled.
        registration.on("GET", "/api/registrations/" + REGISTRATION_ID, json(registrationIn("CANCELLED", "")));
        mvc.perform(get("/registrations/" + REGISTRATION_ID + "/decline")
                        .param("token", "t")
                        .with(Flash.attribute("outcome", "declined"))
                        .header("Accept-Language", "fr"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("data-outcome=\"declined\""),
                                containsString("Votre place est libérée."),
                                not(containsString("id=\"answer-form\"")))));
    }

    @Test
    void yesReconfirmsAndAReleasedRegistrantIsToldWhenNoPlaceIsFree() throws Exception {
        registration
                .on("GET", "/api/registrations/" + REGISTRATION_ID, json(registrationIn("CONFIRMED", "")))
                .on(
                        "POST",
                        "/api/registrations/" + REGISTRATION_ID + "/reconfirm",
                        json(registrationIn("CONFIRMED", "\"reconfirmedAt\": \"2099-02-13T09:00:00Z\", ")));
        mvc.perform(get("/registrations/" + REGISTRATION_ID + "/reconfirm")
                        .param("token", "t")
                        .header("Accept-Language", "en"))
                .andExpect(content()
                        .string(allOf(containsString("Are you still coming?"), containsString("Yes, I&#39;m coming"))));
        mvc.perform(post("/registrations/" + REGISTRATION_ID + "/reconfirm")
                        .with(csrf())
                        .with(ownClient())
                        .param("token", "t"))
                .andExpect(flash().attribute("outcome", "reconfirmed"));

        registration
                .on("GET", "/api/registrations/" + REGISTRATION_ID, json(registrationIn("RELEASED", "")))
                .on(
                        "POST",
                        "/api/registrations/" + REGISTRATION_ID + "/reconfirm",
                        problem(409, "no-place-free", "No place is free."));
        mvc.perform(get("/registrations/" + REGISTRATION_ID + "/reconfirm")
                        .param("token", "t")
                        .header("Accept-Language", "en"))
                .andExpect(content().string(containsString("Take my place back")));
        mvc.perform(post("/registrations/" + REGISTRATION_ID + "/reconfirm")
                        .with(csrf())
                        .with(ownClient())
                        .param("token", "t"))
                .andExpect(flash().attribute("problemReason", "no-place-free"));
        mvc.perform(get("/registrations/" + REGISTRATION_ID + "/reconfirm")
                        .param("token", "t")
                        .with(Flash.attribute(
                                "problemMessage", "No place is free at the moment: every place has been taken."))
                        .with(Flash.attribute("problemReason", "no-place-free")))
                .andExpect(content().string(containsString("data-reason=\"no-place-free\"")));

        // A place free again: the released registrant takes it back.
        registration.on(
                "POST",
                "/api/registrations/" + REGISTRATION_ID + "/reconfirm",
                json(registrationIn("CONFIRMED", "\"reconfirmedAt\": \"2099-02-15T09:00:00Z\", ")));
        mvc.perform(post("/registrations/" + REGISTRATION_ID + "/reconfirm")
                        .with(csrf())
                        .with(ownClient())
                        .param("token", "t"))
                .andExpect(flash().attribute("outcome", "placeBack"));
    }

    @Test
    void aWrongTokenIsNotFound() throws Exception {
        registration.on("GET", "/api/registrations/" + REGISTRATION_ID, problem(404, "not-found", "Not found"));
        mvc.perform(get("/registrations/" + REGISTRATION_ID + "/reconfirm").param("token", "wrong"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/registrations/" + REGISTRATION_ID + "/decline")).andExpect(status().isNotFound());
        registration.on(
                "POST", "/api/registrations/" + REGISTRATION_ID + "/decline", problem(404, "not-found", "Not found"));
        mvc.perform(post("/registrations/" + REGISTRATION_ID + "/decline")
                        .with(csrf())
                        .with(ownClient())
                        .param("token", "wrong"))
                .andExpect(status().isNotFound());
    }

    @Test
    void theManagePageShowsTheReconfirmationAReleasedPlaceAndTheSubscription() throws Exception {
        registration.on(
                "GET",
                "/api/registrations/" + REGISTRATION_ID,
                json(registrationIn(
                        "CONFIRMED",
                        "\"reconfirmedAt\": \"2099-02-13T09:00:00Z\", \"subscriptionId\": "
                                + "\"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\", ")));
        mvc.perform(get("/registrations/" + REGISTRATION_ID).param("token", "t").header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"registration-reconfirmed\""),
                                containsString("You said you are coming"),
                                containsString("id=\"registration-subscription\""),
                                containsString("href=\"/series/" + SERIES_ID + "\""),
                                not(containsString("id=\"take-place-back\"")))));

        registration.on("GET", "/api/registrations/" + REGISTRATION_ID, json(registrationIn("RELEASED", "")));
        mvc.perform(get("/registrations/" + REGISTRATION_ID).param("token", "t").header("Accept-Language", "fr"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("data-status=\"RELEASED\""),
                                containsString("id=\"take-place-back\""),
                                containsString("action=\"/registrations/" + REGISTRATION_ID + "/reconfirm\""),
                                not(containsString("id=\"cancel-registration\"")))));
    }

    @Test
    void theEventEditorSendsAndShowsTheReconfirmationPolicy() throws Exception {
        String withPolicy = Contract.event(EVENT_ID, "DRAFT")
                .replace(
                        "\"waitlist\": true}",
                        "\"waitlist\": true, \"reconfirmation\": {\"before\": \"P3D\", \"deadline\": \"P1D\", \"releaseSilent\": true}}");
        catalog.on(
                        "GET",
                        "/api/events/" + EVENT_ID,
                        new StandIn.Answer(200, "application/json", withPolicy, Map.of("ETag", "\"3\"")))
                .on("GET", "/api/series", json(Contract.page(Contract.series())))
                .on("PUT", "/api/events/" + EVENT_ID, json(withPolicy));

        mvc.perform(get("/organiser/events/" + EVENT_ID + "/edit")
                        .with(user("estelle").roles("ORGANISER")))
                .andExpect(status().isOk())
                .andExpect(
                        content()
                                .string(
                                        allOf(
                                                containsString(
                                                        "id=\"event-reconfirmation-on\" name=\"reconfirmation\" type=\"checkbox\" value=\"true\""),
                                                containsString(
                                                        "id=\"event-reconfirmation-before\" name=\"reconfirmationBefore\" type=\"text\" value=\"P3D\""),
                                                containsString(
                                                        "id=\"event-reconfirmation-deadline\" name=\"reconfirmationDeadline\" type=\"text\" value=\"P1D\""))));

        mvc.perform(post("/organiser/events/" + EVENT_ID + "/edit")
                        .with(user("estelle").roles("ORGANISER"))
                        .with(csrf())
                        .param("etag", "\"3\"")
                        .param("titleFr", "Atelier")
                        .param("defaultLanguage", "fr")
                        .param("format", "IN_PERSON")
                        .param("start", "2099-02-16T13:00")
                        .param("end", "2099-02-16T14:30")
                        .param("timeZone", "Europe/Paris")
                        .param("_reconfirmation", "on")
                        .param("reconfirmation", "true")
                        .param("reconfirmationBefore", "p2d")
                        .param("reconfirmationDeadline", "PT12H")
                        .param("_reconfirmationReleaseSilent", "on")
                        .param("reconfirmationReleaseSilent", "true"))
                .andExpect(status().is3xxRedirection());
        JsonNode sent = json.readTree(
                catalog.received("PUT", "/api/events/" + EVENT_ID).get(0).body());
        assertThat(sent.at("/registration/reconfirmation/before").asString()).isEqualTo("P2D");
        assertThat(sent.at("/registration/reconfirmation/deadline").asString()).isEqualTo("PT12H");
        assertThat(sent.at("/registration/reconfirmation/releaseSilent").asBoolean())
                .isTrue();

        // Off: no policy sent; a duration that is none is refused next to its field.
        mvc.perform(post("/organiser/events/" + EVENT_ID + "/edit")
                        .with(user("estelle").roles("ORGANISER"))
                        .with(csrf())
                        .param("etag", "\"3\"")
                        .param("titleFr", "Atelier")
                        .param("defaultLanguage", "fr")
                        .param("format", "IN_PERSON")
                        .param("start", "2099-02-16T13:00")
                        .param("end", "2099-02-16T14:30")
                        .param("timeZone", "Europe/Paris")
                        .param("_reconfirmation", "on"))
                .andExpect(status().is3xxRedirection());
        JsonNode off = json.readTree(
                catalog.received("PUT", "/api/events/" + EVENT_ID).get(1).body());
        assertThat(off.at("/registration").has("reconfirmation")).isFalse();

        mvc.perform(post("/organiser/events/" + EVENT_ID + "/edit")
                        .with(user("estelle").roles("ORGANISER"))
                        .with(csrf())
                        .header("Accept-Language", "en")
                        .param("etag", "\"3\"")
                        .param("titleFr", "Atelier")
                        .param("defaultLanguage", "fr")
                        .param("format", "IN_PERSON")
                        .param("start", "2099-02-16T13:00")
                        .param("end", "2099-02-16T14:30")
                        .param("timeZone", "Europe/Paris")
                        .param("reconfirmation", "true")
                        .param("reconfirmationBefore", "three days")
                        .param("reconfirmationDeadline", "P1D"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("id=\"event-reconfirmation-before-error\"")));
        assertThat(catalog.received("PUT", "/api/events/" + EVENT_ID)).hasSize(2);
    }

    @Autowired
    MockMvc mvc;

    /**
     * This class's own client address: its declines and stops draw on the cancellations' limit
     * (20 a minute per client, on in the shared context), apart from the other classes' cancellations.
     */
    static RequestPostProcessor ownClient() {
        return request -> {
            request.setRemoteAddr("10.17.0.1");
            return request;
        };
    }
}
