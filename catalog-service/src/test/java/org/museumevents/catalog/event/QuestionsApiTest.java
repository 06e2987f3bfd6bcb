package org.museumevents.catalog.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event's registration questions (issue 15) through the API on the real database: they round-trip
 * in three languages, the public sees them, ids are given where missing and kept across a replace,
 * and each rule of docs/api.md refuses with a 400 naming the field.
 */
@CatalogIntegrationTest
class QuestionsApiTest {

    // An organisation of the test's own: the context and its database are shared with other classes.
    final String icom = Fixtures.organisation("icom-france");

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @Test
    void questionsInThreeLanguagesRoundTripGetTheFirstFreeIdsAndKeepThemAcrossAReplace() throws Exception {
        List<Map<String, Object>> questions = Fixtures.questions();
        // No id: the first free q-number, which skips q1, taken by the question after it.
        questions.add(question(null, "YES_NO", Map.of("en", "Subscribe to ICOM France's newsletter?")));
        Map<String, Object> sessions =
                question("q1", "MULTIPLE_CHOICE", Map.of("fr", "Quelles séances ?", "es", "¿Qué sesiones?"));
        sessions.put(
                "choices",
                List.of(
                        Map.of("label", Map.of("fr", "Matin", "es", "Mañana")),
                        Map.of("id", "c1", "label", Map.of("fr", "Après-midi", "es", "Tarde")),
                        Map.of("label", Map.of("fr", "Soir", "es", "Noche"))));
        sessions.put("required", false);
        questions.add(sessions);
        Map<String, Object> event = Fixtures.onlineDebate();
        event.put("questions", questions);

        String created = mvc.perform(post("/api/events")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(event)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.questions[*].id", contains("institution", "question-for-speakers", "q2", "q1")))
                .andExpect(jsonPath("$.questions[3].choices[*].id", contains("c2", "c1", "c3")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String id = json.readTree(created).path("id").asString();
        JsonNode expected = json.readTree(created).path("questions");
        assertThat(expected.get(0).path("label").path("es").asString()).isEqualTo("Su institución");
        assertThat(expected.get(0)
                        .path("choices")
                        .get(1)
                        .path("label")
                        .path("es")
                        .asString())
                .isEqualTo("Una universidad");
        assertThat(expected.get(0).path("required").asBoolean()).isTrue();
        // Every field, always: no choices is [], no required is false.
        assertThat(expected.get(1).path("choices").isArray()).isTrue();
        assertThat(expected.get(1).path("choices").size()).isZero();
        assertThat(expected.get(1).path("required").isBoolean()).isTrue();
        assertThat(expected.get(1).path("required").asBoolean()).isFalse();
        assertThat(expected.get(2).path("kind").asString()).isEqualTo("YES_NO");
        assertThat(expected.get(3)
                        .path("choices")
                        .get(2)
                        .path("label")
                        .path("es")
                        .asString())
                .isEqualTo("Noche");

        // Stored: the organiser reads back what the create answered.
        assertThat(questionsOf(get("/api/events/{id}", id).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom))))
                .isEqualTo(expected);

        // Public once published: the single event and the listing show them.
        mvc.perform(post("/api/events/{id}/publish", id).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom)))
                .andExpect(status().isOk());
        assertThat(questionsOf(get("/api/events/{id}", id))).isEqualTo(expected);
        String listing = mvc.perform(get("/api/events").param("organisation", icom))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(json.readTree(listing).path("content").get(0).path("questions"))
                .isEqualTo(expected);

