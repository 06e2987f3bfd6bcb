package org.museumevents.catalog.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.museumevents.catalog.CatalogIntegrationTest;
import org.museumevents.catalog.Fixtures;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@CatalogIntegrationTest
class SeriesApiTest {

    // Organisations of each test's own: the context and its database are shared with other classes.
    final String icom = Fixtures.organisation("icom-france");
    final String ocim = Fixtures.organisation("ocim");

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Test
    void occurrencesOfTheSolidarityCycleLandOnItsRealDatesAsDrafts() throws Exception {
        String seriesId = createSeries(icom);

        JsonNode first = occurrences(seriesId, icom, Map.of("count", 4));
        assertStarts(first, "2021-01-19T13:00", "2021-02-16T13:00", "2021-03-16T13:00", "2021-04-20T13:00");
        org.assertj.core.api.Assertions.assertThat(
                        first.path("events").get(1).path("status").asString())
                .isEqualTo("DRAFT");
        org.assertj.core.api.Assertions.assertThat(
                        first.path("events").get(3).path("startsAt").asString())
                .isEqualTo("2021-04-20T11:00:00Z"); // summer time
        org.assertj.core.api.Assertions.assertThat(
                        first.path("events").get(0).path("seriesId").asString())
                .isEqualTo(seriesId);
        org.assertj.core.api.Assertions.assertThat(
                        first.path("events").get(0).path("interpretation").size())
                .isEqualTo(3);

        // The next call continues after the last one.
        JsonNode next = occurrences(seriesId, icom, Map.of("until", "2021-06-30"));
        assertStarts(next, "2021-05-18T13:00", "2021-06-15T13:00");

        // A cycle resuming after a break: none before "from", and never before the last one.
        JsonNode resumed = occurrences(seriesId, icom, Map.of("count", 2, "from", "2021-09-01"));
        assertStarts(resumed, "2021-09-21T13:00", "2021-10-19T13:00");
        JsonNode notBackwards = occurrences(seriesId, icom, Map.of("count", 1, "from", "2021-01-01"));
        assertStarts(notBackwards, "2021-11-16T13:00");

        // The public sees the series but none of its drafts; its organisers see all nine.
        mvc.perform(get("/api/series/{id}", seriesId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.recurrence.rule").value("FREQ=MONTHLY;BYDAY=3TU"))
                .andExpect(jsonPath("$.events.length()").value(0));
        mvc.perform(get("/api/series/{id}", seriesId).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom)))
                .andExpect(jsonPath("$.events.length()").value(9));
        mvc.perform(get("/api/series").param("organisation", icom))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[*].id", hasItem(seriesId)));
    }

