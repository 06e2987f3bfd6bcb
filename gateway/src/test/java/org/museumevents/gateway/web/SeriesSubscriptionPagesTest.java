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
 * Issue 17's pages for following a series, against stand-ins: the public series page with its
 * "Follow this series" form (the registration form's fields, the series' default interpretation
 * languages and questions) and its calendar feed (https and webcal); following posts the
 * registration body to {@code POST /api/series/{id}/subscriptions} and lands on the subscription's
 * own page (who, the sessions ahead with their status); "Stop following" is a POST that calls
 * {@code DELETE /api/subscriptions/{id}}, with {@code cancelRegistrations=true} only when ticked;
 * the organiser sees the followers and who came through the subscription.
 */
@GatewayIntegrationTest
class SeriesSubscriptionPagesTest {

    static final String SUBSCRIPTION_ID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    static final String SECOND_EVENT = "8e1d3b5f-6c2a-4d7e-9f0a-1b2c3d4e5f60";
    static final StandIn catalog = StandIns.CATALOG;
    static final StandIn registration = StandIns.REGISTRATION;
    static final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    /**
     * This class's own client address: its declines and stops draw on the cancellations' limit
     * (20 a minute per client, on in the shared context), apart from the other classes' cancellations.
     */
    static RequestPostProcessor ownClient() {
        return request -> {
            request.setRemoteAddr("10.17.0.2");
            return request;
        };
    }

    /** The Solidarity cycle with its defaults: interpretation and one required question. */
    static String series() {
        return Contract.series()
                .replace(
                        "\"events\": []",
                        """
                        "eventDefaults": {"interpretation": ["fr", "en", "es"],
                          "questions": [{"id": "institution", "kind": "SINGLE_CHOICE", "required": true,
                            "label": {"fr": "Votre institution", "en": "Your institution", "es": "Su institución"},
                            "choices": [{"id": "museum", "label": {"fr": "Un musée", "en": "A museum", "es": "Un museo"}},
                                        {"id": "other", "label": {"fr": "Autre", "en": "Other", "es": "Otra"}}]}]},
                        "events": [%s, %s]"""
                                .formatted(
                                        Contract.publicEvent(EVENT_ID),
                                        Contract.publicEvent(SECOND_EVENT).replace("2099-02-16", "2099-03-16")));
    }

    static String subscription(String status) {
        return """
                {"id": "%s", "seriesId": "%s", "status": "%s", "name": "Lucía Fernández", "email": "lucia@museo.example",
                 "organisation": "Museo de Arte", "language": "es", "timeZone": "Europe/Madrid", "interpretationLanguage": "es",
                 "createdAt": "2099-01-05T10:00:00Z", "cancelledAt": null,
                 "registrations": [
                   {"eventId": "%s", "id": "%s", "status": "CONFIRMED", "waitlistPosition": null,
                    "startsAt": "2099-02-16T12:00:00Z", "endsAt": "2099-02-16T13:30:00Z"},
                   {"eventId": "%s", "id": "0b0b0b0b-1d3f-4a5b-9c7d-8e0f1a2b3c4d", "status": "WAITLISTED", "waitlistPosition": 3,
                    "startsAt": "2099-03-16T12:00:00Z", "endsAt": "2099-03-16T13:30:00Z"},
                   {"eventId": "7c7c7c7c-1d3f-4a5b-9c7d-8e0f1a2b3c4d", "id": "0c0c0c0c-1d3f-4a5b-9c7d-8e0f1a2b3c4d", "status": "CONFIRMED",
                    "waitlistPosition": null, "startsAt": "2020-01-21T12:00:00Z", "endsAt": "2020-01-21T13:30:00Z"}]}"""
                .formatted(SUBSCRIPTION_ID, SERIES_ID, status, EVENT_ID, REGISTRATION_ID, SECOND_EVENT);
    }

    @BeforeEach
    void script() {
        catalog.on("GET", "/api/series/" + SERIES_ID, json(series()))
                .on("GET", "/api/events/" + EVENT_ID, json(Contract.publicEvent(EVENT_ID)))
                .on(
                        "GET",
                        "/api/events/" + SECOND_EVENT,
                        json(Contract.publicEvent(SECOND_EVENT).replace("2099-02-16", "2099-03-16")));
    }