        // A replace sends the ids back, reordered and edited; one question goes, a new one comes
        // without an id and takes the first free number.
        List<Object> edited = new ArrayList<>();
        Map<String, Object> institution = json.convertValue(expected.get(0), Map.class);
        institution.put("label", Map.of("fr", "Votre institution ou votre réseau", "en", "Your institution"));
        edited.add(json.convertValue(expected.get(3), Map.class));
        edited.add(institution);
        edited.add(json.convertValue(expected.get(2), Map.class));
        edited.add(question(null, "COUNTRY", Map.of("fr", "Votre pays", "en", "Your country", "es", "Su país")));
        event.put("questions", edited);
        mvc.perform(put("/api/events/{id}", id)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(event)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.questions[*].id", contains("q1", "institution", "q2", "q3")))
                .andExpect(jsonPath("$.questions[3].choices.length()").value(0))
                .andExpect(jsonPath("$.questions[3].required").value(false));

        JsonNode replaced = questionsOf(get("/api/events/{id}", id));
        assertThat(replaced.get(0)).isEqualTo(expected.get(3));
        assertThat(replaced.get(1).path("label").path("fr").asString()).isEqualTo("Votre institution ou votre réseau");
        assertThat(replaced.get(1).path("label").has("es")).isFalse();
        assertThat(replaced.get(1).path("choices")).isEqualTo(expected.get(0).path("choices"));
        assertThat(replaced.get(3).path("label").path("es").asString()).isEqualTo("Su país");
    }