    @Test
    void theSeriesQuestionsReachEachOfItsEventsUnderTheSameIds() throws Exception {
        Map<String, Object> series = solidarity();
        List<Map<String, Object>> questions = Fixtures.questions();
        questions.get(1).remove("id"); // given once, with the series
        series.put(
                "eventDefaults",
                Map.of("format", "ONLINE", "interpretation", List.of("fr", "en", "es"), "questions", questions));
        String created = mvc.perform(post("/api/series")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(series)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.eventDefaults.questions[*].id", contains("institution", "q1")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String seriesId = json.readTree(created).path("id").asString();
        JsonNode defaults = json.readTree(created).path("eventDefaults").path("questions");
        assertThat(defaults.get(0)
                        .path("choices")
                        .get(1)
                        .path("label")
                        .path("es")
                        .asString())
                .isEqualTo("Una universidad");

        // Stored with the series: the public reads them too.
        String read = mvc.perform(get("/api/series/{id}", seriesId))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(json.readTree(read).path("eventDefaults").path("questions")).isEqualTo(defaults);

        JsonNode occurrences = occurrences(seriesId, icom, Map.of("count", 2));
        assertThat(occurrences.path("events").size()).isEqualTo(2);
        for (JsonNode event : occurrences.path("events")) {
            assertThat(event.path("questions")).isEqualTo(defaults);
            String stored = mvc.perform(get("/api/events/{id}", event.path("id").asString())
                            .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom)))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertThat(json.readTree(stored).path("questions")).isEqualTo(defaults);
        }
    }

    @Test
    void theSeriesQuestionsAreHeldToTheEventsRules() throws Exception {
        List<Map<String, Object>> questions = Fixtures.questions();
        questions.get(0).put("choices", List.of(Map.of("label", Map.of("fr", "Un musée"))));
        questions.get(1).put("kind", "DATE");
        for (var broken : List.of(
                Map.entry(questions.subList(0, 1), "eventDefaults.questions[0].choices"),
                Map.entry(questions, "eventDefaults.questions[1].kind"))) {
            Map<String, Object> series = solidarity();
            series.put("eventDefaults", Map.of("format", "ONLINE", "questions", broken.getKey()));
            mvc.perform(post("/api/series")
                            .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(json.writeValueAsString(series)))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[*].field", hasItem(broken.getValue())));
        }
    }

    @Test
    void onlyTheSeriesOrganisationCreatesItsOccurrences() throws Exception {
        String seriesId = createSeries(icom);
        mvc.perform(post("/api/series/{id}/occurrences", seriesId)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(ocim))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"count\": 2}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/series/{id}/occurrences", seriesId)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"count\": 2}"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void badSeriesInputIs400() throws Exception {
        Map<String, Object> series = solidarity();
        series.put(
                "recurrence",
                Map.of(
                        "rule",
                        "EVERY THIRD TUESDAY",
                        "start",
                        "2021-01-19T13:00",
                        "durationMinutes",
                        90,
                        "timeZone",
                        "Europe/Paris"));
        mvc.perform(post("/api/series")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(series)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("recurrence.rule")));
        String seriesId = createSeries(icom);
        for (String body : List.of(
                "{}",
                "{\"count\": 0}",
                "{\"count\": 1000}",
                "{\"count\": 2, \"until\": \"2021-06-30\"}",
                "{\"until\": \"2021-02-31\"}")) {
            mvc.perform(post("/api/series/{id}/occurrences", seriesId)
                            .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(body))
                    .andExpect(status().isBadRequest());
        }
    }

    static Map<String, Object> solidarity() {
        Map<String, Object> series = new LinkedHashMap<>();
        series.put(
                "title",
                Map.of(
                        "fr",
                        "Musées, solidarités : de quoi parle-t-on ?",
                        "en",
                        "Solidarity, museums: what are we talking about?"));
        series.put("description", Map.of("en", "Every third Tuesday of the month, on Zoom."));
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
                        "Europe/Paris"));
        series.put(
                "eventDefaults",
                Map.of("format", "ONLINE", "interpretation", List.of("fr", "en", "es"), "reminders", List.of("P1D")));
        return series;
    }

    private String createSeries(String organisation) throws Exception {
        String body = mvc.perform(post("/api/series")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(organisation))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(solidarity())))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.defaultLanguage").value("fr"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        return json.readTree(body).path("id").asString();
    }

    private JsonNode occurrences(String seriesId, String organisation, Map<String, Object> request) throws Exception {
        String body = mvc.perform(post("/api/series/{id}/occurrences", seriesId)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(organisation))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(request)))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return json.readTree(body);
    }

    private static void assertStarts(JsonNode answer, String... starts) {
        List<String> actual = new java.util.ArrayList<>();
        answer.path("events").forEach(e -> actual.add(e.path("start").asString()));
        org.assertj.core.api.Assertions.assertThat(actual)
                .hasSize(starts.length)
                .allSatisfy(s -> org.assertj.core.api.Assertions.assertThat(s).isNotBlank());
        for (int i = 0; i < starts.length; i++) {
            org.assertj.core.api.Assertions.assertThat(actual.get(i)).isEqualTo(starts[i]);
        }
    }
}
