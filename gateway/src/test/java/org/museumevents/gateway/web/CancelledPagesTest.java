package org.museumevents.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.museumevents.gateway.StandIn.json;
import static org.museumevents.gateway.web.Contract.EVENT_ID;
import static org.museumevents.gateway.web.Contract.REGISTRATION_ID;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.museumevents.gateway.GatewayIntegrationTest;
import org.museumevents.gateway.StandIn;
import org.museumevents.gateway.StandIns;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Pages about a cancelled registration or a cancelled event offer no action that no longer applies
 * (issue 12): no "cancel my registration", no "manage or cancel" link, no "add to my calendar", no
 * editing, approving or cancelling for the organiser; no cancelling once the event has ended; and no places left for an event whose
 * registration is over, whichever service learnt of the cancellation first.
 */
@GatewayIntegrationTest
class CancelledPagesTest {

    static final StandIn catalog = StandIns.CATALOG;
    static final StandIn registration = StandIns.REGISTRATION;

    @Autowired
    MockMvc mvc;

    static RequestPostProcessor estelle() {
        return user("estelle").roles("ORGANISER");
    }

    private void eventIs(String status) {
        catalog.on(
                "GET",
                "/api/events/" + EVENT_ID,
                new StandIn.Answer(200, "application/json", Contract.event(EVENT_ID, status), Map.of("ETag", "\"4\"")));
    }

    private void availability(int placesLeft, boolean open, String reason) {
        registration.on(
                "GET",
                "/api/events/" + EVENT_ID + "/availability",
                json(
                        """
                {"eventId": "%s", "capacity": 300, "placesLeft": %d, "waitlist": true, "waitlisted": 0,
                 "requiresApproval": false, "open": %s, "reason": %s}"""
                                .formatted(
                                        EVENT_ID, placesLeft, open, reason == null ? "null" : "\"" + reason + "\"")));
    }

    private void registrationIs(String status) {
        registration.on(
                "GET", "/api/registrations/" + REGISTRATION_ID, json(Contract.registration(REGISTRATION_ID, status)));
        registration.on(
                "GET",
                "/api/registrations/" + REGISTRATION_ID + "/organiser-view",
                json(Contract.registration(REGISTRATION_ID, status)));
    }

