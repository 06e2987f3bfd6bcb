package org.museumevents.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.museumevents.gateway.StandIn.json;
import static org.museumevents.gateway.StandIn.problem;
import static org.museumevents.gateway.web.Contract.EVENT_ID;
import static org.museumevents.gateway.web.Contract.REGISTRATION_ID;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.museumevents.gateway.GatewayIntegrationTest;
import org.museumevents.gateway.StandIn;
import org.museumevents.gateway.StandIns;
import org.museumevents.gateway.TestIdentity;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Check-in at the door (issue 16) against stand-ins: door staff ({@code portier}, role {@code door}
 * of ocim, {@link TestIdentity}) reach the check-in pages and nothing else; each outcome of {@code
 * POST /api/events/{id}/check-ins} is said in words; the search and the undo call the service with
 * a token carrying {@code role: door}; an event neither the organisation's nor co-organised by it is
 * not found.
 */
@GatewayIntegrationTest
class CheckInPagesTest {

    static final String PARTNERED_ID = "2c4e6a8b-1d3f-4a5b-9c7d-8e0f1a2b3c4d";
    static final StandIn catalog = StandIns.CATALOG;
    static final StandIn registration = StandIns.REGISTRATION;

    @Autowired
    MockMvc mvc;

    @LocalServerPort
    int port;

    static RequestPostProcessor portier() {
        return user("portier").roles("DOOR");
    }

    /** The Dijon workshop: ocim's, in person, in Paris time (CET in February). */
    static String ocimEvent(String id) {
        return Contract.publicEvent(id)
                .replace("\"organisation\": \"icom-france\"", "\"organisation\": \"ocim\"")
                .replace("\"format\": \"ONLINE\"", "\"format\": \"IN_PERSON\"")
                .replace("Is the digital world inclusive?", "Dijon workshop");
    }

    /** A hybrid ICOM France session naming ocim among its partner organisations. */
    static String partneredEvent(String id) {
        return Contract.publicEvent(id)
                .replace("Is the digital world inclusive?", "Partnered session")
                .replace("\"format\": \"ONLINE\"", "\"format\": \"HYBRID\"")
                .replace("\"version\": 3", "\"partnerOrganisations\": [\"ocim\"], \"version\": 3");
    }

    @BeforeEach
    void script() {
        catalog.on("GET", "/api/events/" + EVENT_ID, json(ocimEvent(EVENT_ID)))
                .on("GET", "/api/events/" + PARTNERED_ID, json(partneredEvent(PARTNERED_ID)))
                .on("GET", "/api/events", request -> {
                    String query = String.valueOf(request.query());
                    if (query.contains("partnerOrganisation=ocim")) {
                        return json(Contract.page(partneredEvent(PARTNERED_ID)));
                    }
                    if (query.contains("organisation=ocim")) {
                        return json(Contract.page(ocimEvent(EVENT_ID)));
                    }
                    return json(Contract.page());
                });
    }

    private Jwt verifiedToken(StandIn.Request request) {
        String authorization = request.header("Authorization");
        assertThat(authorization).startsWith("Bearer ");
        return TestIdentity.servicesDecoder(port).decode(authorization.substring("Bearer ".length()));
    }

