package org.museumevents.catalog;

import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.ResultMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every date the catalog reads lies between 2000-01-01 and 2100-12-31: an event's start and end,
 * its registration's opening and closing, a series' first start and its defaults' registration,
 * the occurrences' {@code until} and {@code from}, the listing's {@code from} and {@code to}.
 * Anything else (year 250000, year 0, 1900, the largest date Java knows) is a 400 naming the
 * field, never a database error or an overflow.
 */
@CatalogIntegrationTest
class DateRangeTest {

    final String organisation = Fixtures.organisation("icom-france");

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "+250000-01-01T10:00",
                "0000-01-01T10:00",
                "-0001-01-01T10:00",
                "1900-01-01T10:00",
                "1999-12-31T23:59",
                "2101-01-01T00:00",
                "+999999999-12-31T23:00"
            })
    void eventTimesOutsideTheRangeAre400NamingTheField(String time) throws Exception {
        Map<String, Object> startOutside = Fixtures.onlineDebate();
        startOutside.put("start", time);
        send("/api/events", startOutside).andExpect(fieldError("start"));

        Map<String, Object> endOutside = Fixtures.onlineDebate();
        endOutside.put("end", time);
        send("/api/events", endOutside).andExpect(fieldError("end"));

        Map<String, Object> series = series(time);
        send("/api/series", series).andExpect(fieldError("recurrence.start"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "+250000-01-01T00:00:00Z",
                "0000-01-01T00:00:00Z",
                "1900-01-01T00:00:00Z",
                "1999-12-31T23:59:59Z",
                "2101-01-01T00:00:00Z",
                "-999999999-01-01T00:00:00Z"
            })
    void registrationInstantsOutsideTheRangeAre400NamingTheField(String instant) throws Exception {
        for (String field : List.of("opensAt", "closesAt")) {
            Map<String, Object> event = Fixtures.onlineDebate();
            event.put("registration", Map.of(field, instant));
            send("/api/events", event).andExpect(fieldError("registration." + field));

            Map<String, Object> series = series("2021-01-19T13:00");
            series.put("eventDefaults", Map.of("registration", Map.of(field, instant)));
            send("/api/series", series).andExpect(fieldError("eventDefaults.registration." + field));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"+250000-01-01", "0000-01-01", "1900-01-01", "2101-01-01", "+999999999-12-31"})
    void occurrencesAndListingDatesOutsideTheRangeAre400NamingTheField(String date) throws Exception {
        String seriesId = json.readTree(send("/api/series", series("2021-01-19T13:00"))
                        .andExpect(status().isCreated())
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .path("id")
                .asString();
        send("/api/series/" + seriesId + "/occurrences", Map.of("until", date)).andExpect(fieldError("until"));
        send("/api/series/" + seriesId + "/occurrences", Map.of("count", 2, "from", date))
                .andExpect(fieldError("from"));

        // The review's example: to=+999999999-12-31 overflowed into a 500.
        mvc.perform(get("/api/events").param("from", date)).andExpect(fieldError("from"));
        mvc.perform(get("/api/events").param("to", date)).andExpect(fieldError("to"));
    }

    @Test
    void theRangesEndsAreTaken() throws Exception {
        Map<String, Object> first = Fixtures.onlineDebate();
        first.put("start", "2000-01-01T00:00");
        first.put("end", "2000-01-01T01:00");
        first.put("registration", Map.of("opensAt", "2000-01-01T00:00:00Z"));
        send("/api/events", first).andExpect(status().isCreated());
        Map<String, Object> last = Fixtures.onlineDebate();
        last.put("start", "2100-12-31T20:00");
        last.put("end", "2100-12-31T23:59:59");
        last.put("registration", Map.of("closesAt", "2100-12-31T18:59:59Z"));
        send("/api/events", last).andExpect(status().isCreated());

        mvc.perform(get("/api/events").param("from", "2000-01-01").param("to", "2100-12-31"))
                .andExpect(status().isOk());
        send("/api/series", series("2000-01-18T13:00")).andExpect(status().isCreated());
    }

    private ResultActions send(String path, Map<String, Object> body) throws Exception {
        return mvc.perform(post(path)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(organisation))
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(body)));
    }

    private static ResultMatcher fieldError(String field) {
        return result -> {
            status().isBadRequest().match(result);
            content()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .match(result);
            jsonPath("$.errors[*].field", hasItem(field)).match(result);
        };
    }

    private static Map<String, Object> series(String start) {
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("title", Map.of("fr", "Musées, solidarités"));
        series.put(
                "recurrence",
                Map.of(
                        "rule",
                        "FREQ=MONTHLY;BYDAY=3TU",
                        "start",
                        start,
                        "durationMinutes",
                        90,
                        "timeZone",
                        "Europe/Paris"));
        return series;
    }
}
