package org.museumevents.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.statistics.Statistics;
import org.museumevents.catalog.HostileInput.Mutation;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestContextManager;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Property tests over the catalog's endpoints, on the whole service and its real servers: whatever
 * a client sends (random and malformed query parameters, path segments, JSON bodies, as anyone or
 * as an organiser), the answer is a success or a 4xx {@code application/problem+json} whose
 * {@code status} is the response's, never a 5xx; and after each property the service still answers
 * its ordinary requests.
 *
 * <p>jqwik runs these, not JUnit Jupiter: Spring's {@link TestContextManager} injects the fields,
 * from the same cached context as every other {@link CatalogIntegrationTest} class. Bounded tries
 * keep them to seconds.
 */
@CatalogIntegrationTest
class PublicEndpointsPropertyTest {

    static final int TRIES = 200;

    final String organisation = Fixtures.organisation("hostile");

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    String publishedEvent;
    String seriesId;

    @BeforeProperty
    void startFromAPublishedEventAndASeries() throws Exception {
        new TestContextManager(getClass()).prepareTestInstance(this);
        publishedEvent = id(mvc.perform(post("/api/events")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(organisation))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Fixtures.onlineDebate())))
                .andExpect(status().isCreated())
                .andReturn());
        mvc.perform(post("/api/events/{id}/publish", publishedEvent)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(organisation)))
                .andExpect(status().isOk());
        seriesId = id(mvc.perform(post("/api/series")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(organisation))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(series())))
                .andExpect(status().isCreated())
                .andReturn());
    }

    @AfterProperty
    void theServiceStillAnswers() throws Exception {
        mvc.perform(get("/api/events").param("size", "1")).andExpect(status().isOk());
        mvc.perform(get("/api/events/{id}", publishedEvent)).andExpect(status().isOk());
        mvc.perform(get("/api/events/{id}/calendar.ics", publishedEvent)).andExpect(status().isOk());
        mvc.perform(get("/api/series/{id}", seriesId)).andExpect(status().isOk());
        mvc.perform(get("/api/series/{id}/calendar.ics", seriesId)).andExpect(status().isOk());
        mvc.perform(get("/api/organisations/{slug}/calendar.ics", organisation)).andExpect(status().isOk());
    }

    @Property(tries = TRIES, afterFailure = AfterFailureMode.SAMPLE_FIRST)
    void theListingAnswersAnyQuery(
            @ForAll("queryParameters") List<Tuple2<String, String>> parameters,
            @ForAll boolean encoded,
            @ForAll("callers") String caller)
            throws Exception {
        List<String> pairs = new ArrayList<>();
        for (Tuple2<String, String> parameter : parameters) {
            pairs.add(parameter.get1() + "=" + (encoded ? encode(parameter.get2()) : parameter.get2()));
        }
        String query = String.join("&", pairs);
        MockHttpServletRequestBuilder request = get("/api/events").with(servletRequest -> {
            // As a servlet container hands them over: the raw query, and the parameters decoded.
            servletRequest.setQueryString(query);
            for (String pair : pairs) {
                int equals = pair.indexOf('=');
                servletRequest.addParameter(
                        lenientlyDecoded(pair.substring(0, equals)), lenientlyDecoded(pair.substring(equals + 1)));
            }
            return servletRequest;
        });
        expectProblemOrSuccess(by(request, caller), "GET /api/events?" + query);
    }

    @Property(tries = TRIES, afterFailure = AfterFailureMode.SAMPLE_FIRST)
    void eventAndSeriesPathsAnswerAnySegment(
            @ForAll("pathTemplates") String template,
            @ForAll("segments") String segment,
            @ForAll("callers") String caller)
            throws Exception {
        String value = segment.replace("{published}", publishedEvent).replace("{series}", seriesId);
        URI uri;
        try {
            uri = URI.create(template.replace("{}", value));
        } catch (IllegalArgumentException notAUri) {
            uri = URI.create(template.replace("{}", encode(value)));
        }
        expectProblemOrSuccess(by(get(uri), caller), "GET " + uri);
    }

    @Property(tries = TRIES, afterFailure = AfterFailureMode.SAMPLE_FIRST)
    void creatingAnEventAnswersAnyBody(
            @ForAll("eventMutations") List<Mutation> mutations,
            @ForAll("breakages") UnaryOperator<String> breakage,
            @ForAll("callers") String caller)
            throws Exception {
        String body = breakage.apply(json.writeValueAsString(HostileInput.apply(Fixtures.onlineDebate(), mutations)));
        expectProblemOrSuccess(
                by(post("/api/events").contentType(MediaType.APPLICATION_JSON).content(body), caller),
                "POST /api/events " + abbreviated(body));
    }

    @Property(tries = TRIES, afterFailure = AfterFailureMode.SAMPLE_FIRST)
    void replacingAnEventAnswersAnyBodyAndIfMatch(
            @ForAll("eventMutations") List<Mutation> mutations,
            @ForAll("breakages") UnaryOperator<String> breakage,
            @ForAll("ifMatch") String ifMatch)
            throws Exception {
        String body = breakage.apply(json.writeValueAsString(HostileInput.apply(Fixtures.onlineDebate(), mutations)));
        MockHttpServletRequestBuilder request = put("/api/events/{id}", publishedEvent)
                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(organisation))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body);
        if (!ifMatch.isEmpty()) {
            request.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        expectProblemOrSuccess(request, "PUT /api/events/{id} If-Match " + ifMatch + " " + abbreviated(body));
    }

    @Property(tries = TRIES, afterFailure = AfterFailureMode.SAMPLE_FIRST)
    void creatingASeriesAnswersAnyBody(
            @ForAll("seriesMutations") List<Mutation> mutations,
            @ForAll("breakages") UnaryOperator<String> breakage,
            @ForAll("callers") String caller)
            throws Exception {
        String body = breakage.apply(json.writeValueAsString(HostileInput.apply(series(), mutations)));
        expectProblemOrSuccess(
                by(post("/api/series").contentType(MediaType.APPLICATION_JSON).content(body), caller),
                "POST /api/series " + abbreviated(body));
    }

    @Property(tries = TRIES, afterFailure = AfterFailureMode.SAMPLE_FIRST)
    void occurrencesAnswerAnyBody(
            @ForAll("occurrenceRequests") Map<String, Object> request,
            @ForAll("breakages") UnaryOperator<String> breakage)
            throws Exception {
        String body = breakage.apply(json.writeValueAsString(request));
        expectProblemOrSuccess(
                post("/api/series/{id}/occurrences", seriesId)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(organisation))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body),
                "POST /api/series/{id}/occurrences " + abbreviated(body));
    }

    @Provide
    Arbitrary<List<Tuple2<String, String>>> queryParameters() {
        Arbitrary<String> names = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("from", "to", "q", "series", "organisation", "status", "page", "size")),
                Tuple.of(1, HostileInput.strings()));
        Arbitrary<String> anyValue = Arbitraries.frequencyOf(
                Tuple.of(4, HostileInput.strings()),
                Tuple.of(2, Arbitraries.of("2027-02-16", "2000-01-01", "2100-12-31", "DRAFT", "PUBLISHED", "0", "100")),
                Tuple.of(1, Arbitraries.just(organisation)),
                Tuple.of(1, HostileInput.numbers().map(String::valueOf)));
        Arbitrary<Tuple2<String, String>> parameter = names.flatMap(name -> {
            Arbitrary<String> values =
                    switch (name) {
                        case "from", "to" -> Arbitraries.oneOf(HostileInput.dates(), anyValue);
                        case "page", "size" ->
                            Arbitraries.oneOf(HostileInput.numbers().map(String::valueOf), anyValue);
                        default -> anyValue;
                    };
            return values.map(value -> Tuple.of(name, value));
        });
        return parameter.list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> pathTemplates() {
        return Arbitraries.of(
                "/api/events/{}",
                "/api/events/{}/calendar.ics",
                "/api/series/{}",
                "/api/events/{}/",
                "/api/events/{}/calendar.ics/x",
                "/api/series/{}/occurrences",
                "/api/events/{}/publish",
                // Issue 17: the calendar feeds.
                "/api/series/{}/calendar.ics",
                "/api/series/{}/calendar.ics?lang={}",
                "/api/organisations/{}/calendar.ics",
                "/api/organisations/{}/calendar.ics?lang={}");
    }

    @Provide
    Arbitrary<String> segments() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of("{published}", "{series}")),
                Tuple.of(4, HostileInput.strings().map(PublicEndpointsPropertyTest::encode)),
                Tuple.of(
                        2,
                        Arbitraries.of(
                                "%2F",
                                "%2f..%2f",
                                "..",
                                "%2e%2e",
                                ".",
                                "%00",
                                "%0A",
                                "%0D%0A",
                                "%25",
                                "%25%32%46",
                                "%C0%AE",
                                "%E2%80%AE",
                                "%FF",
                                "a;b",
                                "a%3Bb",
                                "%5C",
                                "~",
                                "%20",
                                "+",
                                "%u002F",
                                "{published}%00",
                                "{published}.ics",
                                "{published}%2F..",
                                "{published}/../x")),
                Tuple.of(1, Arbitraries.strings().alpha().ofMinLength(500).ofMaxLength(5000)));
    }

    @Provide
    Arbitrary<String> callers() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just("organiser")),
                Tuple.of(1, Arbitraries.of("anyone", "another organiser", "bad token")));
    }

    @Provide
    Arbitrary<String> ifMatch() {
        return Arbitraries.oneOf(
                Arbitraries.of("", "*", "\"1\"", "\"2\"", "W/\"2\"", "\"99999999999999999999\"", "\"-1\"", "\"x\""),
                HostileInput.strings().filter(s -> s.chars().allMatch(c -> c >= 0x20 && c < 0x7F)));
    }

    @Provide
    Arbitrary<List<Mutation>> eventMutations() {
        return Arbitraries.oneOf(
                HostileInput.textMutations(List.of(
                        List.of("title", "fr"),
                        List.of("title", "en"),
                        List.of("description", "fr"),
                        List.of("people", 0, "name"),
                        List.of("people", 1, "affiliation"),
                        List.of("partners", 0),
                        List.of("tags", 0),
                        List.of("meeting", "meetingId"),
                        List.of("meeting", "passcode"),
                        List.of("registration", "reconfirmation", "before"),
                        List.of("registration", "reconfirmation", "deadline"))),
                anyEventMutations());
    }

    private static Arbitrary<List<Mutation>> anyEventMutations() {
        return HostileInput.mutations(List.of(
                List.of("title"),
                List.of("title", "fr"),
                List.of("title", "de"),
                List.of("description", "en"),
                List.of("defaultLanguage"),
                List.of("format"),
                List.of("start"),
                List.of("end"),
                List.of("timeZone"),
                List.of("seriesId"),
                List.of("venue"),
                List.of("venue", "name"),
                List.of("venue", "city"),
                List.of("meeting"),
                List.of("meeting", "url"),
                List.of("meeting", "passcode"),
                List.of("capacity"),
                List.of("registration", "opensAt"),
                List.of("registration", "closesAt"),
                List.of("registration", "waitlist"),
                List.of("registration", "reconfirmation"),
                List.of("registration", "reconfirmation", "before"),
                List.of("registration", "reconfirmation", "deadline"),
                List.of("registration", "reconfirmation", "releaseSilent"),
                List.of("interpretation", 0),
                List.of("people", 0, "name"),
                List.of("people", 0, "role"),
                List.of("people", 5),
                List.of("partners", 0),
                List.of("tags", 0),
                List.of("reminders", 0),
                List.of("questions"),
                List.of("questions", 0),
                List.of("questions", 0, "id"),
                List.of("questions", 0, "kind"),
                List.of("questions", 0, "label", "fr"),
                List.of("questions", 0, "choices"),
                List.of("questions", 0, "choices", 1, "id"),
                List.of("questions", 0, "choices", 1, "label", "es"),
                List.of("questions", 0, "required"),
                List.of("questions", 2, "kind"),
                List.of("version"),
                List.of("unknown")));
    }

    @Provide
    Arbitrary<List<Mutation>> seriesMutations() {
        return Arbitraries.oneOf(
                HostileInput.textMutations(List.of(
                        List.of("title", "fr"),
                        List.of("description", "en"),
                        List.of("eventDefaults", "people", 0, "name"),
                        List.of("eventDefaults", "partners", 0),
                        List.of("eventDefaults", "tags", 0))),
                anySeriesMutations());
    }

    private static Arbitrary<List<Mutation>> anySeriesMutations() {
        return HostileInput.mutations(List.of(
                List.of("title", "fr"),
                List.of("title", "es"),
                List.of("description"),
                List.of("defaultLanguage"),
                List.of("recurrence"),
                List.of("recurrence", "rule"),
                List.of("recurrence", "start"),
                List.of("recurrence", "durationMinutes"),
                List.of("recurrence", "timeZone"),
                List.of("eventDefaults"),
                List.of("eventDefaults", "format"),
                List.of("eventDefaults", "meeting", "url"),
                List.of("eventDefaults", "capacity"),
                List.of("eventDefaults", "registration", "opensAt"),
                List.of("eventDefaults", "registration", "reconfirmation"),
                List.of("eventDefaults", "registration", "reconfirmation", "before"),
                List.of("eventDefaults", "people", 0, "name"),
                List.of("eventDefaults", "partners", 0),
                List.of("eventDefaults", "reminders", 0),
                List.of("eventDefaults", "questions"),
                List.of("eventDefaults", "questions", 0, "kind"),
                List.of("eventDefaults", "questions", 0, "choices", 0, "label", "fr")));
    }

    @Provide
    Arbitrary<Map<String, Object>> occurrenceRequests() {
        Arbitrary<Object> values = Arbitraries.frequencyOf(
                Tuple.of(2, HostileInput.json(1)),
                Tuple.of(2, Arbitraries.integers().between(-2, 60).map(Object.class::cast)),
                Tuple.of(
                        2,
                        Arbitraries.of("2027-06-30", "2021-01-01", "2100-12-31", "2030-02-29", "+250000-01-01")
                                .map(Object.class::cast)));
        return Arbitraries.maps(Arbitraries.of("count", "until", "from", "other"), values)
                .ofMaxSize(3)
                .map(LinkedHashMap::new);
    }

    @Provide
    Arbitrary<UnaryOperator<String>> breakages() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(UnaryOperator.identity())), Tuple.of(2, HostileInput.breakages()));
    }

    /** A success, or a refusal as problem details: never a server error. */
    private void expectProblemOrSuccess(MockHttpServletRequestBuilder request, String what) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        int status = result.getResponse().getStatus();
        Statistics.label("status").collect(status);
        // Both outcomes must occur, or the generators explore only one side of the service.
        Statistics.label("outcome").collect(status / 100 == 2 ? "success" : "refusal");
        Statistics.label("outcome").coverage(coverage -> {
            coverage.check("success").count(c -> c > 0);
            coverage.check("refusal").count(c -> c > 0);
        });
        assertThat(status / 100).as(what + " answered " + status).isIn(2, 4);
        if (status >= 400) {
            assertThat(result.getResponse().getContentType())
                    .as(what + " answered " + status)
                    .startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            JsonNode problem = json.readTree(result.getResponse().getContentAsString());
            assertThat(problem.path("status").asInt()).as(what).isEqualTo(status);
            assertThat(problem.path("title").asString()).as(what).isNotBlank();
            // Absent means about:blank (RFC 9457 §4.2.1): the service-starter's answer to Spring MVC's
            // own refusals (a type mismatch, no such resource, a method not allowed).
            assertThat(problem.path("type").asString("about:blank"))
                    .as(what)
                    .matches("about:blank|https://museum-events\\.org/problems/[a-z-]+");
        }
    }

    private MockHttpServletRequestBuilder by(MockHttpServletRequestBuilder request, String caller) {
        return switch (caller) {
            case "organiser" -> request.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(organisation));
            case "another organiser" -> request.header(HttpHeaders.AUTHORIZATION, TestTokens.bearer("ocim"));
            case "bad token" -> request.header(HttpHeaders.AUTHORIZATION, "Bearer not.a.token");
            default -> request;
        };
    }

    private String id(MvcResult result) throws Exception {
        return json.readTree(result.getResponse().getContentAsString())
                .path("id")
                .asString();
    }

    private static Map<String, Object> series() {
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("title", Map.of("fr", "Musées, solidarités", "en", "Solidarity, museums"));
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
                Map.of(
                        "format",
                        "ONLINE",
                        "meeting",
                        Map.of("url", "https://zoom.example/j/1", "passcode", "1"),
                        "people",
                        List.of(Map.of("name", "Estelle Guille des Buttes", "role", "MODERATOR")),
                        "reminders",
                        List.of("P1D")));
        return series;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String lenientlyDecoded(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return value;
        }
    }

    private static String abbreviated(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "… (" + body.length() + " characters)" : body;
    }
}
