package org.museumevents.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a public read costs does not grow with the catalogue (issue 13): each read runs the same
 * number of SQL statements ({@link StatementCounter}) with one series of one event as with a dozen
 * series of many events, and lists are paged with at most 100 items. A series listing once ran two
 * queries per series listed.
 */
@CatalogIntegrationTest
class PublicReadCostTest {

    final String organisation = Fixtures.organisation("icom-france");

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Test
    void aPublicReadRunsAsManyStatementsWithABigCatalogueAsWithASmallOne() throws Exception {
        String series = createSeries();
        String event = publishIn(series, 0);

        Map<String, RequestBuilder> reads = reads(series, event);
        Map<String, Integer> small = costs(reads);

        for (int i = 1; i <= 12; i++) {
            publishIn(series, i);
        }
        for (int s = 0; s < 11; s++) {
            String other = createSeries();
            for (int i = 0; i < 3; i++) {
                publishIn(other, i);
            }
            CatalogRequests.create(mvc, json, organisation, occurrence(other, 9)); // a draft: organisers only
        }
        Map<String, Integer> large = costs(reads);

        assertThat(large).isEqualTo(small);
        assertThat(small.get("GET /api/series?organisation=")).isLessThanOrEqualTo(3);
        assertThat(small.get("GET /api/series?organisation= as its organiser")).isLessThanOrEqualTo(3);
        assertThat(small.get("GET /api/series/{id}")).isLessThanOrEqualTo(2);
        assertThat(small.get("GET /api/events")).isLessThanOrEqualTo(2);
        assertThat(small.get("GET /api/events/{id}")).isEqualTo(1);
        // Issue 17: the series, then its events; an organisation's events.
        assertThat(small.get("GET /api/series/{id}/calendar.ics")).isLessThanOrEqualTo(2);
        assertThat(small.get("GET /api/organisations/{slug}/calendar.ics")).isEqualTo(1);

        // The batch load shows what the per-series queries showed: published events to anyone, drafts to organisers.
        mvc.perform(get("/api/series").param("organisation", organisation).param("size", "100"))
                .andExpect(jsonPath("$.content.length()").value(12))
                .andExpect(jsonPath("$.content[0].events.length()").value(13))
                .andExpect(jsonPath("$.content[0].events[0].meeting").doesNotExist())
                .andExpect(jsonPath("$.content[1].events.length()").value(3));
        mvc.perform(get("/api/series")
                        .param("organisation", organisation)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(organisation)))
                .andExpect(jsonPath("$.content[1].events.length()").value(4))
                .andExpect(jsonPath("$.content[1].events[3].status").value("DRAFT"))
                .andExpect(jsonPath("$.content[1].events[0].meeting.passcode").value("010934"));
    }

    @Test
    void listsArePagedWithAtMostAHundredItems() throws Exception {
        for (String list : List.of("/api/events", "/api/series")) {
            mvc.perform(get(list).param("size", "100")).andExpect(status().isOk());
            mvc.perform(get(list).param("size", "101"))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
            mvc.perform(get(list)).andExpect(jsonPath("$.page.size").value(20));
        }
    }

    private Map<String, RequestBuilder> reads(String series, String event) {
        Map<String, RequestBuilder> reads = new LinkedHashMap<>();
        reads.put("GET /api/events", get("/api/events"));
        reads.put("GET /api/events?organisation=", get("/api/events").param("organisation", organisation));
        reads.put("GET /api/events?series=", get("/api/events").param("series", series));
        reads.put(
                "GET /api/events?from=&to=&q=",
                get("/api/events")
                        .param("from", "2027-01-01")
                        .param("to", "2028-12-31")
                        .param("q", "coursive"));
        reads.put("GET /api/events/{id}", get("/api/events/{id}", event));
        reads.put("GET /api/events/{id}/calendar.ics", get("/api/events/{id}/calendar.ics", event));
        reads.put("GET /api/series/{id}/calendar.ics", get("/api/series/{id}/calendar.ics", series));
        reads.put(
                "GET /api/organisations/{slug}/calendar.ics",
                get("/api/organisations/{slug}/calendar.ics", organisation));
        reads.put("GET /api/series?organisation=", get("/api/series").param("organisation", organisation));
        reads.put(
                "GET /api/series?organisation= as its organiser",
                get("/api/series")
                        .param("organisation", organisation)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(organisation)));
        reads.put("GET /api/series", get("/api/series").param("size", "100"));
        reads.put("GET /api/series/{id}", get("/api/series/{id}", series));
        reads.put(
                "GET /api/series/{id} as its organiser",
                get("/api/series/{id}", series).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(organisation)));
        return reads;
    }

    private Map<String, Integer> costs(Map<String, RequestBuilder> reads) throws Exception {
        Map<String, Integer> costs = new LinkedHashMap<>();
        for (Map.Entry<String, RequestBuilder> read : reads.entrySet()) {
            costs.put(read.getKey(), StatementCounter.count(() -> mvc.perform(read.getValue())
                    .andExpect(status().isOk())));
        }
        return costs;
    }

    private String createSeries() throws Exception {
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("title", Map.of("fr", "Tiers-lieux", "en", "Third places"));
        series.put(
                "recurrence",
                Map.of(
                        "rule",
                        "FREQ=MONTHLY;BYDAY=1SA",
                        "start",
                        "2027-07-03T09:30",
                        "durationMinutes",
                        450,
                        "timeZone",
                        "Europe/Paris"));
        String created = mvc.perform(post("/api/series")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(organisation))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(series)))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return json.readTree(created).path("id").asString();
    }

    /** Publishes the n-th session of a series: Ocim's workshop in Dijon, n weeks after the first. */
    private String publishIn(String series, int n) throws Exception {
        return CatalogRequests.publish(mvc, json, organisation, occurrence(series, n));
    }

    private Map<String, Object> occurrence(String series, int n) {
        Map<String, Object> event = Fixtures.onlineDebate();
        LocalDateTime start = LocalDateTime.parse("2027-07-03T09:30").plusWeeks(n);
        event.put("seriesId", series);
        event.put("start", start.toString());
        event.put("end", start.plusHours(7).toString());
        event.put("registration", Map.of("waitlist", true));
        event.put("venue", Map.of("name", "La Coursive", "city", "Dijon"));
        return event;
    }
}