    @Test
    void anEventWithoutQuestionsAnswersAnEmptyListEvenOneStoredBeforeThereWereQuestions() throws Exception {
        String id = CatalogRequests.create(mvc, json, icom, Fixtures.workshop());
        assertThat(questionsOf(get("/api/events/{id}", id).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom)))
                        .size())
                .isZero();

        // A document written before issue 15 has no "questions" key at all.
        jdbc.sql("UPDATE event SET details = details - 'questions' WHERE id = :id")
                .param("id", UUID.fromString(id))
                .update();
        assertThat(jdbc.sql("SELECT details -> 'questions' IS NOT NULL FROM event WHERE id = :id")
                        .param("id", UUID.fromString(id))
                        .query(Boolean.class)
                        .single())
                .isFalse();
        JsonNode questions =
                questionsOf(get("/api/events/{id}", id).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom)));
        assertThat(questions.isArray()).isTrue();
        assertThat(questions.size()).isZero();
    }

    static Stream<Arguments> brokenQuestions() {
        return Stream.of(
                broken("an unknown kind", q -> q.get(0).put("kind", "DATE"), "questions[0].kind"),
                broken("no kind", q -> q.get(1).remove("kind"), "questions[1].kind"),
                broken(
                        "31 questions",
                        q -> {
                            for (int i = 0; i < 29; i++) {
                                q.add(question(null, "TEXT", Map.of("fr", "Question " + i)));
                            }
                        },
                        "questions"),
                broken("an id in capitals", q -> q.get(0).put("id", "Institution"), "questions[0].id"),
                broken("an id starting with a dash", q -> q.get(1).put("id", "-speakers"), "questions[1].id"),
                broken("an id with a space", q -> q.get(1).put("id", "for speakers"), "questions[1].id"),
                broken("an empty id", q -> q.get(1).put("id", ""), "questions[1].id"),
                broken("an id of 41 characters", q -> q.get(0).put("id", "a".repeat(41)), "questions[0].id"),
                broken("an id used twice", q -> q.get(1).put("id", "institution"), "questions[1].id"),
                broken(
                        "choices on a TEXT question",
                        q -> q.get(1).put("choices", List.of(choice("yes", "Oui"), choice("no", "Non"))),
                        "questions[1].choices"),
                broken(
                        "one choice only",
                        q -> q.get(0).put("choices", List.of(choice("museum", "Un musée"))),
                        "questions[0].choices"),
                broken("a choice question without choices", q -> q.get(0).remove("choices"), "questions[0].choices"),
                broken(
                        "51 choices",
                        q -> {
                            List<Object> choices = new ArrayList<>();
                            for (int i = 0; i < 51; i++) {
                                choices.add(Map.of("label", Map.of("fr", "Choix " + i)));
                            }
                            q.get(0).put("choices", choices);
                        },
                        "questions[0].choices"),
                broken(
                        "a choice id used twice",
                        q -> q.get(0).put("choices", List.of(choice("museum", "Un musée"), choice("museum", "Musée"))),
                        "questions[0].choices[1].id"),
                broken(
                        "a choice id with an underscore",
                        q -> q.get(0).put("choices", List.of(choice("a_museum", "Un musée"), choice("other", "Autre"))),
                        "questions[0].choices[0].id"),
                broken(
                        "a label of 201 characters",
                        q -> q.get(0).put("label", Map.of("fr", "x".repeat(201))),
                        "questions[0].label.fr"),
                broken(
                        "a label with a line break",
                        q -> q.get(1).put("label", Map.of("en", "A question\nfor the speakers?")),
                        "questions[1].label.en"),
                broken(
                        "a label with a tab",
                        q -> q.get(1).put("label", Map.of("es", "Una\tpregunta")),
                        "questions[1].label.es"),
                broken(
                        "a label in an unknown language",
                        q -> q.get(1).put("label", Map.of("de", "Eine Frage")),
                        "questions[1].label"),
                broken("a blank label", q -> q.get(1).put("label", Map.of("fr", "  ")), "questions[1].label"),
                broken("an empty label", q -> q.get(1).put("label", Map.of()), "questions[1].label"),
                broken("no label", q -> q.get(1).remove("label"), "questions[1].label"),
                broken(
                        "a choice label of 201 characters",
                        q -> q.get(0).put("choices", List.of(choice("museum", "y".repeat(201)), choice("other", "o"))),
                        "questions[0].choices[0].label.fr"),
                broken(
                        "a choice label with a line break",
                        q -> q.get(0).put("choices", List.of(choice("museum", "Un musée"), choice("other", "Au\ntre"))),
                        "questions[0].choices[1].label.fr"),
                broken(
                        "a blank choice label",
                        q -> q.get(0).put("choices", List.of(choice("museum", "Un musée"), choice("other", " "))),
                        "questions[0].choices[1].label"),
                broken(
                        "required that is not a boolean",
                        q -> q.get(0).put("required", "perhaps"),
                        "questions[0].required"),
                broken("a null question", q -> q.add(null), "questions[2]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenQuestions")
    void eachQuestionRuleRefusesACreateWith400NamingTheField(
            String what, Consumer<List<Map<String, Object>>> breakage, String field) throws Exception {
        List<Map<String, Object>> questions = Fixtures.questions();
        breakage.accept(questions);
        Map<String, Object> event = Fixtures.onlineDebate();
        event.put("questions", questions);

        mvc.perform(post("/api/events")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(event)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", hasItem(field)));
    }

    @Test
    void aReplaceIsHeldToTheSameRulesAndLeavesTheQuestionsAsTheyWere() throws Exception {
        Map<String, Object> event = Fixtures.onlineDebate();
        event.put("questions", Fixtures.questions());
        String id = CatalogRequests.create(mvc, json, icom, event);
        JsonNode before =
                questionsOf(get("/api/events/{id}", id).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom)));

        List<Map<String, Object>> duplicated = Fixtures.questions();
        duplicated.get(1).put("id", "institution");
        event.put("questions", duplicated);
        mvc.perform(put("/api/events/{id}", id)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(event)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("questions[1].id")));

        assertThat(questionsOf(get("/api/events/{id}", id).header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(icom))))
                .isEqualTo(before);
    }

    private JsonNode questionsOf(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        String body = mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        return json.readTree(body).path("questions");
    }

    private static Arguments broken(String what, Consumer<List<Map<String, Object>>> breakage, String field) {
        return Arguments.of(what, breakage, field);
    }

    private static Map<String, Object> question(String id, String kind, Map<String, String> label) {
        Map<String, Object> question = new LinkedHashMap<>();
        if (id != null) {
            question.put("id", id);
        }
        question.put("kind", kind);
        question.put("label", label);
        return question;
    }

    private static Map<String, Object> choice(String id, String frenchLabel) {
        return Map.of("id", id, "label", Map.of("fr", frenchLabel));
    }
}
