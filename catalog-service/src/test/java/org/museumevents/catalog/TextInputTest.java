package org.museumevents.catalog;

import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
 * Texts: no control character anywhere (a query, a path, any body field), and every text that
 * lands in an email's subject or first lines (titles in every language, people's names and
 * affiliations, venue, partners, tags, meeting details) on one line; descriptions may have several.
 */
@CatalogIntegrationTest
class TextInputTest {

    final String organisation = Fixtures.organisation("icom-france");

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/events?q=a%00b", // the review's example: it answered 500 (PostgreSQL refuses U+0000)
                "/api/events?q=%07bell",
                "/api/events?q=%C2%85next-line",
                "/api/events?organisation=icom%00france",
                "/api/series?organisation=a%1Bb",
                "/api/events/%00",
                "/api/series/%7F"
            })
    void aControlCharacterInAQueryOrAPathIs400(String uri) throws Exception {
        mvc.perform(get(URI.create(uri)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400));
    }

    @ParameterizedTest
    @ValueSource(strings = {"q=%zz", "q=%", "q=%0", "from=2027-01-01&q=100%"})
    void aMalformedEscapeInAQueryIs400(String query) throws Exception {
        mvc.perform(get("/api/events").with(request -> {
                    request.setQueryString(query);
                    return request;
                }))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/events/7f0c%0A/calendar.ics",
                "/api/events/a%2Fb",
                "/api/events/%2e%2e/x",
                "/api/events/x;jsessionid=1",
                "/api/series/a%5Cb",
                "/api/events//x"
            })
    void aPathTheFirewallRefusesIs400Problem(String uri) throws Exception {
        mvc.perform(get(URI.create(uri)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400));
    }

    @Test
    void aControlCharacterInAnyBodyFieldIs400NamingIt() throws Exception {
        expectEventError(e -> e.put("title", Map.of("fr", "a\u0000b")), "title.fr");
        expectEventError(e -> e.put("description", Map.of("en", "bell\u0007")), "description.en");
        expectEventError(
                e -> e.put("people", List.of(Map.of("name", "A\u009Bb", "role", "SPEAKER"))), "people[0].name");
        expectEventError(
                e -> e.put("meeting", Map.of("url", "https://zoom.example/j/1", "passcode", "12\u00003")),
                "meeting.passcode");
        expectEventError(e -> e.put("tags", List.of("\uFFFF")), "tags[0]");
        expectEventError(e -> e.put("timeZone", "Europe/Paris\u0000"), "timeZone");
        Map<String, Object> series = series();
        series.put("description", Map.of("fr", "\u0000"));
        sendSeries(series).andExpect(fieldError("description.fr"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r", "\t", "\u2028", "\u2029"})
    void textsThatHeadEmailsAreOneLine(String lineBreak) throws Exception {
        String text = "Ligne" + lineBreak + "Bcc: everyone@example.org";
        expectEventError(e -> e.put("title", Map.of("fr", text)), "title.fr");
        expectEventError(e -> e.put("title", Map.of("fr", "Titre", "en", text)), "title.en");
        expectEventError(e -> e.put("people", List.of(Map.of("name", text, "role", "SPEAKER"))), "people[0].name");
        expectEventError(
                e -> e.put("people", List.of(Map.of("name", "Anastasia", "affiliation", text, "role", "SPEAKER"))),
                "people[0].affiliation");
        for (String part : List.of("name", "address", "city", "country")) {
            Map<String, Object> venue = new LinkedHashMap<>(Map.of("name", "La Coursive"));
            venue.put(part, text);
            expectEventError(e -> e.put("venue", venue), "venue." + part);
        }
        expectEventError(e -> e.put("partners", List.of(text)), "partners[0]");
        expectEventError(e -> e.put("tags", List.of(text)), "tags[0]");
        expectEventError(
                e -> e.put("meeting", Map.of("url", "https://zoom.example/j/1", "meetingId", text)),
                "meeting.meetingId");
        expectEventError(e -> e.put("meeting", Map.of("url", "https://zoom.example/j/1" + text)), "meeting.url");

        Map<String, Object> series = series();
        series.put("title", Map.of("fr", text));
        sendSeries(series).andExpect(fieldError("title.fr"));
        series = series();
        series.put(
                "eventDefaults",
                Map.of("partners", List.of(text), "people", List.of(Map.of("name", text, "role", "HOST"))));
        sendSeries(series)
                .andExpect(fieldError("eventDefaults.partners[0]"))
                .andExpect(fieldError("eventDefaults.people[0].name"));
    }

    /** Unicode's noncharacters, in one-line and multi-line texts alike (unpaired surrogates: TextRulesTest). */
    @ParameterizedTest
    @ValueSource(strings = {"\uFFFE", "\uFFFF", "\uFDD0", "\uD83F\uDFFF"})
    void noncharactersAreRefusedInEveryText(String character) throws Exception {
        String text = "Texte" + character;
        expectEventError(e -> e.put("title", Map.of("fr", text)), "title.fr");
        expectEventError(e -> e.put("description", Map.of("fr", text)), "description.fr");
        expectEventError(e -> e.put("people", List.of(Map.of("name", text, "role", "SPEAKER"))), "people[0].name");
        expectEventError(e -> e.put("questions", List.of(question(Map.of("fr", text)))), "questions[0].label.fr");
    }

    /** Blank is "nothing visible": zero-width and other format characters count as blank. */
    @ParameterizedTest
    @ValueSource(strings = {"\u200B", "\u200C\u200D", "\u2060", "\uFEFF", " \u200B\u00A0"})
    void aTextOfInvisibleCharactersIsBlank(String invisible) throws Exception {
        expectEventError(e -> e.put("questions", List.of(question(Map.of("fr", invisible)))), "questions[0].label");
        expectEventError(e -> e.put("title", Map.of("fr", invisible)), "title.fr");
        expectEventError(e -> e.put("people", List.of(Map.of("name", invisible, "role", "SPEAKER"))), "people[0].name");
        expectEventError(e -> e.put("tags", List.of(invisible)), "tags[0]");
        expectEventError(e -> e.put("venue", Map.of("name", invisible)), "venue.name");
        Map<String, Object> series = series();
        series.put("title", Map.of("fr", invisible));
        sendSeries(series).andExpect(fieldError("title.fr"));
    }

    private static Map<String, Object> question(Map<String, String> label) {
        return Map.of("kind", "TEXT", "label", label);
    }

    @Test
    void descriptionsMayHaveSeveralLines() throws Exception {
        Map<String, Object> event = Fixtures.onlineDebate();
        event.put("description", Map.of("fr", "Première ligne\nDeuxième\r\n\tTroisième\u2028quatrième"));
        send("/api/events", event)
                .andExpect(status().isCreated())
                .andExpect(
                        jsonPath("$.description.fr").value("Première ligne\nDeuxième\r\n\tTroisième\u2028quatrième"));
        Map<String, Object> series = series();
        series.put("description", Map.of("fr", "Chaque troisième mardi.\nSur Zoom."));
        sendSeries(series).andExpect(status().isCreated());
    }

    private void expectEventError(Consumer<Map<String, Object>> change, String field) throws Exception {
        Map<String, Object> event = Fixtures.onlineDebate();
        change.accept(event);
        send("/api/events", event).andExpect(fieldError(field));
    }

    private ResultActions sendSeries(Map<String, Object> series) throws Exception {
        return send("/api/series", series);
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

    private static Map<String, Object> series() {
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("title", Map.of("fr", "Musées, solidarités"));
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
        return series;
    }
}
