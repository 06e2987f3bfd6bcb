package org.museumevents.catalog.series;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.museumevents.catalog.CatalogIntegrationTest;
import org.museumevents.catalog.Fixtures;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * A rule that would make ical4j expand without bound is a 400 naming {@code recurrence.rule} when
 * a series is created, and a 422 if such a series was stored before: never an expansion.
 */
@CatalogIntegrationTest
class RecurrenceRulesApiTest {

    // pitfalls.md: 60 characters that ask ical4j for millions of instants a year.
    static final String BOMB = "FREQ=YEARLY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;"
            + "BYMINUTE=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29;"
            + "BYSECOND=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29";

    final String organisation = Fixtures.organisation("icom-france");

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @ParameterizedTest
    @ValueSource(
            strings = {
                BOMB,
                "FREQ=HOURLY",
                "FREQ=YEARLY;BYWEEKNO=1,2,3",
                "FREQ=DAILY;INTERVAL=999999999",
                "FREQ=MONTHLY;BYMONTHDAY=0"
            })
    void unboundedOrUnexpandableRulesAre400NamingTheRule(String rule) throws Exception {
        Map<String, Object> series = SeriesApiTest.solidarity();
        series.put(
                "recurrence",
                Map.of("rule", rule, "start", "2021-01-19T13:00", "durationMinutes", 90, "timeZone", "Europe/Paris"));
        mvc.perform(post("/api/series")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(organisation))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(series)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", hasItem("recurrence.rule")));
    }

    @Test
    void aSeriesStoredWithSuchARuleIsRefusedNotExpanded() throws Exception {
        String id = json.readTree(mvc.perform(post("/api/series")
                                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(organisation))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(json.writeValueAsString(SeriesApiTest.solidarity())))
                        .andExpect(status().isCreated())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .path("id")
                .asString();
        jdbc.sql("UPDATE series SET details = jsonb_set(details, '{recurrence,rule}', to_jsonb(CAST(:rule AS text)))"
                        + " WHERE id = :id")
                .param("rule", BOMB)
                .param("id", UUID.fromString(id))
                .update();

        mvc.perform(post("/api/series/{id}/occurrences", id)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(organisation))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"count\": 52}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(containsString("recurrence-refused")));
    }
}