    @Test
    void theSeriesPageOffersToFollowItWithItsDefaultsAndItsCalendarFeed() throws Exception {
        mvc.perform(get("/series/" + SERIES_ID).header("Accept-Language", "es"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"follow-form\""),
                                containsString("action=\"/series/" + SERIES_ID + "/follow\""),
                                containsString("Seguir esta serie"),
                                containsString("id=\"registration-interpretation\""),
                                containsString("name=\"answer-institution\""),
                                containsString("Su institución"),
                                containsString("id=\"registration-consent\""),
                                containsString("data-event-id=\"" + SECOND_EVENT + "\""),
                                containsString("href=\"webcal://localhost/api/series/" + SERIES_ID + "/calendar.ics\""),
                                containsString("href=\"/api/series/" + SERIES_ID + "/calendar.ics\""),
                                not(containsString(Contract.PASSCODE)))));

        // An event of the series links to the series' page.
        mvc.perform(get("/events/" + EVENT_ID))
                .andExpect(content().string(containsString("href=\"/series/" + SERIES_ID + "\"")));
    }

    @Test
    void followingSendsTheRegistrationBodyAndLandsOnTheSubscriptionsPage() throws Exception {
        registration
                .on(
                        "POST",
                        "/api/series/" + SERIES_ID + "/subscriptions",
                        json(
                                201,
                                """
                                {"id": "%s", "seriesId": "%s", "token": "s3cr3t+/=",
                                 "registrations": [{"eventId": "%s", "id": "%s", "status": "CONFIRMED", "waitlistPosition": null}]}"""
                                        .formatted(SUBSCRIPTION_ID, SERIES_ID, EVENT_ID, REGISTRATION_ID)))
                .on("GET", "/api/subscriptions/" + SUBSCRIPTION_ID, json(subscription("ACTIVE")));

        mvc.perform(post("/series/" + SERIES_ID + "/follow")
                        .with(csrf())
                        .header("Accept-Language", "es")
                        .param("idempotencyKey", "k-1")
                        .param("timeZone", "Europe/Madrid")
                        .param("name", "Lucía Fernández")
                        .param("email", "lucia@museo.example")
                        .param("organisation", "Museo de Arte")
                        .param("language", "es")
                        .param("interpretationLanguage", "es")
                        .param("answer-institution", "museum")
                        .param("consent", "true"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/subscriptions/" + SUBSCRIPTION_ID + "?token=s3cr3t%2B%2F%3D"))
                .andExpect(flash().attribute("followed", true));

        StandIn.Request sent = registration
                .received("POST", "/api/series/" + SERIES_ID + "/subscriptions")
                .get(0);
        assertThat(sent.header("Idempotency-Key")).isEqualTo("k-1");
        JsonNode body = json.readTree(sent.body());
        assertThat(body.get("name").asString()).isEqualTo("Lucía Fernández");
        assertThat(body.get("email").asString()).isEqualTo("lucia@museo.example");
        assertThat(body.get("language").asString()).isEqualTo("es");
        assertThat(body.get("timeZone").asString()).isEqualTo("Europe/Madrid");
        assertThat(body.get("interpretationLanguage").asString()).isEqualTo("es");
        assertThat(body.get("consent").asBoolean()).isTrue();
        assertThat(body.at("/answers/institution").asString()).isEqualTo("museum");

        // The subscription's page: who, and the sessions ahead with their status (not the past one).
        mvc.perform(get("/subscriptions/" + SUBSCRIPTION_ID)
                        .param("token", "s3cr3t+/=")
                        .header("Accept-Language", "es"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("Su suscripción a la serie"),
                                containsString("id=\"subscription-status\" data-status=\"ACTIVE\""),
                                containsString("Lucía Fernández"),
                                containsString("data-registration-id=\"" + REGISTRATION_ID + "\""),
                                containsString("En lista de espera, en la posición 3"),
                                not(containsString("0c0c0c0c-1d3f-4a5b-9c7d-8e0f1a2b3c4d")),
                                containsString("id=\"stop-following-form\""),
                                containsString("id=\"cancel-registrations\""))));
        assertThat(registration.received("GET", "/api/subscriptions/" + SUBSCRIPTION_ID))
                .singleElement()
                .satisfies(request -> assertThat(request.query()).isEqualTo("token=s3cr3t%2B%2F%3D"));
    }

    @Test
    void mistakesStayOnTheSeriesPageAndAnAddressAlreadyFollowingIsToldSo() throws Exception {
        mvc.perform(post("/series/" + SERIES_ID + "/follow")
                        .with(csrf())
                        .header("Accept-Language", "en")
                        .param("name", "Lucía")
                        .param("email", "lucia@museo.example")
                        .param("language", "es"))
                .andExpect(status().isBadRequest())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"error-summary\""),
                                containsString("id=\"registration-consent-error\""),
                                containsString("id=\"registration-answer-institution-error\""))));
        assertThat(registration.received("POST", ".*")).isEmpty();

        registration.on(
                "POST",
                "/api/series/" + SERIES_ID + "/subscriptions",
                problem(409, "already-subscribed", "This email already follows the series."));
        mvc.perform(post("/series/" + SERIES_ID + "/follow")
                        .with(csrf())
                        .header("Accept-Language", "fr")
                        .param("name", "Lucía")
                        .param("email", "lucia@museo.example")
                        .param("language", "es")
                        .param("answer-institution", "other")
                        .param("consent", "true"))
                .andExpect(status().isConflict())
                .andExpect(content()
                        .string(allOf(
                                containsString("data-reason=\"already-subscribed\""),
                                containsString("Cette adresse suit déjà cette série."))));
    }

    @Test
    void stoppingIsAPostThatCancelsTheRegistrationsAheadOnlyWhenAsked() throws Exception {
        registration
                .on("GET", "/api/subscriptions/" + SUBSCRIPTION_ID, json(subscription("ACTIVE")))
                .on("DELETE", "/api/subscriptions/" + SUBSCRIPTION_ID, json(subscription("CANCELLED")));

        mvc.perform(post("/subscriptions/" + SUBSCRIPTION_ID + "/stop")
                        .with(csrf())
                        .with(ownClient())
                        .param("token", "t0k")
                        .param("cancelRegistrations", "true"))
                .andExpect(redirectedUrl("/subscriptions/" + SUBSCRIPTION_ID + "?token=t0k"))
                .andExpect(flash().attribute("stopped", "withRegistrations"));
        mvc.perform(post("/subscriptions/" + SUBSCRIPTION_ID + "/stop")
                        .with(csrf())
                        .with(ownClient())
                        .param("token", "t0k"))
                .andExpect(flash().attribute("stopped", "only"));

        assertThat(registration.received("DELETE", "/api/subscriptions/" + SUBSCRIPTION_ID))
                .extracting(StandIn.Request::query)
                .containsExactly("token=t0k&cancelRegistrations=true", "token=t0k");

        // A stopped subscription offers no stop button any more.
        registration.on("GET", "/api/subscriptions/" + SUBSCRIPTION_ID, json(subscription("CANCELLED")));
        mvc.perform(get("/subscriptions/" + SUBSCRIPTION_ID).param("token", "t0k"))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("id=\"stop-following-form\""))));
    }

    @Test
    void aWrongOrMissingTokenIsNotFoundAndAGetChangesNothing() throws Exception {
        registration.on("GET", "/api/subscriptions/" + SUBSCRIPTION_ID, problem(404, "not-found", "Not found"));
        mvc.perform(get("/subscriptions/" + SUBSCRIPTION_ID).param("token", "wrong"))
                .andExpect(status().isNotFound());
        mvc.perform(get("/subscriptions/" + SUBSCRIPTION_ID)).andExpect(status().isNotFound());
        mvc.perform(get("/subscriptions/" + SUBSCRIPTION_ID + "/stop").param("token", "t"));
        assertThat(registration.received("DELETE", ".*")).isEmpty();
        assertThat(registration.received("GET", "/api/subscriptions/.*")).hasSize(1);
    }

    @Test
    void theOrganiserSeesFollowersAndWhoCameThroughTheSubscription() throws Exception {
        catalog.on("GET", "/api/series/" + SERIES_ID, json(series()))
                .on("GET", "/api/events/" + EVENT_ID, json(Contract.event(EVENT_ID, "PUBLISHED")));
        registration
                .on(
                        "GET",
                        "/api/series/" + SERIES_ID + "/followers",
                        json("{\"seriesId\": \"%s\", \"followers\": 12, \"cancelled\": 3}".formatted(SERIES_ID)))
                .on(
                        "GET",
                        "/api/events/" + EVENT_ID + "/attendees",
                        json(
                                """
                                {"content": [
                                  {"id": "%s", "eventId": "%s", "status": "CONFIRMED", "name": "Lucía Fernández", "email": "lucia@museo.example",
                                   "language": "es", "registeredAt": "2099-01-10T09:00:00Z", "subscriptionId": "%s",
                                   "reconfirmedAt": "2099-02-13T09:00:00Z"},
                                  {"id": "0e0e0e0e-1d3f-4a5b-9c7d-8e0f1a2b3c4d", "eventId": "%s", "status": "RELEASED", "name": "Nikos",
                                   "email": "nikos@museum.example", "language": "en", "registeredAt": "2099-01-11T09:00:00Z"}
                                ], "page": {"size": 50, "number": 0, "totalElements": 2, "totalPages": 1}}"""
                                        .formatted(REGISTRATION_ID, EVENT_ID, SUBSCRIPTION_ID, EVENT_ID)))
                .on(
                        "GET",
                        "/api/events/" + EVENT_ID + "/registration-stats",
                        json(
                                """
                                {"capacity": 300, "confirmed": 1, "waitlisted": 0, "pending": 0, "cancelled": 0, "rejected": 0,
                                 "released": 1, "viaSubscription": 1,
                                 "reconfirmation": {"asked": 2, "reconfirmed": 1, "declined": 0, "silent": 0, "released": 1}}"""));

        mvc.perform(get("/organiser/series/" + SERIES_ID)
                        .with(user("estelle").roles("ORGANISER"))
                        .header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("data-followers=\"12\""),
                                containsString("12 people follow this series (3 stopped)."))));

        mvc.perform(get("/organiser/events/" + EVENT_ID + "/attendees")
                        .with(user("estelle").roles("ORGANISER"))
                        .header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"stats-via-subscription\">1<"),
                                containsString("id=\"stats-reconfirmation-asked\">2<"),
                                containsString("id=\"stats-reconfirmation-reconfirmed\">1<"),
                                containsString("id=\"stats-reconfirmation-released\">1<"),
                                containsString("data-subscription-id=\"" + SUBSCRIPTION_ID + "\""),
                                containsString("Series follower"),
                                containsString("Reconfirmed"),
                                containsString("<option value=\"RELEASED\""))));
    }
}
