package org.museumevents.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.museumevents.gateway.StandIn.json;
import static org.museumevents.gateway.web.Contract.EVENT_ID;
import static org.museumevents.gateway.web.Contract.REGISTRATION_ID;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.museumevents.gateway.GatewayIntegrationTest;
import org.museumevents.gateway.StandIn;
import org.museumevents.gateway.StandIns;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registration form asks the event's questions (issue 15): every kind in each language, the
 * answers sent as registration-service takes them, what is missing or refused shown next to its
 * question, hostile posts answered with a page, and the answers on the registrant's own page.
 */
@GatewayIntegrationTest
class RegistrationQuestionsPagesTest {

    static final StandIn catalog = StandIns.CATALOG;
    static final StandIn registration = StandIns.REGISTRATION;
    static final JsonMapper json = JsonMapper.builder().build();
    static final String REGISTER = "/events/" + EVENT_ID + "/register";
    static final String REGISTRATIONS = "/api/events/" + EVENT_ID + "/registrations";

    /** One question of each kind, in the catalog's shape (docs/api.md); labels not all translated. */
    static final String QUESTIONS =
            """
            "questions": [
              {"id": "institution", "kind": "SINGLE_CHOICE",
               "label": {"fr": "Votre institution", "en": "Your institution", "es": "Su institución"},
               "choices": [{"id": "museum", "label": {"fr": "Un musée", "en": "A museum", "es": "Un museo"}},
                           {"id": "university", "label": {"fr": "Une université", "en": "A university", "es": "Una universidad"}},
                           {"id": "other", "label": {"fr": "Autre", "en": "Other", "es": "Otra"}}],
               "required": true},
              {"id": "topics", "kind": "MULTIPLE_CHOICE",
               "label": {"fr": "Vos sujets", "en": "Your topics"},
               "choices": [{"id": "digital", "label": {"fr": "Numérique", "en": "Digital"}},
                           {"id": "access", "label": {"fr": "Accessibilité", "en": "Accessibility"}}],
               "required": false},
              {"id": "question-for-speakers", "kind": "TEXT", "label": {"en": "A question for the speakers"},
               "choices": [], "required": false},
              {"id": "bio", "kind": "LONG_TEXT", "label": {"fr": "Parcours", "en": "Background", "es": "Trayectoria"},
               "choices": [], "required": false},
              {"id": "newsletter", "kind": "YES_NO", "label": {"fr": "Lettre d’information", "en": "Newsletter", "es": "Boletín"},
               "choices": [], "required": true},
              {"id": "country", "kind": "COUNTRY", "label": {"fr": "Pays", "en": "Country", "es": "País"},
               "choices": [], "required": false}
            ],
            """;

    @Autowired
    MockMvc mvc;

    @LocalServerPort
    int port;

    /** The page with every run of white space as one space: attributes may be on several lines. */
    static String flat(String page) {
        return page.replaceAll("\\s+", " ");
    }

    /** The start tag of the element with that id, flattened. */
    static String tag(String page, String id) {
        Matcher tag = Pattern.compile("<[a-z]+\\s[^>]*\\bid=\"" + Pattern.quote(id) + "\"[^>]*>")
                .matcher(page);
        assertThat(tag.find()).as("an element with id " + id).isTrue();
        return flat(tag.group());
    }

    static String eventWithQuestions() {
        String event = Contract.publicEvent(EVENT_ID);
        assertThat(event).contains("\"version\": 3");
        return event.replace("\"version\": 3", QUESTIONS + "\"version\": 3");
    }

    @BeforeEach
    void script() {
        catalog.on("GET", "/api/events/" + EVENT_ID, json(eventWithQuestions()));
        registration.on("POST", REGISTRATIONS, json(201, Contract.registered("CONFIRMED", null)));
    }

    private static MockHttpServletRequestBuilder registering() {
        return post(REGISTER)
                .with(csrf())
                .param("idempotencyKey", "key-questions")
                .param("name", "Élise Martin")
                .param("email", "elise@musee.example")
                .param("language", "fr")
                .param("consent", "true");
    }

