package org.museumevents.catalog.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.museumevents.catalog.CatalogIntegrationTest;
import org.museumevents.catalog.CatalogRequests;
import org.museumevents.catalog.Fixtures;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wherever a zone is read (an event's {@code timeZone}, a series' {@code recurrence.timeZone}),
 * only region-based IANA zones and UTC are taken; any other is a 400 naming the field. And the
 * calendar of an event stored in a zone that is now refused still answers, in UTC.
 */
@CatalogIntegrationTest
class TimeZoneRulesTest {

    final String organisation = Fixtures.organisation("icom-france");

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @ParameterizedTest
    @ValueSource(strings = {"UTC+1", "+02:00", "Z", "GMT+1", "Etc/GMT+1", "SystemV/AST4", "EST", "US/Eastern"})
    void offsetsAndLegacyZonesAre400NamingTheField(String zone) throws Exception {
        Map<String, Object> event = Fixtures.onlineDebate();
        event.put("timeZone", zone);
        send("/api/events", event)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", hasItem("timeZone")));

        send("/api/series", series(zone))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", hasItem("recurrence.timeZone")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Europe/Paris", "America/Argentina/Buenos_Aires", "Asia/Kathmandu", "UTC"})
    void regionBasedZonesAndUtcAreTakenAndTheirCalendarNamesThem(String zone) throws Exception {
        Map<String, Object> event = Fixtures.onlineDebate();
        event.put("timeZone", zone);
        String id = CatalogRequests.publish(mvc, json, organisation, event);

        String ics = mvc.perform(get("/api/events/{id}/calendar.ics", id))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(ics).contains("BEGIN:VTIMEZONE").contains("DTSTART;TZID=").contains("T130000");

        send("/api/series", series(zone)).andExpect(status().isCreated());
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC+1", "+02:00", "Z", "GMT+1", "SystemV/AST4"})
    void theCalendarOfAnEventStoredInARefusedZoneAnswersInUtc(String zone) throws Exception {
        // The review's example: such an event, accepted before, made calendar.ics answer 500.
        String id = CatalogRequests.publish(mvc, json, organisation, Fixtures.onlineDebate());
        jdbc.sql("UPDATE event SET time_zone = :zone, details = jsonb_set(details, '{timeZone}', to_jsonb(CAST(:zone AS"
                        + " text))) WHERE id = :id")
                .param("zone", zone)
                .param("id", java.util.UUID.fromString(id))
                .update();

        String ics = mvc.perform(get("/api/events/{id}/calendar.ics", id))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        // 13:00 in Paris in February was stored as 12:00 UTC; the event's instants are what it gives.
        assertThat(ics).doesNotContain("VTIMEZONE").contains("DTSTART:").contains("Z\r\n");
        mvc.perform(get("/api/events/{id}", id)).andExpect(status().isOk());
    }

    private ResultActions send(String path, Map<String, Object> body) throws Exception {
        return mvc.perform(post(path)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(organisation))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(body)));
    }

    private static Map<String, Object> series(String zone) {
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("title", Map.of("fr", "Musées, solidarités"));
        series.put(
                "recurrence",
                Map.of(
                        "rule",
                        "FREQ=MONTHLY;BYDAY=3TU",
                        "start",
                        "2021-01-19T13:00",
                        "durationMinutes",
                        90,
                        "timeZone",
                        zone));
        return series;
    }
}
