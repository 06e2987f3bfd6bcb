package org.museumevents.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.museumevents.gateway.StandIn.json;
import static org.museumevents.gateway.web.Contract.EVENT_ID;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Map;
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
 * Browsers send a textarea's line breaks as CR LF: every text the web forms pass on to a service
 * has them as LF only ({@link LineBreaks}), so that what was typed is what is stored and counted
 * against the services' limits.
 */
@GatewayIntegrationTest
class LineBreaksTest {

    static final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    static RequestPostProcessor estelle() {
        return user("estelle").roles("ORGANISER");
    }

    @Test
    void normalisedTurnsCrLfAndLoneCrIntoLf() {
        assertThat(LineBreaks.normalised("a\r\nb\rc\nd\r\n\r\n")).isEqualTo("a\nb\nc\nd\n\n");
        assertThat(LineBreaks.normalised("plain")).isEqualTo("plain");
        assertThat(LineBreaks.normalised(null)).isNull();
    }

    @Test
    void anEventsDescriptionAndFollowUpTextReachTheCatalogWithLfOnly() throws Exception {
        StandIns.CATALOG.on("POST", "/api/events", json(201, Contract.event(EVENT_ID, "DRAFT")));
        // 40 lines making 4,999 characters as typed: 5,038 as the browser posts them.
        String typed = ("x".repeat(124) + "\n").repeat(39) + "x".repeat(124);
        assertThat(typed).hasSize(4999);
        mvc.perform(post("/organiser/events")
                .with(estelle())
                .with(csrf())
                .param("titleFr", "Atelier")
                .param("descriptionFr", "Première ligne\r\nDeuxième\rTroisième")
                .param("defaultLanguage", "fr")
                .param("format", "ONLINE")
                .param("start", "2027-03-16T13:00")
                .param("end", "2027-03-16T14:30")
                .param("timeZone", "Europe/Paris")
                .param("followUpHours", "2")
                .param("followUpTextFr", typed.replace("\n", "\r\n")));
        StandIn.Request sent = StandIns.CATALOG.received("POST", "/api/events").get(0);
        assertThat(sent.body()).doesNotContain("\\r");
        JsonNode body = json.readTree(sent.body());
        assertThat(body.at("/description/fr").asString()).isEqualTo("Première ligne\nDeuxième\nTroisième");
        assertThat(body.at("/followUp/text/fr").asString()).isEqualTo(typed);
    }

    @Test
    void aSeriesDescriptionReachesTheCatalogWithLfOnly() throws Exception {
        StandIns.CATALOG.on("POST", "/api/series", json(201, Contract.series()));
        mvc.perform(post("/organiser/series")
                .with(estelle())
                .with(csrf())
                .param("titleFr", "Solidarité")
                .param("descriptionEn", "One\r\nTwo\rThree")
                .param("defaultLanguage", "fr")
                .param("rule", "FREQ=MONTHLY;BYDAY=3TU")
                .param("start", "2027-01-19T13:00")
                .param("durationMinutes", "90")
                .param("timeZone", "Europe/Paris"));
        JsonNode body = json.readTree(
                StandIns.CATALOG.received("POST", "/api/series").get(0).body());
        assertThat(body.at("/description/en").asString()).isEqualTo("One\nTwo\nThree");
    }

    @Test
    void aMessageBodyOfTypedLinesIsSentAsTyped() throws Exception {
        StandIns.CATALOG.on(
                "GET",
                "/api/events/" + EVENT_ID,
                new StandIn.Answer(
                        200, "application/json", Contract.event(EVENT_ID, "PUBLISHED"), Map.of("ETag", "\"4\"")));
        StandIns.NOTIFICATION
                .on("GET", "/api/events/" + EVENT_ID + "/messages", json("[]"))
                .on(
                        "POST",
                        "/api/events/" + EVENT_ID + "/messages/preview",
                        json("{\"subject\":\"x\",\"text\":\"y\"}"));
        // 9,999 characters as typed, in 100 lines: 10,098 as the browser posts them.
        String typed = ("y".repeat(99) + "\n").repeat(99) + "y".repeat(99);
        assertThat(typed).hasSize(9999);
        mvc.perform(post("/organiser/events/" + EVENT_ID + "/messages")
                .with(estelle())
                .with(csrf())
                .param("recipients", "CONFIRMED")
                .param("subjectEn", "Programme")
                .param("bodyEn", typed.replace("\n", "\r\n"))
                .param("action", "preview"));
        JsonNode body = json.readTree(StandIns.NOTIFICATION
                .received("POST", "/api/events/" + EVENT_ID + "/messages/preview")
                .get(0)
                .body());
        assertThat(body.at("/body/en").asString()).isEqualTo(typed);
    }
}