    private String page(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getContentAsString();
    }

    @ParameterizedTest
    @CsvSource({
        "fr, Votre institution, Un musée, Vos sujets, Numérique, Oui, Non, (obligatoire), Choisissez un pays, FR, France",
        "en, Your institution, A museum, Your topics, Digital, Yes, No, (required), Choose a country, FR, France",
        "es, Su institución, Un museo, Vos sujets, Numérique, Sí, No, (obligatorio), Elija un país, DE, Alemania"
    })
    void theFormAsksEachKindOfQuestionInThePagesLanguage(
            String language,
            String institution,
            String museum,
            String topics,
            String digital,
            String yes,
            String no,
            String required,
            String chooseCountry,
            String countryCode,
            String countryName)
            throws Exception {
        String page = page(get("/events/" + EVENT_ID).header("Accept-Language", language));
        String form = flat(
                page.substring(page.indexOf("id=\"registration-form\""), page.indexOf("id=\"registration-consent\"")));
        // SINGLE_CHOICE: a fieldset of required radios, its legend saying it is required.
        assertThat(tag(form, "registration-answer-institution")).startsWith("<fieldset");
        assertThat(form)
                .contains("<legend><span lang=\"" + language + "\">" + institution + "</span> <span class=\"required\">"
                        + required + "</span></legend>")
                .contains("<label for=\"registration-answer-institution-museum\" lang=\"" + language + "\">" + museum
                        + "</label>");
        assertThat(tag(form, "registration-answer-institution-museum"))
                .contains("name=\"answer-institution\"", "value=\"museum\"", "type=\"radio\"", "required=\"required\"")
                .doesNotContain("checked");
        // MULTIPLE_CHOICE: checkboxes, none required; Spanish falls back to the event's French.
        assertThat(tag(form, "registration-answer-topics")).startsWith("<fieldset");
        assertThat(form)
                .contains("<span lang=\"" + (language.equals("es") ? "fr" : language) + "\">" + topics
                        + "</span></legend>")
                .contains(">" + digital + "</label>");
        assertThat(tag(form, "registration-answer-topics-digital"))
                .contains("name=\"answer-topics\"", "value=\"digital\"", "type=\"checkbox\"")
                .doesNotContain("required");
        // TEXT, in English whatever the page's language: the only label it has; optional.
        assertThat(form)
                .contains("<label for=\"registration-answer-question-for-speakers\"><span lang=\"en\">"
                        + "A question for the speakers</span></label>");
        assertThat(tag(form, "registration-answer-question-for-speakers"))
                .contains("<input", "name=\"answer-question-for-speakers\"", "type=\"text\"", "maxlength=\"500\"")
                .doesNotContain("required");
        // LONG_TEXT.
        assertThat(tag(form, "registration-answer-bio"))
                .contains("<textarea", "name=\"answer-bio\"", "maxlength=\"4000\"");
        // YES_NO: two required radios named in the page's language.
        assertThat(tag(form, "registration-answer-newsletter")).startsWith("<fieldset");
        assertThat(tag(form, "registration-answer-newsletter-true"))
                .contains("name=\"answer-newsletter\"", "value=\"true\"", "type=\"radio\"", "required=\"required\"");
        assertThat(tag(form, "registration-answer-newsletter-false")).contains("value=\"false\"", "type=\"radio\"");
        assertThat(form)
                .contains("<label for=\"registration-answer-newsletter-true\">" + yes + "</label>")
                .contains("<label for=\"registration-answer-newsletter-false\">" + no + "</label>");
        // COUNTRY: Java's countries named in the page's language.
        assertThat(tag(form, "registration-answer-country"))
                .contains("<select", "name=\"answer-country\"")
                .doesNotContain("required");
        assertThat(form)
                .contains("<option value=\"\">" + chooseCountry + "</option>")
                .contains("<option value=\"" + countryCode + "\">" + countryName + "</option>");
        // In the order of the event's questions, after the fixed fields.
        assertThat(form.indexOf("registration-interpretation"))
                .isLessThan(form.indexOf("answer-institution"))
                .isLessThan(form.indexOf("answer-topics"));
        assertThat(form.indexOf("answer-topics"))
                .isLessThan(form.indexOf("answer-question-for-speakers"))
                .isLessThan(form.indexOf("answer-bio"));
        assertThat(form.indexOf("answer-newsletter")).isLessThan(form.indexOf("answer-country"));
    }

