package org.museumevents.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.museumevents.gateway.StandIn.json;
import static org.museumevents.gateway.web.Contract.EVENT_ID;
import static org.museumevents.gateway.web.Contract.SERIES_ID;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.museumevents.gateway.GatewayIntegrationTest;
import org.museumevents.gateway.StandIn;
import org.museumevents.gateway.StandIns;
import org.museumevents.gateway.TestIdentity;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * An organiser of one organisation ({@code marie}, ocim, see {@link TestIdentity}) opening the
 * organiser pages of an event or series of another (icom-france's, which the catalog shows to
 * anyone once published): every page is the not-found page, as the API answers, and shows none of
 * the event's data.
 */
@GatewayIntegrationTest
class OtherOrganisationsEventsTest {

    static final StandIn catalog = StandIns.CATALOG;
    static final String EVENT = "/organiser/events/" + EVENT_ID;

    @Autowired
    MockMvc mvc;

    static RequestPostProcessor marie() {
        return user("marie").roles("ORGANISER");
    }

    static RequestPostProcessor estelle() {
        return user("estelle").roles("ORGANISER");
    }

    @BeforeEach
    void script() {
        catalog.on(
                        "GET",
                        "/api/events/" + EVENT_ID,
                        new StandIn.Answer(
                                200,
                                "application/json",
                                Contract.event(EVENT_ID, "PUBLISHED"),
                                Map.of("ETag", "\"4\"")))
                .on("GET", "/api/series/" + SERIES_ID, json(Contract.series()))
                .on("GET", "/api/series", json(Contract.page(Contract.series())));
        StandIns.NOTIFICATION.on("GET", "/api/events/" + EVENT_ID + "/messages", json("[]"));
    }

    private MockHttpServletResponse answer(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.accept("text/html")).andReturn().getResponse();
    }

    private static void isNotFoundWithoutTheEvent(MockHttpServletResponse answer, String what) throws Exception {
        assertThat(answer.getStatus()).as(what).isEqualTo(404);
        assertThat(answer.getContentAsString())
                .as(what)
                .doesNotContain(
                        "Le numérique est-il solidaire",
                        "Is the digital world inclusive",
                        "Solidarité, musées",
                        Contract.MEETING_URL,
                        Contract.PASSCODE);
    }

    @Test
    void everyPageOfAnotherOrganisationsEventIsNotFound() throws Exception {
        for (String page : List.of(
                EVENT,
                EVENT + "/edit",
                EVENT + "/messages",
                EVENT + "/notifications",
                EVENT + "/attendees",
                EVENT + "/cancel",
                "/organiser/series/" + SERIES_ID)) {
            isNotFoundWithoutTheEvent(answer(get(page).with(marie())), "GET " + page);
        }
        isNotFoundWithoutTheEvent(
                answer(post(EVENT + "/edit")
                        .with(marie())
                        .with(csrf())
                        .param("titleFr", "Repris")
                        .param("defaultLanguage", "fr")
                        .param("format", "ONLINE")
                        .param("start", "2099-02-16T13:00")
                        .param("end", "2099-02-16T14:30")
                        .param("timeZone", "Europe/Paris")
                        .param("etag", "\"4\"")),
                "POST edit");
        isNotFoundWithoutTheEvent(
                answer(post(EVENT + "/messages")
                        .with(marie())
                        .with(csrf())
                        .param("recipients", "CONFIRMED")
                        .param("subjectEn", "x")
                        .param("bodyEn", "y")
                        .param("action", "preview")),
                "POST messages");
        assertThat(catalog.received("PUT", ".*")).isEmpty();
        assertThat(StandIns.NOTIFICATION.received("POST", ".*")).isEmpty();
    }

    @Test
    void theEventsOwnOrganisationStillOpensThem() throws Exception {
        for (String page : List.of(EVENT, EVENT + "/edit", EVENT + "/messages")) {
            assertThat(answer(get(page).with(estelle())).getStatus()).as(page).isEqualTo(200);
        }
        assertThat(answer(get("/organiser/series/" + SERIES_ID).with(estelle())).getStatus())
                .isEqualTo(200);
    }
}
