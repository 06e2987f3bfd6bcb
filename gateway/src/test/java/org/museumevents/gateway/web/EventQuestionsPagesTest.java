package org.museumevents.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.museumevents.gateway.StandIn.json;
import static org.museumevents.gateway.web.Contract.EVENT_ID;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.museumevents.gateway.GatewayIntegrationTest;
import org.museumevents.gateway.StandIn;
import org.museumevents.gateway.StandIns;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event editor's registration questions against the stand-in catalog: the editor posts back
 * what its own page holds (read from the page's HTML as a browser would), so questions made through
 * the API survive an unrelated edit; question buttons change the form without calling the catalog;
 * the catalog's refusals are shown by the question they name. Also the attendee page's answers and
 * counts by answer.
 */
@GatewayIntegrationTest
class EventQuestionsPagesTest {

    static final String PUBLISHED_ID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    static final StandIn catalog = StandIns.CATALOG;
    static final StandIn registration = StandIns.REGISTRATION;
    static final JsonMapper json = JsonMapper.builder().build();

    /** Questions as the catalog answers them: every field, labels that are awkward to type back. */
    static final String QUESTIONS =
            """
            [{"id": "institution", "kind": "SINGLE_CHOICE",
              "label": {"fr": "Votre institution", "en": "Your institution", "es": "Su institución"},
              "choices": [{"id": "museum", "label": {"fr": "Un musée", "en": "A museum", "es": "Un museo"}},
                          {"id": "c2", "label": {"en": "Library | archive \\\\ other = both"}},
                          {"id": "other", "label": {"fr": "Autre", "en": "Other"}}],
              "required": true},
             {"id": "q2", "kind": "MULTIPLE_CHOICE", "label": {"en": "Topics?"},
              "choices": [{"id": "a", "label": {"en": "Access"}}, {"id": "b", "label": {"en": "Budget"}}],
              "required": false},
             {"id": "newsletter", "kind": "YES_NO", "label": {"fr": "Lettre d’information\u202F?"}, "choices": [], "required": false},
             {"id": "country", "kind": "COUNTRY", "label": {"fr": "Pays", "en": "Country"}, "choices": [], "required": true},
             {"id": "job", "kind": "TEXT", "label": {"es": "Cargo"}, "choices": [], "required": false},
             {"id": "needs", "kind": "LONG_TEXT", "label": {"en": "Needs"}, "choices": [], "required": false},
             {"id": "later", "kind": "SOME_LATER_KIND", "label": {"en": "A kind this page does not know"},
              "choices": [{"id": "x", "label": {"en": "X"}}], "required": false}]""";

    @Autowired
    MockMvc mvc;

    static String eventWithQuestions(String id, String status, String questions) {
        return Contract.event(id, status).replace("\"version\": 3", "\"questions\": " + questions + ", \"version\": 3");
    }

    @BeforeEach
    void script() {
        catalog.on("GET", "/api/series", json(Contract.page(Contract.series())))
                .on(
                        "GET",
                        "/api/events/" + EVENT_ID,
                        new StandIn.Answer(
                                200,
                                "application/json",
                                eventWithQuestions(EVENT_ID, "DRAFT", QUESTIONS),
                                Map.of("ETag", "\"3\"")))
                .on("PUT", "/api/events/" + EVENT_ID, json(Contract.event(EVENT_ID, "DRAFT")));
    }

    private MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request) {
        return request.with(user("estelle").roles("ORGANISER")).header("Accept-Language", "en");
    }

    private String editPage() throws Exception {
        return mvc.perform(as(get("/organiser/events/" + EVENT_ID + "/edit")))
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    /** Posts the event form as the page holds it, with {@code changes} made and a button pressed. */
    private MockHttpServletResponse submit(String page, Map<String, String> changes, String action) throws Exception {
        Map<String, List<String>> fields = formFields(page);
        changes.forEach((name, value) -> fields.put(name, value == null ? List.of() : List.of(value)));
        MockHttpServletRequestBuilder request =
                as(post("/organiser/events/" + EVENT_ID + "/edit")).with(csrf());
        fields.forEach((name, values) -> values.forEach(value -> request.param(name, value)));
        if (action != null) {
            request.param("questionAction", action);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private JsonNode lastPut() {
        List<StandIn.Request> puts = catalog.received("PUT", "/api/events/" + EVENT_ID);
        assertThat(puts).isNotEmpty();
        return json.readTree(puts.get(puts.size() - 1).body());
    }

    @Test
    void questionsMadeThroughTheApiSurviveAnUnrelatedEdit() throws Exception {
        String page = editPage();
        MockHttpServletResponse saved = submit(page, Map.of("titleFr", "Titre modifié"), null);
        assertThat(saved.getStatus()).isEqualTo(302);

        JsonNode sent = lastPut();
        assertThat(sent.at("/title/fr").asString()).isEqualTo("Titre modifié");
        assertThat(sent.get("questions")).isEqualTo(json.readTree(QUESTIONS));
    }

    @Test
    void theEditorListsTheQuestionsInOrderEachWithItsLabelledFields() throws Exception {
        String page = editPage();
        assertThat(page)
                .contains("id=\"questions\"", "id=\"question-0\"", "id=\"question-6\"")
                .doesNotContain("id=\"question-7\"");
        assertThat(page.indexOf("data-question-id=\"institution\""))
                .isLessThan(page.indexOf("data-question-id=\"q2\""));
        for (String field : List.of("kind", "label-fr", "label-en", "label-es", "choices", "required")) {
            assertThat(page).contains("id=\"question-0-" + field + "\"", "for=\"question-0-" + field + "\"");
        }
        assertThat(page)
                .contains("museum = Un musée | A museum | Un museo")
                .contains("name=\"questionAction\" value=\"remove-0\"")
                .doesNotContain("value=\"up-0\"", "value=\"down-6\"")
                .contains("value=\"down-0\"", "value=\"up-6\"")
                // An online event: no dietary question offered.
                .contains("id=\"add-question-institution\"", "id=\"add-question-custom\"")
                .doesNotContain("id=\"add-question-dietary-needs\"");
    }

    @Test
    void eachStandardQuestionIsAddedWithItsLabelsInThreeLanguages() throws Exception {
        catalog.on(
                "GET",
                "/api/events/" + EVENT_ID,
                new StandIn.Answer(
                        200, "application/json", Contract.event(EVENT_ID, "DRAFT"), Map.of("ETag", "\"3\"")));
        String page = editPage();
        assertThat(page).contains("id=\"no-questions\"");
        Map<String, String> hybrid = Map.of(
                "format", "HYBRID",
                "venueName", "La Coursive",
                "venueCity", "Dijon");
        for (String key : List.of(
                "institution",
                "job-title",
                "country",
                "accessibility",
                "dietary-needs",
                "question-for-speakers",
                "custom",
                "institution")) {
            MockHttpServletResponse answer = submit(page, hybrid, "add-" + key);
            assertThat(answer.getStatus()).as(key).isEqualTo(200);
            page = answer.getContentAsString();
        }
        assertThat(catalog.received("PUT", ".*")).isEmpty();
        assertThat(page).contains("id=\"question-7\"", "id=\"add-question-dietary-needs\"");

        // The custom question needs a label before the event can be saved.
        MockHttpServletResponse refused = submit(page, hybrid, null);
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString()).contains("id=\"question-6-label-error\"");
        assertThat(catalog.received("PUT", ".*")).isEmpty();

        Map<String, String> labelled = new LinkedHashMap<>(hybrid);
        labelled.put("questions[6].labelEn", "Anything else?");
        assertThat(submit(page, labelled, null).getStatus()).isEqualTo(302);
        JsonNode questions = lastPut().get("questions");
        assertThat(questions).hasSize(8);
        assertThat(questions.findValuesAsString("kind"))
                .containsExactly(
                        "SINGLE_CHOICE",
                        "TEXT",
                        "COUNTRY",
                        "LONG_TEXT",
                        "LONG_TEXT",
                        "LONG_TEXT",
                        "TEXT",
                        "SINGLE_CHOICE");
        List<String> ids = new ArrayList<>();
        questions.forEach(q -> ids.add(q.has("id") ? q.get("id").asString() : null));
        assertThat(ids)
                .containsExactly(
                        "institution",
                        "job-title",
                        "country",
                        "accessibility",
                        "dietary-needs",
                        "question-for-speakers",
                        null,
                        "institution-2");
        JsonNode institution = questions.get(0);
        assertThat(institution.get("label"))
                .isEqualTo(json.readTree(
                        "{\"fr\": \"Votre institution\", \"en\": \"Your institution\", \"es\": \"Su institución\"}"));
        assertThat(institution.get("choices").findValuesAsString("id"))
                .containsExactly("museum", "university", "association", "public-administration", "other");
        assertThat(institution.at("/choices/3/label"))
                .isEqualTo(
                        json.readTree(
                                """
                        {"fr": "Une administration publique", "en": "A public administration",
                         "es": "Una administración pública"}"""));
        assertThat(institution.get("required").asBoolean()).isFalse();
        for (int i = 1; i < 6; i++) {
            assertThat(questions.get(i).get("label").properties())
                    .as("question %d", i)
                    .hasSize(3);
            assertThat(questions.get(i).get("choices")).isEmpty();
        }
        assertThat(questions.at("/5/label/fr").asString()).isEqualTo("Une question pour les intervenants\u202F?");
        assertThat(questions.at("/4/label/es").asString()).isEqualTo("¿Tiene necesidades alimentarias?");
        assertThat(questions.at("/6/label")).isEqualTo(json.readTree("{\"en\": \"Anything else?\"}"));
    }

    @Test
    void questionsAreEditedMovedAndRemovedBeforeSaving() throws Exception {
        String page = editPage();
        page = submit(page, Map.of(), "down-0").getContentAsString();
        assertThat(page.indexOf("data-question-id=\"q2\""))
                .isLessThan(page.indexOf("data-question-id=\"institution\""));
        page = submit(page, Map.of(), "up-5").getContentAsString();
        page = submit(page, Map.of(), "remove-2").getContentAsString();
        assertThat(page).doesNotContain("data-question-id=\"newsletter\"");
        assertThat(catalog.received("PUT", ".*")).isEmpty();

        Map<String, String> edits = new LinkedHashMap<>();
        edits.put("questions[1].labelEs", "");
        edits.put(
                "questions[1].choices",
                "museum = Un musée | A museum\nother = Autre | Other\nUne bibliothèque | A library");
        edits.put("questions[1].required", null);
        edits.put("questions[0].kind", "SINGLE_CHOICE");
        assertThat(submit(page, edits, null).getStatus()).isEqualTo(302);

        JsonNode questions = lastPut().get("questions");
        List<String> ids = new ArrayList<>();
        questions.forEach(q -> ids.add(q.get("id").asString()));
        assertThat(ids).containsExactly("q2", "institution", "country", "needs", "job", "later");
        assertThat(questions.at("/0/kind").asString()).isEqualTo("SINGLE_CHOICE");
        JsonNode institution = questions.get(1);
        assertThat(institution.get("label").properties()).hasSize(2);
        assertThat(institution.get("required").asBoolean()).isFalse();
        assertThat(institution.get("choices"))
                .isEqualTo(
                        json.readTree(
                                """
                        [{"id": "museum", "label": {"fr": "Un musée", "en": "A museum"}},
                         {"id": "other", "label": {"fr": "Autre", "en": "Other"}},
                         {"label": {"fr": "Une bibliothèque", "en": "A library"}}]"""));
    }

    @Test
    void theCatalogsRefusalOfAQuestionIsShownByThatQuestion() throws Exception {
        catalog.on(
                "PUT",
                "/api/events/" + EVENT_ID,
                new StandIn.Answer(
                        400,
                        "application/problem+json",
                        """
                        {"type":"https://museum-events.org/problems/validation","title":"Invalid request","status":400,
                         "errors":[{"field":"questions[1].label.en","message":"must be one line"},
                                   {"field":"questions[0].choices[2].id","message":"is used twice"},
                                   {"field":"questions[3].id","message":"is not a valid id"},
                                   {"field":"questions[4].kind","message":"is not a kind"}]}""",
                        Map.of()));
        MockHttpServletResponse refused = submit(editPage(), Map.of(), null);
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString())
                .contains("<p class=\"field-error\" id=\"question-1-label-en-error\">"
                        + "Please keep this text on one line, without special characters.</p>")
                .contains("aria-describedby=\"question-1-label-en-error\"")
                .contains("<p class=\"field-error\" id=\"question-0-choices-error\">This value is used twice.</p>")
                .contains("id=\"error-questions[3]\"", "is not a valid id")
                .contains("id=\"question-3\" aria-describedby=\"error-questions[3]\"")
                // The summary names each field in words.
                .contains("<strong>Question 2, label in English</strong>", "<strong>Question 1, choices")
                .contains("id=\"question-4-kind-error\"", "aria-describedby=\"question-4-kind-error\"")
                .contains("value=\"Your institution\"");
    }

    @Test
    void aNewEventTakesQuestionsToo() throws Exception {
        catalog.on("POST", "/api/events", json(201, Contract.event(EVENT_ID, "DRAFT")));
        String page = mvc.perform(as(post("/organiser/events"))
                        .with(csrf())
                        .param("titleFr", "Atelier")
                        .param("defaultLanguage", "fr")
                        .param("format", "ONLINE")
                        .param("start", "2027-03-16T13:00")
                        .param("end", "2027-03-16T14:30")
                        .param("timeZone", "Europe/Paris")
                        .param("questionAction", "add-job-title"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page).contains("id=\"question-0\"", "value=\"Your job title\"");
        assertThat(catalog.received("POST", ".*")).isEmpty();
        MockHttpServletRequestBuilder save = as(post("/organiser/events")).with(csrf());
        formFields(page).forEach((name, values) -> values.forEach(value -> save.param(name, value)));
        assertThat(mvc.perform(save).andReturn().getResponse().getStatus()).isEqualTo(302);
        JsonNode sent =
                json.readTree(catalog.received("POST", "/api/events").get(0).body());
        assertThat(sent.at("/questions/0/id").asString()).isEqualTo("job-title");
        assertThat(sent.at("/questions/0/label/fr").asString()).isEqualTo("Votre fonction");
    }

    @Test
    void hostileQuestionPostsAreAPageNeverAFailure() throws Exception {
        String page = editPage();
        for (String action : List.of(
                "up-0", "down-6", "remove-99", "up-", "add-nothing", "add-", "<script>", "remove--1", "down-999")) {
            MockHttpServletResponse answer = submit(page, Map.of(), action);
            assertThat(answer.getStatus()).as(action).isEqualTo(400);
            assertThat(answer.getContentAsString()).as(action).contains("id=\"error-questions\"");
        }
        List<Map<String, String>> hostile = List.of(
                Map.of("questions[0].kind", "<script>alert(1)</script>"),
                Map.of("questions[0].choices", "a | b | c | d | e"),
                Map.of("questions[0].choices", "x\n".repeat(5000)),
                Map.of("questions[1].choices", "\u0000 | \uD800"),
                Map.of("questions[40].kind", "TEXT"),
                Map.of("questions[255].labelFr", "x"),
                Map.of("questions[100000].labelFr", "x"),
                Map.of("questions[-1].labelFr", "x"),
                Map.of("questions[x].labelFr", "x"),
                Map.of("questions[0].required", "maybe"),
                Map.of("questions", "x"),
                Map.of("questions[0]", "x"));
        for (Map<String, String> fields : hostile) {
            MockHttpServletResponse answer = submit(page, fields, null);
            assertThat(answer.getStatus()).as(fields.keySet().toString()).isLessThan(500);
            answer = submit(page, fields, "add-custom");
            assertThat(answer.getStatus())
                    .as(fields.keySet() + " with a button")
                    .isLessThan(500);
        }
        assertThat(catalog.received("PUT", ".*")).allSatisfy(put -> assertThat(
                        json.readTree(put.body()).get("questions").size())
                .isLessThanOrEqualTo(30));
    }

    @Test
    void theAttendeePageShowsEachRegistrationsAnswersAndCountsByAnswer() throws Exception {
        catalog.on(
                "GET",
                "/api/events/" + PUBLISHED_ID,
                new StandIn.Answer(
                        200,
                        "application/json",
                        eventWithQuestions(PUBLISHED_ID, "PUBLISHED", QUESTIONS),
                        Map.of("ETag", "\"4\"")));
        String answered = Contract.registration(Contract.REGISTRATION_ID, "CONFIRMED")
                .replace(
                        "\"registeredAt\"",
                        """
                        "answers": {"institution": "museum", "q2": ["a", "b"], "newsletter": false, "country": "MX",
                                    "job": "Conservatrice", "gone": "kept for the CSV", "old-yes": true,
                                    "old-list": ["x", "y"]},
                        "registeredAt\"""");
        registration
                .on(
                        "GET",
                        "/api/events/" + PUBLISHED_ID + "/attendees",
                        json(Contract.page(
                                answered, Contract.registration("1a2b3c4d-0000-4000-8000-000000000001", "PENDING"))))
                .on(
                        "GET",
                        "/api/events/" + PUBLISHED_ID + "/registration-stats",
                        json(
                                Contract.stats()
                                        .replace(
                                                "\"byInterpretationLanguage\"",
                                                """
                                        "byAnswer": {"institution": {"museum": 70, "c2": 0, "other": 50},
                                                     "newsletter": {"true": 3, "false": 117},
                                                     "country": {"FR": 100, "MX": 20}},
                                        "byInterpretationLanguage\"""")));
        String page = mvc.perform(get("/organiser/events/" + PUBLISHED_ID + "/attendees")
                        .with(user("estelle").roles("ORGANISER"))
                        .header("Accept-Language", "es"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .contains("id=\"answer-col-0\">Su institución</th>")
                // No Spanish label: the default language's, else any.
                .contains("id=\"answer-col-2\">Lettre d’information\u202F?</th>")
                .contains("id=\"answer-col-1\">Topics?</th>")
                .contains("<td class=\"answer\">Un museo</td>")
                .contains("<td class=\"answer\">Access; Budget</td>")
                .contains("<td class=\"answer\">No</td>")
                .contains("<td class=\"answer\">México</td>")
                .contains("<td class=\"answer\">Conservatrice</td>")
                // Answers to questions no longer asked, as the CSV has them: after the current ones,
                // in id order, marked as removed.
                .contains(">gone (pregunta retirada)</th>", "<td class=\"answer\">kept for the CSV</td>")
                .contains(">old-yes (pregunta retirada)</th>", "<td class=\"answer\">Sí</td>")
                .contains(">old-list (pregunta retirada)</th>", "<td class=\"answer\">x; y</td>")
                .contains("id=\"stats-by-answer-institution\"", "Confirmadas, por respuesta: Su institución")
                .contains("<th scope=\"row\">Un museo</th>", "<td class=\"count\">70</td>")
                .contains("<th scope=\"row\">Sí</th>", "<td class=\"count\">117</td>")
                .contains("id=\"stats-by-answer-country\"", "<th scope=\"row\">Francia</th>");
        int lastCurrent = page.indexOf("id=\"answer-col-6\""); // the last of the 7 current questions
        assertThat(lastCurrent).isPositive();
        assertThat(page.indexOf(">gone (pregunta retirada)</th>"))
                .isGreaterThan(lastCurrent)
                .isLessThan(page.indexOf(">old-list (pregunta retirada)</th>"));
        assertThat(page.indexOf(">old-list (pregunta retirada)</th>"))
                .isLessThan(page.indexOf(">old-yes (pregunta retirada)</th>"));
    }

    private static final Pattern FORM = Pattern.compile("<form id=\"event-form\".*?</form>", Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>");
    private static final Pattern SELECT = Pattern.compile("<select\\b([^>]*)>(.*?)</select>", Pattern.DOTALL);
    private static final Pattern OPTION = Pattern.compile("<option\\b([^>]*)>");
    private static final Pattern TEXTAREA = Pattern.compile("<textarea\\b([^>]*)>(.*?)</textarea>", Pattern.DOTALL);

    /** What a browser sends for the event form as the page holds it, before any button is pressed. */
    static Map<String, List<String>> formFields(String page) {
        Matcher form = FORM.matcher(page);
        assertThat(form.find()).as("the event form").isTrue();
        String html = form.group();
        Map<String, List<String>> fields = new LinkedHashMap<>();
        Matcher input = INPUT.matcher(html);
        while (input.find()) {
            String tag = input.group();
            String name = attribute(tag, "name");
            String type = attribute(tag, "type");
            if (name == null || "_csrf".equals(name)) {
                continue;
            }
            if ("checkbox".equals(type) && !tag.contains(" checked")) {
                continue;
            }
            String value = attribute(tag, "value");
            fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value == null ? "" : value);
        }
        Matcher select = SELECT.matcher(html);
        while (select.find()) {
            String name = attribute(select.group(1), "name");
            Matcher option = OPTION.matcher(select.group(2));
            String value = null;
            while (option.find()) {
                if (value == null || option.group(1).contains("selected")) {
                    value = attribute(option.group(1), "value");
                    if (option.group(1).contains("selected")) {
                        break;
                    }
                }
            }
            fields.put(name, new ArrayList<>(List.of(value == null ? "" : value)));
        }
        Matcher textarea = TEXTAREA.matcher(html);
        while (textarea.find()) {
            fields.put(attribute(textarea.group(1), "name"), new ArrayList<>(List.of(unescape(textarea.group(2)))));
        }
        return fields;
    }

    private static String attribute(String tag, String name) {
        Matcher value = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(tag);
        return value.find() ? unescape(value.group(1)) : null;
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