    private String page(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.header("Accept-Language", "en"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void aCancelledEventsPageShowsNoPlacesNoCalendarAndNoForm() throws Exception {
        eventIs("CANCELLED");
        availability(12, false, "event-cancelled");

        assertThat(page(get("/events/" + EVENT_ID)))
                .contains("id=\"event-cancelled\"", "data-state=\"CANCELLED\"")
                .doesNotContain("id=\"places-left\"", "places left")
                .doesNotContain("id=\"event-waitlist-note\"", "waiting list")
                .doesNotContain("id=\"add-to-calendar\"")
                .doesNotContain("id=\"registration-form\"");
    }

    @Test
    void whenRegistrationLearnsOfTheCancellationFirstThePageShowsNoPlacesLeft() throws Exception {
        // The catalog's answer still says PUBLISHED; registration-service already reports it closed.
        eventIs("PUBLISHED");
        availability(12, false, "event-cancelled");
        assertThat(page(get("/events/" + EVENT_ID)))
                .contains("data-state=\"CANCELLED\"", "the event is cancelled")
                .doesNotContain("id=\"places-left\"", "12 places left")
                .doesNotContain("id=\"event-waitlist-note\"")
                .doesNotContain("id=\"registration-form\"");

        // Closed for another reason: places left mean nothing either.
        availability(3, false, "registration-closed");
        assertThat(page(get("/events/" + EVENT_ID)))
                .contains("data-state=\"CLOSED\"")
                .doesNotContain("id=\"places-left\"", "3 places left")
                .doesNotContain("id=\"event-waitlist-note\"");

        // Open: the count is shown.
        availability(3, true, null);
        assertThat(page(get("/events/" + EVENT_ID)))
                .contains("id=\"places-left\"", "3 places left", "id=\"event-waitlist-note\"");
    }

    @Test
    void aCancelledRegistrationOffersNoCancellation() throws Exception {
        eventIs("PUBLISHED");
        registrationIs("CANCELLED");

        assertThat(page(get("/registrations/" + REGISTRATION_ID).param("token", "t0k3n")))
                .contains("data-status=\"CANCELLED\"")
                .doesNotContain("id=\"cancel-registration-form\"", "id=\"cancel-registration\"")
                .doesNotContain("Cancel my registration");
        mvc.perform(get("/registrations/" + REGISTRATION_ID + "/cancel").param("token", "t0k3n"))
                .andExpect(redirectedUrl("/registrations/" + REGISTRATION_ID + "?token=t0k3n"));
    }

    @Test
    void aRegistrationToACancelledEventSaysSoAndOffersNoCancellation() throws Exception {
        eventIs("CANCELLED");
        registrationIs("CONFIRMED");

        assertThat(page(get("/registrations/" + REGISTRATION_ID).param("token", "t0k3n")))
                .contains("id=\"event-cancelled\"", "This event is cancelled.")
                .doesNotContain("id=\"cancel-registration-form\"")
                .doesNotContain("Cancel my registration");
        mvc.perform(get("/registrations/" + REGISTRATION_ID + "/cancel").param("token", "t0k3n"))
                .andExpect(redirectedUrl("/registrations/" + REGISTRATION_ID + "?token=t0k3n"));
    }

    @Test
    void aRegistrationToAnEventThatHasEndedSaysSoAndOffersNoCancellation() throws Exception {
        catalog.on(
                "GET",
                "/api/events/" + EVENT_ID,
                new StandIn.Answer(
                        200,
                        "application/json",
                        Contract.event(EVENT_ID, "PUBLISHED")
                                .replace("2099-02-16T", "2020-02-16T")
                                .replace("2099-02-16T11:00:00Z", "2020-02-16T11:00:00Z"),
                        Map.of("ETag", "\"4\"")));
        registrationIs("CONFIRMED");

        assertThat(page(get("/registrations/" + REGISTRATION_ID).param("token", "t0k3n")))
                .contains("id=\"event-ended\"", "This event has ended")
                .doesNotContain("id=\"cancel-registration-form\"")
                .doesNotContain("Cancel my registration");
        mvc.perform(get("/registrations/" + REGISTRATION_ID + "/cancel").param("token", "t0k3n"))
                .andExpect(redirectedUrl("/registrations/" + REGISTRATION_ID + "?token=t0k3n"));
    }

    @Test
    void anAnswerThatIsNoRegistrationOffersNoManageOrCancelLink() throws Exception {
        eventIs("PUBLISHED");
        for (String status : new String[] {"CANCELLED", "REJECTED"}) {
            String result = page(get("/events/" + EVENT_ID + "/registration")
                    .with(Flash.attribute(
                            "registered",
                            new Registered(
                                    UUID.fromString(REGISTRATION_ID),
                                    UUID.fromString(EVENT_ID),
                                    status,
                                    null,
                                    "t0k3n"))));
            assertThat(result)
                    .as(status)
                    .contains("data-status=\"" + status + "\"")
                    .doesNotContain("id=\"manage-link\"", "Manage or cancel")
                    .doesNotContain("id=\"result-calendar\"");
        }
        String confirmed = page(get("/events/" + EVENT_ID + "/registration")
                .with(Flash.attribute(
                        "registered",
                        new Registered(
                                UUID.fromString(REGISTRATION_ID),
                                UUID.fromString(EVENT_ID),
                                "CONFIRMED",
                                null,
                                "t0k3n"))));
        assertThat(confirmed).contains("id=\"manage-link\"", "id=\"result-calendar\"");
    }

    @Test
    void theOrganiserIsOfferedNothingToChangeOnACancelledEvent() throws Exception {
        eventIs("CANCELLED");
        registrationIs("PENDING");
        registration
                .on(
                        "GET",
                        "/api/events/" + EVENT_ID + "/attendees",
                        json(Contract.page(Contract.registration(REGISTRATION_ID, "PENDING"))))
                .on("GET", "/api/events/" + EVENT_ID + "/registration-stats", json(Contract.stats()));

        assertThat(page(get("/organiser/events/" + EVENT_ID).with(estelle())))
                .contains("data-status=\"CANCELLED\"")
                .doesNotContain("id=\"edit-event\"", "id=\"cancel-event\"", "id=\"publish-event\"");
        mvc.perform(get("/organiser/events/" + EVENT_ID + "/edit").with(estelle()))
                .andExpect(redirectedUrl("/organiser/events/" + EVENT_ID));
        mvc.perform(get("/organiser/events/" + EVENT_ID + "/cancel").with(estelle()))
                .andExpect(redirectedUrl("/organiser/events/" + EVENT_ID));

        assertThat(page(get("/organiser/events/" + EVENT_ID + "/attendees").with(estelle())))
                .contains("data-registration-id=\"" + REGISTRATION_ID + "\"")
                .doesNotContain("id=\"approve-" + REGISTRATION_ID + "\"")
                .doesNotContain("id=\"reject-" + REGISTRATION_ID + "\"")
                .doesNotContain("id=\"cancel-" + REGISTRATION_ID + "\"");
        mvc.perform(get("/organiser/registrations/" + REGISTRATION_ID + "/cancel")
                        .with(estelle()))
                .andExpect(redirectedUrl("/organiser/events/" + EVENT_ID + "/attendees"));
    }

    @Test
    void theOrganiserIsNotAskedToCancelACancelledRegistration() throws Exception {
        eventIs("PUBLISHED");
        registrationIs("CANCELLED");
        mvc.perform(get("/organiser/registrations/" + REGISTRATION_ID + "/cancel")
                        .with(estelle()))
                .andExpect(redirectedUrl("/organiser/events/" + EVENT_ID + "/attendees"));
    }
}
