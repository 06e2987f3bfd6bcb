package org.museumevents.catalog.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.museumevents.catalog.CatalogIntegrationTest;
import org.museumevents.catalog.CatalogRequests;
import org.museumevents.catalog.Fixtures;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event's reconfirmation policy (issue 17, {@code registration.reconfirmation} in docs/api.md)
 * through the API on the real database and broker: it round-trips in one spelling, is null by
 * default and for an event stored before issue 17, the organiser changes and removes it by replacing
 * the event, a series' default reaches its occurrences, and each rule refuses with a 400 naming the
 * field. {@code catalog.events} carrying it: {@code OutboxRelayTest}.
 */
@CatalogIntegrationTest
class ReconfirmationApiTest {

    // An organisation of the test's own: the context and its database are shared with other classes.
    final String ocim = Fixtures.organisation("ocim");

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    static Map<String, Object> policy() {
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("before", "P3D");
        policy.put("deadline", "P1D");
        policy.put("releaseSilent", true);
        return policy;
    }

    /** Ocim's workshop in Dijon asking its registrants to reconfirm. */
    static Map<String, Object> workshop(Object reconfirmation) {
        Map<String, Object> event = Fixtures.workshop();
        Map<String, Object> registration = new LinkedHashMap<>();
        registration.put("waitlist", true);
        registration.put("reconfirmation", reconfirmation);
        event.put("registration", registration);
        return event;
    }

