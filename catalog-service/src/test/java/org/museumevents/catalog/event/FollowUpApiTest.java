package org.museumevents.catalog.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
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
 * An event's follow-up (issue 15) through the API on the real database and broker: it round-trips
 * in three languages with line breaks, the public sees it, a replace removes it, a series' default
 * reaches its occurrences, and each
 * rule of docs/api.md refuses with a 400 naming the field. {@code catalog.events} carrying it:
 * {@code OutboxRelayTest}.
 */
@CatalogIntegrationTest
class FollowUpApiTest {

    // An organisation of the test's own: the context and its database are shared with other classes.
    final String icom = Fixtures.organisation("icom-france");

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    static Map<String, Object> followUp() {
        Map<String, Object> followUp = new LinkedHashMap<>();
        followUp.put("after", "PT2H");
        followUp.put(
                "text",
                new LinkedHashMap<>(Map.of(
                        "fr", "Merci d'avoir suivi le débat.\nLa prochaine séance aura lieu le 16 mars.",
                        "en", "Thank you for joining the debate.\r\nThe next session is on 16 March.",
                        "es", "Gracias por seguir el debate.")));
        List<Object> links = new ArrayList<>();
        links.add(link("The recording", "https://video.example.org/solidarity-4"));
        links.add(link("Survey", "http://survey.example.org/s/4?lang=fr&x=1"));
        followUp.put("links", links);
        followUp.put("audience", "ATTENDED");
        followUp.put("attestation", true);
        return followUp;
    }

