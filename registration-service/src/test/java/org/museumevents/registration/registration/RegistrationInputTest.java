package org.museumevents.registration.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every kind of bad input that the web layer itself refuses (malformed or mistyped JSON, Bean
 * Validation, wrong paths and media types) is a 400 or 415 problem+json naming the field, never a
 * 500, and never reaches the service, so nothing can be stored. A slice: the controller, the
 * problem mapping and the organiser security, no database and no broker. The service is there
 * only for the controller to be built and must never be called; checks that need it (the time
 * zone, an unknown event) are in {@link BadInputTest}, on the real servers.
 */
@WebMvcTest(RegistrationController.class)
class RegistrationInputTest {

    private static final String VALID =
            """
            {"name": "Élise Durand", "email": "elise@example.org", "organisation": "Musée d'Orsay",
             "language": "fr", "timeZone": "Europe/Paris", "interpretationLanguage": "en", "consent": true}""";

    private static final String REGISTER = "/api/events/" + UUID.randomUUID() + "/registrations";

    @DynamicPropertySource
    static void organiserTokens(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @MockitoBean
    RegistrationService service;

    @AfterEach
    void theServiceIsNeverReached() {
        verifyNoInteractions(service);
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The valid body with one field set to {@code value} (written with JSON's escapes). */
    private static String with(String field, String value) {
        tools.jackson.databind.node.ObjectNode body = (tools.jackson.databind.node.ObjectNode) JSON.readTree(VALID);
        body.put(field, value);
        return JSON.writeValueAsString(body);
    }

    /**
     * Line breaks, tabs and Unicode line separators in any text field of the body: in a name or an
     * organisation they would write lines of an email sent from the museum's domain.
     */
    static Stream<Arguments> multiLineText() {
        List<Arguments> cases = new ArrayList<>();
        // The review's example: a name that adds a header to the confirmation email.
        cases.add(Arguments.of("the review's example", raw("name", "Élise\\r\\nBcc: victim@example.org"), "name"));
        Map<String, String> fields = Map.of(
                "name", "Élise",
                "organisation", "Musée",
                "email", "elise@example.org",
                "timeZone", "Europe/Paris",
                "language", "fr",
                "interpretationLanguage", "en");
        Map<String, String> separators = Map.of(
                "LF", "\\n", "CRLF", "\\r\\n", "CR", "\\r", "U+2028", "\\u2028", "U+2029", "\\u2029", "tab", "\\t");
        fields.forEach((field, base) -> separators.forEach((name, escape) ->
                cases.add(Arguments.of(field + " with " + name, raw(field, base + escape + "x"), field))));
        cases.add(Arguments.of("a C1 control in a name", raw("name", "Élise\\u0085Durand"), "name"));
        // Noncharacters anywhere, and a required text of nothing visible (format characters only).
        cases.add(Arguments.of("U+FFFE in a name", raw("name", "Élise\\uFFFE"), "name"));
        cases.add(Arguments.of("U+FDD0 in an organisation", raw("organisation", "Musée\\uFDD0"), "organisation"));
        cases.add(Arguments.of("U+1FFFF in a name", raw("name", "Élise\\uD83F\\uDFFF"), "name"));
        cases.add(Arguments.of("a name of zero-width spaces", raw("name", "\\u200B\\u200B"), "name"));
        cases.add(Arguments.of("a name of format characters", raw("name", " \\u200C\\u200D\\u2060\\uFEFF"), "name"));
        return cases.stream();
    }

    /** The valid body with {@code field} set to {@code jsonText}, written as is between quotes. */
    private static String raw(String field, String jsonText) {
        return with(field, "PLACEHOLDER").replace("\"PLACEHOLDER\"", "\"" + jsonText + "\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("multiLineText")
    void textFieldsAreOneLineWithoutControlCharacters(String what, String body, String field) throws Exception {
        aBadRegistrationIsA400NamingTheFieldAndStoresNothing(what, body, field);
    }

    /** Addresses an invitation cannot be delivered to, by Jakarta Mail or as an iCalendar mailto: URI. */
    static Stream<Arguments> undeliverableEmails() {
        return Stream.of(
                        "Élise Durand <elise@example.org>",
                        "<elise@example.org>",
                        "\"elise durand\"@example.org",
                        "\"elise\"@example.org",
                        "elise(comment)@example.org",
                        "elise@example.org (Élise)",
                        "elise@[192.0.2.1]",
                        "elise@[IPv6:2001:db8::1]",
                        "elise@localhost",
                        "elise@example",
                        "elise@-example.org",
                        "elise@example-.org",
                        "elise@exa_mple.org",
                        "elise@example..org",
                        "elise@example.org.",
                        "elise@.example.org",
                        ".elise@example.org",
                        "eli..se@example.org",
                        "elise@example.invalidtld",
                        "elise#1@example.org",
                        "eli%se@example.org",
                        "elise?subject=x@example.org",
                        "elise@@example.org",
                        "e".repeat(65) + "@example.org",
                        "é".repeat(33) + "@example.org",
                        "e@" + "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(57)
                                + ".org",
                        "elise@" + "a".repeat(64) + ".org")
                .map(email -> Arguments.of(email, with("email", email)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("undeliverableEmails")
    void anAddressThatCannotBeDeliveredIsRefusedNamingEmail(String email, String body) throws Exception {
        aBadRegistrationIsA400NamingTheFieldAndStoresNothing(email, body, "email");
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"name\": \"Élise\",", null),
                Arguments.of("an empty body", "", null),
                Arguments.of("a JSON array", "[1, 2]", null),
                Arguments.of(
                        "a name of the wrong type",
                        VALID.replace("\"Élise Durand\"", "{\"first\": \"Élise\"}"),
                        "name"),
                Arguments.of(
                        "consent of the wrong type",
                        VALID.replace("\"consent\": true", "\"consent\": [true]"),
                        "consent"),
                Arguments.of("consent refused", VALID.replace("\"consent\": true", "\"consent\": false"), "consent"),
                Arguments.of("consent missing", VALID.replace(", \"consent\": true", ""), "consent"),
                Arguments.of(
                        "a language we do not write in",
                        VALID.replace("\"language\": \"fr\"", "\"language\": \"de\""),
                        "language"),
                Arguments.of("no language", VALID.replace("\"language\": \"fr\",", ""), "language"),
                Arguments.of(
                        "an email that is not one", VALID.replace("elise@example.org", "elise at example"), "email"),
                Arguments.of("a blank name", VALID.replace("\"Élise Durand\"", "\"   \""), "name"),
                Arguments.of("an oversized name", VALID.replace("Élise Durand", "É".repeat(201)), "name"),
                Arguments.of(
                        "a huge organisation", VALID.replace("Musée d'Orsay", "x".repeat(100_000)), "organisation"),
                Arguments.of(
                        "an interpretation language that is not one",
                        VALID.replace("\"en\"", "\"English!\""),
                        "interpretationLanguage"),
                Arguments.of(
                        "answers that are not an object",
                        VALID.replace("\"consent\": true", "\"consent\": true, \"answers\": [\"x\"]"),
                        "answers"),
                Arguments.of(
                        "answers that are a string",
                        VALID.replace("\"consent\": true", "\"consent\": true, \"answers\": \"x\""),
                        "answers"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void aBadRegistrationIsA400NamingTheFieldAndStoresNothing(String what, String body, String field) throws Exception {
        MockHttpServletResponse response =
                perform(post(REGISTER).contentType(MediaType.APPLICATION_JSON).content(body));

        assertThat(response.getStatus()).as(what + ": " + text(response)).isEqualTo(400);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        JsonNode problem = json.readTree(response.getContentAsByteArray());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("type").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        if (field != null) {
            assertThat(fields(problem)).as(what + ": " + text(response)).contains(field);
        }
    }

    @Test
    void wrongPathsMediaTypesAndParametersAre4xxProblems() throws Exception {
        List<MockHttpServletResponse> answers = List.of(
                perform(post("/api/events/not-a-uuid/registrations")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(VALID)),
                perform(post(REGISTER).contentType(MediaType.TEXT_PLAIN).content(VALID)),
                perform(get("/api/registrations/not-a-uuid?token=x")));
        assertThat(answers).allSatisfy(r -> {
            assertThat(r.getStatus()).as(text(r)).isBetween(400, 499);
            assertThat(r.getContentType()).as(text(r)).startsWith("application/problem+json");
        });
    }

    private MockHttpServletResponse perform(RequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    private static String text(MockHttpServletResponse response) {
        try {
            return response.getStatus() + " " + response.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }
}