    @Test
    void countriesAreSortedByTheirNameInThePagesLanguage() throws Exception {
        String french = page(get("/events/" + EVENT_ID).header("Accept-Language", "fr"));
        // "Afrique du Sud" (ZA) before "Allemagne" (DE) before "Espagne" (ES) before "États-Unis" (US).
        assertThat(french.indexOf("value=\"ZA\">Afrique du Sud<"))
                .isPositive()
                .isLessThan(french.indexOf("value=\"DE\">Allemagne<"));
        assertThat(french.indexOf("value=\"ES\">Espagne<")).isLessThan(french.indexOf("value=\"US\">États-Unis<"));
        String english = page(get("/events/" + EVENT_ID).header("Accept-Language", "en"));
        assertThat(english.indexOf("value=\"DE\">Germany<")).isLessThan(english.indexOf("value=\"ES\">Spain<"));
        assertThat(english.split("<option value=\"[A-Z]{2}\"", -1))
                .hasSize(java.util.Locale.getISOCountries().length + 1);
    }

    @Test
    void aRegistrationSendsOnlyTheAnsweredQuestionsAsTheServiceTakesThem() throws Exception {
        mvc.perform(registering()
                        .param("answer-institution", "museum")
                        .param("answer-topics", "digital", "access")
                        .param("answer-question-for-speakers", "  Comment mesurer l’impact ?  ")
                        .param("answer-bio", "   ")
                        .param("answer-newsletter", "false")
                        .param("answer-country", "FR"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl(
                        "/events/" + EVENT_ID + "/registration"));

        JsonNode answers = json.readTree(
                        registration.received("POST", REGISTRATIONS).get(0).body())
                .get("answers");
        assertThat(answers)
                .isEqualTo(
                        json.readTree(
                                """
                        {"institution": "museum", "topics": ["digital", "access"],
                         "question-for-speakers": "Comment mesurer l’impact ?", "newsletter": false, "country": "FR"}"""));
        assertThat(answers.get("newsletter").isBoolean()).isTrue();
    }

    @Test
    void aLongTextKeepsItsLineBreaksCountedAsTheBrowserCountsThem() throws Exception {
        // 2,500 lines of a letter and a CRLF: 5,000 characters as posted, 4,000 as typed.
        String typed = "a\r\n".repeat(1333) + "a";
        assertThat(typed.replace("\r\n", "\n")).hasSizeLessThanOrEqualTo(4000);
        mvc.perform(registering()
                .param("answer-institution", "other")
                .param("answer-newsletter", "true")
                .param("answer-bio", typed));
        JsonNode answers = json.readTree(
                        registration.received("POST", REGISTRATIONS).get(0).body())
                .get("answers");
        assertThat(answers.get("bio").asString()).isEqualTo(typed.replace("\r\n", "\n"));
        assertThat(answers.get("newsletter").asBoolean()).isTrue();
    }

    /** The services' one multi-line rule: a tab is allowed, as in a description or a message's body. */
    @Test
    void aLongTextKeepsItsTabsAndATextOfInvisibleCharactersIsNoAnswer() throws Exception {
        mvc.perform(registering()
                .param("answer-institution", "other")
                .param("answer-newsletter", "true")
                .param("answer-question-for-speakers", "\u200B\u2060")
                .param("answer-bio", "Name:\tÉlise\nRole:\tcurator"));
        JsonNode answers = json.readTree(
                        registration.received("POST", REGISTRATIONS).get(0).body())
                .get("answers");
        assertThat(answers.get("bio").asString()).isEqualTo("Name:\tÉlise\nRole:\tcurator");
        assertThat(answers.has("question-for-speakers")).isFalse();
    }

    @Test
    void aNoncharacterInATextIsRefusedBeforeCallingTheService() throws Exception {
        String page = page(registering()
                .header("Accept-Language", "en")
                .param("answer-institution", "other")
                .param("answer-newsletter", "true")
                .param("answer-question-for-speakers", "Why\uFFFE?")
                .param("answer-bio", "Line\uFDD0"));
        assertThat(page)
                .contains("id=\"registration-answer-question-for-speakers-error\">Please keep this answer on one line")
                .contains("id=\"registration-answer-bio-error\">Please remove the special characters");
        assertThat(registration.received("POST", ".*")).isEmpty();
    }

    @Test
    void anEventWithoutQuestionsSendsNoAnswers() throws Exception {
        catalog.on("GET", "/api/events/" + EVENT_ID, json(Contract.publicEvent(EVENT_ID)));
        mvc.perform(registering().param("answer-institution", "museum"));
        JsonNode body = json.readTree(
                registration.received("POST", REGISTRATIONS).get(0).body());
        assertThat(body.has("answers")).isFalse();
    }

    @Test
    void aMissingRequiredAnswerComesBackNextToItsQuestionAndNothingIsSent() throws Exception {
        MockHttpServletResponse answer = mvc.perform(registering()
                        .header("Accept-Language", "en")
                        .param("answer-topics", "access")
                        .param("answer-question-for-speakers", "Pourquoi ?")
                        .param("answer-bio", "Line one\r\nLine two")
                        .param("answer-country", "ES"))
                .andReturn()
                .getResponse();
        assertThat(answer.getStatus()).isEqualTo(400);
        String page = answer.getContentAsString();
        assertThat(tag(page, "registration-answer-institution"))
                .contains("class=\"field has-error\"", "aria-describedby=\"registration-answer-institution-error\"");
        assertThat(tag(page, "registration-answer-institution-museum")).contains("aria-invalid=\"true\"");
        assertThat(page)
                .contains(
                        "<p class=\"field-error\" id=\"registration-answer-institution-error\">Please choose one of the options.</p>")
                .contains("id=\"registration-answer-newsletter-error\"")
                // The summary names the question by its label.
                .contains("<strong>Your institution</strong>:")
                .contains("<strong>Newsletter</strong>:")
                // What was typed stays.
                .contains("Line one", "Line two</textarea>")
                .contains("<option value=\"ES\" selected=\"selected\">Spain</option>");
        assertThat(tag(page, "registration-answer-question-for-speakers")).contains("value=\"Pourquoi ?\"");
        assertThat(tag(page, "registration-answer-topics-access")).contains("checked=\"checked\"");
        assertThat(tag(page, "registration-answer-topics-digital")).doesNotContain("checked");
        assertThat(registration.received("POST", ".*")).isEmpty();
    }

    @Test
    void aServiceRefusalOfAnAnswerIsShownNextToItsQuestion() throws Exception {
        registration.on(
                "POST",
                REGISTRATIONS,
                new StandIn.Answer(
                        400,
                        "application/problem+json",
                        """
                        {"type":"https://museum-events.org/problems/validation","title":"Invalid request","status":400,
                         "detail":"The request has invalid fields.",
                         "errors":[{"field":"answers.topics","message":"names a choice the question does not offer"},
                                   {"field":"answers.gone","message":"answers a question the event does not ask"}]}""",
                        Map.of()));
        MockHttpServletResponse answer = mvc.perform(registering()
                        .header("Accept-Language", "fr")
                        .param("answer-institution", "museum")
                        .param("answer-topics", "digital")
                        .param("answer-newsletter", "true"))
                .andReturn()
                .getResponse();
        assertThat(answer.getStatus()).isEqualTo(400);
        String page = answer.getContentAsString();
        assertThat(page)
                .contains("<p class=\"field-error\" id=\"registration-answer-topics-error\">"
                        + "Merci de choisir une des options.</p>")
                .contains("Cette question n’est plus posée\u202F; merci de recharger la page.")
                .doesNotContain("names a choice", "does not ask")
                .contains("<strong>Vos sujets</strong>\u202F:")
                .contains("<strong>Vos réponses</strong>\u202F:");
        assertThat(tag(page, "registration-answer-topics"))
                .contains("aria-describedby=\"registration-answer-topics-error\"");
        assertThat(tag(page, "registration-answer-institution-museum")).contains("checked=\"checked\"");
    }

    @Test
    void answersThatDoNotFitAreRefusedBeforeCallingTheService() throws Exception {
        String page = page(registering()
                .header("Accept-Language", "en")
                .param("answer-institution", "zoo")
                .param("answer-topics", "digital", "<script>")
                .param("answer-question-for-speakers", "x".repeat(501))
                .param("answer-bio", "not\uFDEFhere")
                .param("answer-newsletter", "maybe")
                .param("answer-country", "XX"));
        assertThat(page)
                .contains("id=\"registration-answer-institution-error\">Please choose one of the options.<")
                .contains("id=\"registration-answer-topics-error\">Please choose one of the options.<")
                .contains("id=\"registration-answer-question-for-speakers-error\">At most 500 characters, please.<")
                .contains("id=\"registration-answer-bio-error\">Please remove the special characters")
                .contains("id=\"registration-answer-newsletter-error\">Please choose one of the options.<")
                .contains("id=\"registration-answer-country-error\">Please choose one of the options.<")
                .doesNotContain("<script>");
        assertThat(registration.received("POST", ".*")).isEmpty();
    }

    @Test
    void hostilePostsAreAnsweredWithAPage() throws Exception {
        String huge = "é".repeat(200_000);
        for (MockHttpServletRequestBuilder request : java.util.List.of(
                // Unknown question ids and names that look like property paths: ignored.
                registering()
                        .param("answer-institution", "museum")
                        .param("answer-newsletter", "true")
                        .param("answer-nope", "x")
                        .param("answers[institution]", "zoo")
                        .param("answers.institution", "zoo")
                        .param("answer-institution[0]", "zoo")
                        .param("answers", "x")
                        .param("answer-", "x")
                        .param("answer-[", "x"),
                // Huge values everywhere.
                registering()
                        .param("answer-institution", huge)
                        .param("answer-topics", huge)
                        .param("answer-question-for-speakers", huge)
                        .param("answer-bio", huge)
                        .param("answer-newsletter", huge)
                        .param("answer-country", huge),
                // Control characters and odd Unicode.
                registering()
                        .param("answer-institution", "museum\u0000")
                        .param("answer-question-for-speakers", "a\u2028b")
                        .param("answer-bio", "\u0000\uD800")
                        .param("answer-newsletter", "true", "false")
                        .param("answer-country", "fr"),
                // Many parameters, many values of one.
                manyParameters(registering()))) {
            MockHttpServletResponse answer = mvc.perform(request).andReturn().getResponse();
            assertThat(answer.getStatus()).isIn(302, 400);
            assertThat(answer.getContentAsString()).doesNotContain("Exception", "\tat org.");
        }
        // The first one registered with its two real answers only.
        assertThat(json.readTree(registration
                                .received("POST", REGISTRATIONS)
                                .get(0)
                                .body())
                        .get("answers"))
                .isEqualTo(json.readTree("{\"institution\": \"museum\", \"newsletter\": true}"));
        assertThat(registration.received("POST", REGISTRATIONS)).hasSize(1);
    }

    /** Text the form lets through but JSON may choke on: a lone surrogate, emoji, right-to-left marks. */
    @Test
    void oddUnicodeInATextIsAPageNeverAFailure() throws Exception {
        for (String text : java.util.List.of("\uD800", "a\uDC00b", "😀\u200F\u202Eabc", "\uFEFF")) {
            MockHttpServletResponse answer = mvc.perform(registering()
                            .param("answer-institution", "museum")
                            .param("answer-newsletter", "true")
                            .param("answer-question-for-speakers", text)
                            .param("answer-bio", text))
                    .andReturn()
                    .getResponse();
            assertThat(answer.getStatus()).as(text).isIn(302, 400);
            assertThat(answer.getContentAsString()).doesNotContain("Exception", "\tat org.");
        }
    }

    private static MockHttpServletRequestBuilder manyParameters(MockHttpServletRequestBuilder request) {
        String[] values = new String[5000];
        java.util.Arrays.fill(values, "digital");
        request.param("answer-topics", values);
        for (int i = 0; i < 5000; i++) {
            request.param("answer-q" + i, "x");
        }
        return request;
    }

    /** Through Tomcat, with its own limits on parameters: still a page, never a failure. */
    @Test
    void aRealPostWithThousandsOfParametersIsAPage() throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager())
                .build();
        String base = "http://127.0.0.1:" + port;
        HttpResponse<String> form = browser.send(
                HttpRequest.newBuilder(URI.create(base + "/events/" + EVENT_ID)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"").matcher(form.body());
        assertThat(csrf.find()).isTrue();
        StringBuilder body = new StringBuilder("_csrf=" + encode(csrf.group(1))
                + "&name=Elise&email=elise%40musee.example&language=fr&consent=true"
                + "&answer-institution=museum&answer-newsletter=true");
        for (int i = 0; i < 3000; i++) {
            body.append("&answer-topics=digital&answer-x").append(i).append("=y");
        }
        HttpResponse<String> posted = browser.send(
                HttpRequest.newBuilder(URI.create(base + REGISTER))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "text/html")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isBetween(300, 499);
        assertThat(posted.body()).doesNotContain("Exception", "\tat org.");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void theManagePageShowsTheAnswersUnderTheirQuestions() throws Exception {
        String path = "/api/registrations/" + REGISTRATION_ID;
        String withAnswers = Contract.registration(REGISTRATION_ID, "CONFIRMED")
                .replace(
                        "\"registeredAt\"",
                        """
                        "answers": {"institution": "university", "topics": ["digital", "access"],
                                    "question-for-speakers": "Comment mesurer l’impact ?", "bio": "Ligne un\\nLigne deux",
                                    "newsletter": false, "country": "ES", "gone": "a question no longer asked"},
                        "registeredAt\"""");
        registration.on("GET", path, json(withAnswers));
        String page = page(
                get("/registrations/" + REGISTRATION_ID).param("token", "t0k3n").header("Accept-Language", "es"));
        assertThat(page)
                .contains("<dt lang=\"es\">Su institución</dt>")
                .contains("<dd class=\"description\" data-question=\"institution\">Una universidad</dd>")
                .contains("<dt lang=\"fr\">Vos sujets</dt>")
                .contains("data-question=\"topics\">Numérique, Accessibilité</dd>")
                .contains("<dt lang=\"en\">A question for the speakers</dt>")
                .contains("data-question=\"question-for-speakers\">Comment mesurer l’impact ?</dd>")
                .contains("data-question=\"bio\">Ligne un\nLigne deux</dd>")
                .contains("<dt lang=\"es\">Boletín</dt>")
                .contains("data-question=\"newsletter\">No</dd>")
                .contains("data-question=\"country\">España</dd>")
                .contains("<dt>gone</dt>")
                .contains("data-question=\"gone\">a question no longer asked</dd>");
        assertThat(page.indexOf("Su institución")).isLessThan(page.indexOf("Boletín"));

        // A registration from before questions: no answers, nothing shown.
        registration.on("GET", path, json(Contract.registration(REGISTRATION_ID, "CONFIRMED")));
        assertThat(page(get("/registrations/" + REGISTRATION_ID).param("token", "t0k3n")))
                .doesNotContain("data-question=");
    }
}
