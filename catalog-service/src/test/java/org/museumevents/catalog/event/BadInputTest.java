package org.museumevents.catalog.event;

import static org.hamcrest.Matchers.hasItem;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.museumevents.catalog.Fixtures;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.ResultMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every class of bad input that the web layer stops (unreadable JSON, wrong types, unknown values,
 * bean-validation limits, bad path and query parameters) is a 400 problem, never a 500, and never
 * reaches the service, let alone the database: the controller, its validation, the organiser
 * security and the problem mapping, without a server. The rules that span fields are checked where
 * the event is made, in the service: see {@link CrossFieldRulesTest}.
 */
@WebMvcTest(EventController.class)
class BadInputTest {

    @DynamicPropertySource
    static void organiserTokens(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
    }

    // Stand-ins that must never be called: bad input stops before the service.
    @MockitoBean
    EventService events;

    @MockitoBean
    EventCalendar calendar;

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @AfterEach
    void badInputNeverReachedTheService() {
        verifyNoInteractions(events, calendar);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "not json", "[]", "{\"title\": }", ""})
    void malformedJsonIs400(String body) throws Exception {
        postRaw(body)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.title").exists())
                .andExpect(jsonPath("$.detail").exists());
    }

    @Test
    void wrongTypesAreFieldErrors() throws Exception {
        expectFieldError(e -> e.put("capacity", "lots"), "capacity");
        expectFieldError(e -> e.put("people", "everyone"), "people");
        expectFieldError(
                e -> e.put("registration", Map.of("requiresApproval", "perhaps")), "registration.requiresApproval");
    }

    @Test
    void unknownEnumValuesAreFieldErrors() throws Exception {
        expectFieldError(e -> e.put("format", "TELEPATHY"), "format");
        expectFieldError(e -> e.put("defaultLanguage", "de"), "defaultLanguage");
        expectFieldError(e -> e.put("people", List.of(Map.of("name", "X", "role", "JUGGLER"))), "people[0].role");
        expectFieldError(e -> e.put("title", Map.of("de", "Titel")), "title");
    }

    @Test
    void impossibleDatesAreFieldErrors() throws Exception {
        expectFieldError(e -> e.put("start", "2027-02-30T13:00"), "start");
        expectFieldError(e -> e.put("end", "tomorrow"), "end");
        expectFieldError(e -> e.put("start", "2027-02-16T25:00"), "start");
    }

    @Test
    void oversizedTextsAreFieldErrors() throws Exception {
        String huge = "x".repeat(301);
        expectFieldError(e -> e.put("title", Map.of("fr", huge)), "title.fr");
        expectFieldError(e -> e.put("description", Map.of("fr", "y".repeat(20_001))), "description.fr");
        expectFieldError(e -> e.put("timeZone", "z".repeat(65)), "timeZone");
        expectFieldError(e -> e.put("tags", List.of("t".repeat(51))), "tags[0]");
        expectFieldError(e -> e.put("meeting", Map.of("url", "https://" + "a".repeat(2000))), "meeting.url");
    }

    @Test
    void missingAndMalformedFieldsAreFieldErrors() throws Exception {
        expectFieldError(e -> e.remove("title"), "title");
        expectFieldError(e -> e.remove("start"), "start");
        expectFieldError(e -> e.put("capacity", 0), "capacity");
        expectFieldError(e -> e.put("meeting", Map.of("url", "javascript:alert(1)")), "meeting.url");
        expectFieldError(e -> e.put("interpretation", List.of("french")), "interpretation[0]");
    }

    @Test
    void badPathAndQueryParametersAre400() throws Exception {
        mvc.perform(get("/api/events/not-a-uuid"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/events").param("from", "2027-13-01")).andExpect(status().isBadRequest());
        mvc.perform(get("/api/events").param("size", "100000")).andExpect(status().isBadRequest());
        mvc.perform(get("/api/events").param("q", "q".repeat(201))).andExpect(status().isBadRequest());
        mvc.perform(get("/api/events").param("status", "SOMETIMES")).andExpect(status().isBadRequest());
    }

    private void expectFieldError(Consumer<Map<String, Object>> change, String field) throws Exception {
        Map<String, Object> event = Fixtures.onlineDebate();
        change.accept(event);
        postRaw(json.writeValueAsString(event))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[*].field", hasItem(field)))
                .andExpect(noJavaNames());
    }

    /** No 400 names a Java type (a class of the service, of the JDK or of Jackson). */
    private static ResultMatcher noJavaNames() {
        return content()
                .string(org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.matchesPattern("(?s).*\\b(org|java|javax|jakarta|tools)\\.[a-z].*")));
    }

    private void expectMessage(Consumer<Map<String, Object>> change, String field, String message) throws Exception {
        Map<String, Object> event = Fixtures.onlineDebate();
        change.accept(event);
        postRaw(json.writeValueAsString(event))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value(field))
                .andExpect(jsonPath("$.errors[0].message").value(message))
                .andExpect(noJavaNames());
    }

    @Test
    void anUnknownValueSaysInWordsWhichValuesAreAllowed() throws Exception {
        expectMessage(
                e -> e.put("questions", List.of(Map.of("kind", "ESSAY", "label", Map.of("fr", "Q")))),
                "questions[0].kind",
                "must be one of TEXT, LONG_TEXT, SINGLE_CHOICE, MULTIPLE_CHOICE, YES_NO, COUNTRY");
        expectMessage(e -> e.put("format", "TELEPATHY"), "format", "must be one of ONLINE, IN_PERSON, HYBRID");
        expectMessage(e -> e.put("defaultLanguage", "de"), "defaultLanguage", "must be one of fr, en, es");
        // A map key: a language, a title, a follow-up's text (the tester's "{de: ...}" named the enum).
        expectMessage(e -> e.put("title", Map.of("de", "Titel")), "title", "must be one of fr, en, es");
        expectMessage(
                e -> e.put("followUp", Map.of("after", "PT2H", "text", Map.of("de", "Danke"))),
                "followUp.text",
                "must be one of fr, en, es");
        expectMessage(e -> e.put("capacity", "lots"), "capacity", "must be a whole number");
        expectMessage(e -> e.put("people", "everyone"), "people", "must be an array");
        mvc.perform(get("/api/events").param("status", "SOMETIMES"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("status"))
                .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.startsWith("must be one of ")))
                .andExpect(noJavaNames());
    }

    private ResultActions postRaw(String body) throws Exception {
        return mvc.perform(post("/api/events")
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer("icom-france"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }
}