    @Test
    void doorStaffReachTheCheckInPagesOnlyAndNeverAnyData() throws Exception {
        mvc.perform(get("/organiser").with(portier())).andExpect(redirectedUrl("/organiser/check-in"));
        for (String page : new String[] {
            "/organiser/events/" + EVENT_ID,
            "/organiser/events/" + EVENT_ID + "/attendees",
            "/organiser/events/" + EVENT_ID + "/attendees.csv",
            "/organiser/events/" + EVENT_ID + "/edit",
            "/organiser/events/" + EVENT_ID + "/messages",
            "/organiser/events/" + EVENT_ID + "/notifications",
            "/organiser/events/new",
            "/organiser/series/new",
            "/organiser/registrations/" + REGISTRATION_ID + "/cancel"
        }) {
            mvc.perform(get(page).with(portier()).header("Accept-Language", "en"))
                    .andExpect(status().isForbidden())
                    .andExpect(content().string(not(containsString("Dijon workshop"))));
        }
        mvc.perform(post("/organiser/registrations/" + REGISTRATION_ID + "/approve")
                        .param("event", EVENT_ID)
                        .with(csrf())
                        .with(portier()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/organiser/events/" + EVENT_ID + "/publish")
                        .with(csrf())
                        .with(portier()))
                .andExpect(status().isForbidden());
        assertThat(registration.received()).isEmpty();
        assertThat(catalog.received()).isEmpty();

        // An organiser keeps every page, the check-in ones included.
        mvc.perform(get("/organiser/events/" + EVENT_ID + "/check-in")
                        .with(user("marie").roles("ORGANISER"))
                        .header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"check-in-form\"")));
    }

    @Test
    void theLandingListsTheOrganisationsAndItsPartneredUpcomingEvents() throws Exception {
        mvc.perform(get("/organiser/check-in").with(portier()).header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("Dijon workshop"),
                                containsString("Partnered session"),
                                containsString("href=\"/organiser/events/" + EVENT_ID + "/check-in\""),
                                containsString("href=\"/organiser/events/" + PARTNERED_ID + "/check-in\""),
                                containsString("co-organised with icom-france"))));
        // The public listing: no token, published events only.
        assertThat(catalog.received("GET", "/api/events"))
                .allSatisfy(
                        request -> assertThat(request.header("Authorization")).isNull());
    }

    @Test
    void eachOutcomeOfACheckInIsSaidInLargeTypeWithAnUndo() throws Exception {
        registration.on("POST", "/api/events/" + EVENT_ID + "/check-ins", request -> {
            String body = request.body();
            if (body.contains("\"code\":\"AAAAAAAAAAAAAAAAAAAAAA\"")) {
                return json(
                        201,
                        """
                        {"registrationId": "%s", "name": "Élise Martin", "status": "CONFIRMED", "checkedInAt": "2099-02-16T08:42:00Z"}"""
                                .formatted(REGISTRATION_ID));
            }
            if (body.contains("\"code\":\"BBBBBBBBBBBBBBBBBBBBBB\"")) {
                return json(
                        200,
                        """
                        {"registrationId": "%s", "name": "Élise Martin", "status": "CONFIRMED", "checkedInAt": "2099-02-16T08:42:00Z"}"""
                                .formatted(REGISTRATION_ID));
            }
            if (body.contains("CCCCCCCCCCCCCCCCCCCCCC")) {
                return problem(409, "another-event", "This code is of a registration for another event.");
            }
            if (body.contains("DDDDDDDDDDDDDDDDDDDDDD")) {
                return problem(409, "not-confirmed", "Only a CONFIRMED registration checks in.");
            }
            return problem(404, "unknown-code", "No registration has this code.");
        });

        assertOutcome("AAAAAAAAAAAAAAAAAAAAAA", "welcome", "Welcome Élise Martin", true);
        // 08:42 UTC is 09:42 in Paris in February: the event's time zone.
        assertOutcome("BBBBBBBBBBBBBBBBBBBBBB", "already", "Élise Martin already checked in at 09:42", true);
        assertOutcome("CCCCCCCCCCCCCCCCCCCCCC", "another-event", "This code is for another event.", false);
        assertOutcome("DDDDDDDDDDDDDDDDDDDDDD", "not-confirmed", "Not confirmed", false);
        assertOutcome("EEEEEEEEEEEEEEEEEEEEEE", "unknown-code", "Unknown code.", false);

        var posts = registration.received("POST", "/api/events/" + EVENT_ID + "/check-ins");
        assertThat(posts).hasSize(5);
        Jwt token = verifiedToken(posts.get(0));
        assertThat(token.getClaimAsString("org")).isEqualTo("ocim");
        assertThat(token.getClaimAsString("role")).isEqualTo("door");

        // Not a code at all: never sent.
        MvcResult junk = mvc.perform(post("/organiser/events/" + EVENT_ID + "/check-in")
                        .param("code", "<script>")
                        .with(csrf())
                        .with(portier()))
                .andExpect(redirectedUrl("/organiser/events/" + EVENT_ID + "/check-in"))
                .andReturn();
        assertThat(((CheckInControllerResult) () -> junk).outcome()).isEqualTo("unknown-code");
        assertThat(registration.received("POST", "/api/events/" + EVENT_ID + "/check-ins"))
                .hasSize(5);

        registration.on(
                "DELETE",
                "/api/events/" + EVENT_ID + "/check-ins/" + REGISTRATION_ID,
                new StandIn.Answer(204, "application/json", "", Map.of()));
        MvcResult undone = mvc.perform(post("/organiser/events/" + EVENT_ID + "/check-in/" + REGISTRATION_ID + "/undo")
                        .with(csrf())
                        .with(portier()))
                .andExpect(redirectedUrl("/organiser/events/" + EVENT_ID + "/check-in"))
                .andReturn();
        assertThat(((CheckInControllerResult) () -> undone).outcome()).isEqualTo("undone");
        assertThat(registration.received("DELETE", "/api/events/" + EVENT_ID + "/check-ins/" + REGISTRATION_ID))
                .hasSize(1);
    }

    /** Reads the flash attribute {@code result} of a check-in's redirect. */
    @FunctionalInterface
    interface CheckInControllerResult {
        MvcResult result();

        default String outcome() {
            Object result = result().getFlashMap().get("result");
            assertThat(result).isNotNull();
            return result.toString().replaceAll(".*outcome=([a-z-]+).*", "$1");
        }
    }

    private void assertOutcome(String code, String outcome, String words, boolean undo) throws Exception {
        MvcResult posted = mvc.perform(post("/organiser/events/" + EVENT_ID + "/check-in")
                        .param("code", code)
                        .with(csrf())
                        .with(portier())
                        .header("Accept-Language", "en"))
                .andExpect(redirectedUrl("/organiser/events/" + EVENT_ID + "/check-in"))
                .andReturn();
        assertThat(posted.getFlashMap().get("result")).isNotNull();
        mvc.perform(get("/organiser/events/" + EVENT_ID + "/check-in")
                        .cookie(posted.getResponse().getCookie("SESSION"))
                        .with(portier())
                        .header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("data-outcome=\"" + outcome + "\""),
                                containsString(words),
                                undo
                                        ? containsString("id=\"undo-check-in\"")
                                        : not(containsString("id=\"undo-check-in\"")))));
    }

    @Test
    void aSearchByNameOrEmailOffersOneTapPerPerson() throws Exception {
        registration.on(
                "GET",
                "/api/events/" + EVENT_ID + "/check-ins",
                json(
                        """
                        [{"registrationId": "%s", "name": "Élise Martin", "email": "elise@musee.example", "status": "CONFIRMED", "checkedInAt": null},
                         {"registrationId": "0e0e0e0e-1d3f-4a5b-9c7d-8e0f1a2b3c4d", "name": "Éliott Roux", "email": "eliott@musee.example", "status": "CONFIRMED", "checkedInAt": "2099-02-16T08:05:00Z"}]"""
                                .formatted(REGISTRATION_ID)));
        mvc.perform(get("/organiser/events/" + EVENT_ID + "/check-in")
                        .param("q", "éli")
                        .with(portier())
                        .header("Accept-Language", "fr"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("Élise Martin"),
                                containsString("id=\"check-in-" + REGISTRATION_ID + "\""),
                                containsString("Arrivée à 09:05"),
                                not(containsString("id=\"check-in-0e0e0e0e-1d3f-4a5b-9c7d-8e0f1a2b3c4d\"")))));
        assertThat(registration.received("GET", "/api/events/" + EVENT_ID + "/check-ins"))
                .singleElement()
                .satisfies(request -> assertThat(request.query()).isEqualTo("q=%C3%A9li"));

        // Too short: said, not sent.
        mvc.perform(get("/organiser/events/" + EVENT_ID + "/check-in")
                        .param("q", "e")
                        .with(portier())
                        .header("Accept-Language", "en"))
                .andExpect(content().string(containsString("id=\"search-problem\"")));
        assertThat(registration.received("GET", "/api/events/" + EVENT_ID + "/check-ins"))
                .hasSize(1);

        registration.on(
                "POST",
                "/api/events/" + EVENT_ID + "/check-ins",
                json(
                        201,
                        """
                        {"registrationId": "%s", "name": "Élise Martin", "status": "CONFIRMED", "checkedInAt": "2099-02-16T08:42:00Z"}"""
                                .formatted(REGISTRATION_ID)));
        mvc.perform(post("/organiser/events/" + EVENT_ID + "/check-in")
                        .param("registrationId", REGISTRATION_ID)
                        .with(csrf())
                        .with(portier()))
                .andExpect(redirectedUrl("/organiser/events/" + EVENT_ID + "/check-in"));
        assertThat(registration.received("POST", "/api/events/" + EVENT_ID + "/check-ins"))
                .singleElement()
                .satisfies(request ->
                        assertThat(request.body()).isEqualTo("{\"registrationId\":\"" + REGISTRATION_ID + "\"}"));
    }

    @Test
    void aCoOrganisedEventsPageOpens() throws Exception {
        mvc.perform(get("/organiser/events/" + PARTNERED_ID + "/check-in").with(portier()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Partnered session")));
    }

    @Test
    void anEventNeitherOwnedNorCoOrganisedIsNotFound() throws Exception {
        catalog.on("GET", "/api/events/" + PARTNERED_ID, json(Contract.publicEvent(PARTNERED_ID)));
        mvc.perform(get("/organiser/events/" + PARTNERED_ID + "/check-in").with(portier()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/organiser/events/" + PARTNERED_ID + "/check-in")
                        .param("code", "AAAAAAAAAAAAAAAAAAAAAA")
                        .with(csrf())
                        .with(portier()))
                .andExpect(status().isNotFound());
        assertThat(registration.received()).isEmpty();
    }
}