    static Map<String, Object> link(String label, String url) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("label", label);
        link.put("url", url);
        return link;
    }

    @Test
    void aFollowUpRoundTripsThePublicSeesItAndAReplaceRemovesIt() throws Exception {
        Map<String, Object> event = Fixtures.onlineDebate();
        event.put("followUp", followUp());
        String created = mvc.perform(post("/api/events")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(event)))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String id = json.readTree(created).path("id").asString();
        JsonNode expected = json.readTree(json.writeValueAsString(followUp()));
        assertThat(json.readTree(created).path("followUp")).isEqualTo(expected);
        assertThat(followUpOf(get("/api/events/{id}", id).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom))))
                .isEqualTo(expected);

        mvc.perform(post("/api/events/{id}/publish", id).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom)))
                .andExpect(status().isOk());
        assertThat(followUpOf(get("/api/events/{id}", id))).isEqualTo(expected);
        String listing = mvc.perform(get("/api/events").param("organisation", icom))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(json.readTree(listing).path("content").get(0).path("followUp"))
                .isEqualTo(expected);

        // Links are optional; then removed altogether.
        Map<String, Object> textOnly = followUp();
        textOnly.remove("links");
        textOnly.remove("audience");
        textOnly.remove("attestation");
        textOnly.put("after", "PT0S");
        event.put("followUp", textOnly);
        mvc.perform(put("/api/events/{id}", id)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(event)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.followUp.after").value("PT0S"))
                .andExpect(jsonPath("$.followUp.links.length()").value(0))
                .andExpect(jsonPath("$.followUp.audience").value("ALL"))
                .andExpect(jsonPath("$.followUp.attestation").value(false));
        event.remove("followUp");
        mvc.perform(put("/api/events/{id}", id)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(event)))
                .andExpect(status().isOk());
        assertThat(followUpOf(get("/api/events/{id}", id)).isNull()).isTrue();
    }

    @Test
    void theDelayIsKeptInOneSpelling() throws Exception {
        Map<String, String> spellings = Map.of("+pt2h", "PT2H", "PT120M", "PT2H", "-PT0S", "PT0S", "P1D", "PT24H");
        for (Map.Entry<String, String> spelling : spellings.entrySet()) {
            Map<String, Object> event = Fixtures.onlineDebate();
            Map<String, Object> followUp = followUp();
            followUp.put("after", spelling.getKey());
            event.put("followUp", followUp);
            String created = mvc.perform(post("/api/events")
                            .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content(json.writeValueAsString(event)))
                    .andExpect(status().isCreated())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertThat(json.readTree(created).path("followUp").path("after").asString())
                    .as(spelling.getKey())
                    .isEqualTo(spelling.getValue());
        }
    }

    @Test
    void anEventStoredBeforeFollowUpsHasNone() throws Exception {
        String id = CatalogRequests.create(mvc, json, icom, Fixtures.workshop());
        jdbc.sql("UPDATE event SET details = details - 'followUp' WHERE id = :id")
                .param("id", UUID.fromString(id))
                .update();
        assertThat(followUpOf(get("/api/events/{id}", id).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom)))
                        .isNull())
                .isTrue();
    }

    @Test
    void aFollowUpStoredBeforeIssue16GoesToEveryoneWithoutAttestation() throws Exception {
        Map<String, Object> event = Fixtures.onlineDebate();
        event.put("followUp", followUp());
        String id = CatalogRequests.create(mvc, json, icom, event);
        jdbc.sql("UPDATE event SET details = details #- '{followUp,audience}' #- '{followUp,attestation}'"
                        + " WHERE id = :id")
                .param("id", UUID.fromString(id))
                .update();
        JsonNode followUp =
                followUpOf(get("/api/events/{id}", id).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom)));
        assertThat(followUp.path("audience").asString()).isEqualTo("ALL");
        assertThat(followUp.path("attestation").asBoolean()).isFalse();
    }

    static Stream<Arguments> brokenFollowUps() {
        return Stream.of(
                broken("no after", f -> f.remove("after"), "followUp.after"),
                broken("after not a duration", f -> f.put("after", "2 hours"), "followUp.after"),
                broken("after negative", f -> f.put("after", "-PT1H"), "followUp.after"),
                broken("after beyond P30D", f -> f.put("after", "PT721H"), "followUp.after"),
                broken("no text", f -> f.remove("text"), "followUp.text"),
                broken("an empty text", f -> f.put("text", Map.of()), "followUp.text"),
                broken("only blank texts", f -> f.put("text", Map.of("fr", " \n ", "en", "")), "followUp.text"),
                broken("a text in an unknown language", f -> f.put("text", Map.of("de", "Danke")), "followUp.text"),
                broken(
                        "a text of 5,001 characters",
                        f -> f.put("text", Map.of("en", "x".repeat(5_001))),
                        "followUp.text.en"),
                broken(
                        "a text with a control character",
                        f -> f.put("text", Map.of("es", "Gracias\u0007")),
                        "followUp.text.es"),
                broken(
                        "11 links",
                        f -> {
                            List<Object> links = new ArrayList<>();
                            for (int i = 0; i < 11; i++) {
                                links.add(link("Link " + i, "https://example.org/" + i));
                            }
                            f.put("links", links);
                        },
                        "followUp.links"),
                broken("a null link", f -> linksOf(f).add(null), "followUp.links[2]"),
                broken("an unknown audience", f -> f.put("audience", "EVERYONE"), "followUp.audience"),
                broken("an audience in lower case", f -> f.put("audience", "attended"), "followUp.audience"),
                broken("a blank audience", f -> f.put("audience", ""), "followUp.audience"),
                broken("an attestation that is not a boolean", f -> f.put("attestation", "sure"), null),
                broken("a link without a label", f -> linkAt(f, 1).remove("label"), "followUp.links[1].label"),
                broken("a blank label", f -> linkAt(f, 1).put("label", "  "), "followUp.links[1].label"),
                broken(
                        "a label of 201 characters",
                        f -> linkAt(f, 0).put("label", "l".repeat(201)),
                        "followUp.links[0].label"),
                broken(
                        "a label on two lines",
                        f -> linkAt(f, 0).put("label", "The\nrecording"),
                        "followUp.links[0].label"),
                broken("a link without a url", f -> linkAt(f, 1).remove("url"), "followUp.links[1].url"),
                broken("a relative url", f -> linkAt(f, 1).put("url", "/recording"), "followUp.links[1].url"),
                broken(
                        "a javascript url",
                        f -> linkAt(f, 1).put("url", "javascript:alert(1)"),
                        "followUp.links[1].url"),
                broken("an ftp url", f -> linkAt(f, 1).put("url", "ftp://example.org/a"), "followUp.links[1].url"),
                broken(
                        "a url with a space",
                        f -> linkAt(f, 1).put("url", "https://example.org/a b"),
                        "followUp.links[1].url"),
                broken(
                        "a url of 2,001 characters",
                        f -> linkAt(f, 1).put("url", "https://example.org/" + "a".repeat(1_981)),
                        "followUp.links[1].url"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFollowUps")
    void eachFollowUpRuleRefusesACreateWith400NamingTheField(
            String what, Consumer<Map<String, Object>> breakage, String field) throws Exception {
        Map<String, Object> followUp = followUp();
        breakage.accept(followUp);
        Map<String, Object> event = Fixtures.onlineDebate();
        event.put("followUp", followUp);

        var answer = mvc.perform(post("/api/events")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(event)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        if (field != null) {
            answer.andExpect(jsonPath("$.errors[*].field", hasItem(field)));
        }
    }

    @Test
    void theLongestAcceptedValuesPass() throws Exception {
        Map<String, Object> followUp = followUp();
        followUp.put("after", "P30D");
        followUp.put("text", Map.of("fr", "é".repeat(5_000)));
        List<Object> links = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            links.add(link("l".repeat(200), "https://example.org/" + "a".repeat(1_980)));
        }
        followUp.put("links", links);
        Map<String, Object> event = Fixtures.onlineDebate();
        event.put("followUp", followUp);
        mvc.perform(post("/api/events")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(event)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.followUp.links.length()").value(10));
    }

    @Test
    void theSeriesFollowUpReachesEachOfItsEventsAndIsHeldToTheSameRules() throws Exception {
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("title", Map.of("fr", "Solidarités", "en", "Solidarity"));
        series.put(
                "recurrence",
                Map.of(
                        "rule", "FREQ=MONTHLY;BYDAY=3TU",
                        "start", "2027-01-19T13:00",
                        "durationMinutes", 90,
                        "timeZone", "Europe/Paris"));
        Map<String, Object> broken = followUp();
        broken.put("after", "P31D");
        series.put("eventDefaults", Map.of("format", "ONLINE", "followUp", broken));
        mvc.perform(post("/api/series")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(series)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("eventDefaults.followUp.after")));

        series.put("eventDefaults", Map.of("format", "ONLINE", "followUp", followUp()));
        String created = mvc.perform(post("/api/series")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(series)))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String seriesId = json.readTree(created).path("id").asString();
        JsonNode expected = json.readTree(json.writeValueAsString(followUp()));
        assertThat(json.readTree(created).path("eventDefaults").path("followUp"))
                .isEqualTo(expected);

        String occurrences = mvc.perform(post("/api/series/{id}/occurrences", seriesId)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Map.of("count", 2))))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        JsonNode events = json.readTree(occurrences).path("events");
        assertThat(events.size()).isEqualTo(2);
        for (JsonNode event : events) {
            assertThat(followUpOf(get("/api/events/{id}", event.path("id").asString())
                            .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom))))
                    .isEqualTo(expected);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> linksOf(Map<String, Object> followUp) {
        return (List<Object>) followUp.get("links");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> linkAt(Map<String, Object> followUp, int index) {
        return (Map<String, Object>) linksOf(followUp).get(index);
    }

    private JsonNode followUpOf(RequestBuilder request) throws Exception {
        String body = mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return json.readTree(body).path("followUp");
    }

    private static Arguments broken(String what, Consumer<Map<String, Object>> breakage, String field) {
        return Arguments.of(what, breakage, field);
    }
}