    @Test
    void aPolicyRoundTripsTheOrganiserChangesItAndRemovesIt() throws Exception {
        String created = mvc.perform(post("/api/events")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(ocim))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(workshop(policy()))))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String id = json.readTree(created).path("id").asString();
        JsonNode expected = json.valueToTree(policy());
        assertThat(json.readTree(created).at("/registration/reconfirmation")).isEqualTo(expected);
        assertThat(reconfirmationOf(organiser(get("/api/events/{id}", id)))).isEqualTo(expected);

        // Published: the public view carries it too (it holds no secret).
        mvc.perform(post("/api/events/{id}/publish", id).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(ocim)))
                .andExpect(status().isOk());
        assertThat(reconfirmationOf(get("/api/events/{id}", id))).isEqualTo(expected);

        // Changed by replacing the event: releaseSilent defaults to false, durations keep one spelling.
        Map<String, Object> changed = new LinkedHashMap<>();
        changed.put("before", "PT72H");
        changed.put("deadline", "PT36H");
        mvc.perform(organiser(put("/api/events/{id}", id))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(workshop(changed))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.registration.reconfirmation.before").value("P3D"))
                .andExpect(jsonPath("$.registration.reconfirmation.deadline").value("P1DT12H"))
                .andExpect(
                        jsonPath("$.registration.reconfirmation.releaseSilent").value(false));

        // Removed: null, as for an event that never had one.
        mvc.perform(organiser(put("/api/events/{id}", id))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(workshop(null))))
                .andExpect(status().isOk());
        JsonNode removed = reconfirmationOf(get("/api/events/{id}", id));
        assertThat(removed.isNull()).as(removed.toString()).isTrue();
    }

    @Test
    void noPolicyByDefaultWhateverTheFormat() throws Exception {
        for (Map<String, Object> event : List.of(Fixtures.workshop(), Fixtures.onlineDebate())) {
            String id = CatalogRequests.create(mvc, json, ocim, event);
            JsonNode none = reconfirmationOf(organiser(get("/api/events/{id}", id)));
            assertThat(none.isNull()).as(event.get("format") + ": " + none).isTrue();
        }
    }

    @Test
    void anEventStoredBeforeIssue17HasNone() throws Exception {
        String id = CatalogRequests.create(mvc, json, ocim, workshop(policy()));
        jdbc.sql("UPDATE event SET details = details #- '{registration,reconfirmation}' WHERE id = :id")
                .param("id", UUID.fromString(id))
                .update();
        JsonNode none = reconfirmationOf(organiser(get("/api/events/{id}", id)));
        assertThat(none.isNull()).as(none.toString()).isTrue();
    }

    @Test
    void theDurationsAreKeptInOneSpelling() throws Exception {
        Map<String, String> spellings = new LinkedHashMap<>();
        spellings.put("P3D", "P3D");
        spellings.put("p2d", "P2D");
        spellings.put("+PT48H", "P2D");
        spellings.put("PT90M", "PT1H30M");
        spellings.put("P1DT90M", "P1DT1H30M");
        spellings.put("P365D", "P365D");
        for (Map.Entry<String, String> spelling : spellings.entrySet()) {
            Map<String, Object> policy = policy();
            policy.put("before", spelling.getKey());
            policy.put("deadline", "-PT0S");
            mvc.perform(post("/api/events")
                            .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(ocim))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(json.writeValueAsString(workshop(policy))))
                    .andExpect(status().isCreated())
                    .andExpect(jsonPath("$.registration.reconfirmation.before").value(spelling.getValue()))
                    .andExpect(
                            jsonPath("$.registration.reconfirmation.deadline").value("PT0S"));
        }
    }

    static Stream<Arguments> brokenPolicies() {
        String field = "registration.reconfirmation";
        return Stream.of(
                broken("before equal to deadline", p -> p.put("before", "P1D"), field + ".before"),
                broken("before shorter than deadline", p -> p.put("before", "PT12H"), field + ".before"),
                broken("the same duration spelt differently", p -> p.put("before", "PT24H"), field + ".before"),
                broken("a negative before", p -> p.put("before", "-P3D"), field + ".before"),
                broken("a negative deadline", p -> p.put("deadline", "-PT1H"), field + ".deadline"),
                broken("a negative deadline spelt inside", p -> p.put("deadline", "P-1D"), field + ".deadline"),
                broken("before beyond P365D", p -> p.put("before", "P366D"), field + ".before"),
                broken(
                        "deadline beyond P365D",
                        p -> {
                            p.put("before", "P400D");
                            p.put("deadline", "P366D");
                        },
                        field + ".deadline"),
                broken("before not a duration", p -> p.put("before", "3 days"), field + ".before"),
                broken("weeks, which a duration does not have", p -> p.put("before", "P1W"), field + ".before"),
                broken("months, which a duration does not have", p -> p.put("before", "P1M"), field + ".before"),
                broken("a date", p -> p.put("deadline", "2027-07-01"), field + ".deadline"),
                broken("a blank before", p -> p.put("before", " "), field + ".before"),
                broken("no before", p -> p.remove("before"), field + ".before"),
                broken("no deadline", p -> p.remove("deadline"), field + ".deadline"),
                broken("a null deadline", p -> p.put("deadline", null), field + ".deadline"),
                broken("a long text", p -> p.put("before", "P" + "0".repeat(100) + "3D"), field + ".before"),
                broken("before a number", p -> p.put("before", 3), field + ".before"),
                broken("before an object", p -> p.put("before", Map.of("days", 3)), field + ".before"),
                broken("before a list", p -> p.put("before", List.of("P3D")), field + ".before"),
                broken("releaseSilent not a boolean", p -> p.put("releaseSilent", "sure"), field + ".releaseSilent"),
                broken("releaseSilent as text", p -> p.put("releaseSilent", "true"), field + ".releaseSilent"),
                broken("releaseSilent as a number", p -> p.put("releaseSilent", 1), field + ".releaseSilent"),
                broken("releaseSilent an object", p -> p.put("releaseSilent", Map.of()), field + ".releaseSilent"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenPolicies")
    void eachRuleRefusesACreateAndAReplaceWith400NamingTheField(
            String what, Consumer<Map<String, Object>> breakage, String field) throws Exception {
        Map<String, Object> policy = policy();
        breakage.accept(policy);
        String body = json.writeValueAsString(workshop(policy));

        expectRefused(
                post("/api/events")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(ocim))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body),
                field);
        String id = CatalogRequests.create(mvc, json, ocim, workshop(policy()));
        expectRefused(
                organiser(put("/api/events/{id}", id))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body),
                field);
        // Nothing changed.
        assertThat(reconfirmationOf(organiser(get("/api/events/{id}", id)))).isEqualTo(json.valueToTree(policy()));
    }

    @Test
    void aPolicyOfTheWrongShapeIsA400NamingIt() throws Exception {
        for (Object wrong : List.of("P3D", 3, true, List.of(policy()))) {
            expectRefused(
                    post("/api/events")
                            .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(ocim))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(json.writeValueAsString(workshop(wrong))),
                    "registration.reconfirmation");
        }
    }

    @Test
    void theSeriesPolicyReachesEachOfItsEventsAndIsHeldToTheSameRules() throws Exception {
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("title", Map.of("fr", "Tiers-lieux"));
        series.put(
                "recurrence",
                Map.of(
                        "rule", "FREQ=YEARLY",
                        "start", "2027-07-03T09:30",
                        "durationMinutes", 450,
                        "timeZone", "Europe/Paris"));
        Map<String, Object> broken = policy();
        broken.put("deadline", "P3D");
        series.put("eventDefaults", Map.of("format", "IN_PERSON", "registration", Map.of("reconfirmation", broken)));
        mvc.perform(post("/api/series")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(ocim))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(series)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", hasItem("eventDefaults.registration.reconfirmation.before")));

        series.put(
                "eventDefaults",
                Map.of(
                        "format",
                        "IN_PERSON",
                        "venue",
                        Map.of("name", "La Coursive", "city", "Dijon"),
                        "registration",
                        Map.of("reconfirmation", policy())));
        String created = mvc.perform(post("/api/series")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(ocim))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(series)))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        JsonNode expected = json.valueToTree(policy());
        assertThat(json.readTree(created).at("/eventDefaults/registration/reconfirmation"))
                .isEqualTo(expected);
        String seriesId = json.readTree(created).path("id").asString();

        String occurrences = mvc.perform(post("/api/series/{id}/occurrences", seriesId)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(ocim))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"count\": 2}"))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        JsonNode events = json.readTree(occurrences).path("events");
        assertThat(events.size()).isEqualTo(2);
        for (JsonNode event : events) {
            assertThat(reconfirmationOf(
                            organiser(get("/api/events/{id}", event.path("id").asString()))))
                    .isEqualTo(expected);
        }
    }

    private void expectRefused(RequestBuilder request, String field) throws Exception {
        mvc.perform(request)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", hasItem(field)));
    }

    private <T extends org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder> T organiser(
            T request) {
        request.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(ocim));
        return request;
    }

    private JsonNode reconfirmationOf(RequestBuilder request) throws Exception {
        String body = mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        JsonNode registration = json.readTree(body).path("registration");
        assertThat(registration.has("reconfirmation"))
                .as("always answered, null when none")
                .isTrue();
        return registration.path("reconfirmation");
    }

    private static Arguments broken(String what, Consumer<Map<String, Object>> breakage, String field) {
        return Arguments.of(what, breakage, field);
    }
}
