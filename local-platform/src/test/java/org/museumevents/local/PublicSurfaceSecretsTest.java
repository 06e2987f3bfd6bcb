package org.museumevents.local;

import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The product's promise: a meeting's URL, id and passcode go to confirmed registrants by email,
 * never to the public. On the real platform an organiser creates a series, its occurrences and
 * events whose every secret field carries a marker unique to this run; then every GET an anonymous
 * caller can make, discovered at run time (the services' OpenAPI documents and the links of the web
 * pages) so that a new route is covered without editing this test, must carry the marker nowhere,
 * neither in the body nor in a header, whatever the status. Events never published (a draft, and a
 * draft cancelled without ever being published) stay as invisible as if they did not exist.
 */
@Tag("platform")
class PublicSurfaceSecretsTest {

    /** The crawl of the web pages stops here, so a page listing without end cannot stall the build. */
    private static final int MAX_CRAWLED_PAGES = 300;

    /** A path with several variables tries this many combinations of their ids, at most. */
    private static final int MAX_PATHS_PER_OPERATION = 60;

    private static final Duration WALK_BUDGET = Duration.ofSeconds(90);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final List<String> LANGUAGES = List.of("fr", "en", "es");
    private static final String ORGANISATION = "icom-france";
    private static final String MALFORMED_ID = "not-a-uuid";

    private static final Pattern LINK =
            Pattern.compile("\\b(?:href|src)\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern FORM =
            Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern SELECT =
            Pattern.compile("<select\\b([^>]*)>(.*?)</select>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern OPTION = Pattern.compile("<option\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ABSOLUTE_URL = Pattern.compile("https?://[^\\s\"'<>\\\\]+");

    static Platform platform;
    static ExecutorService workers;

    final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER) // each hop is checked, Location included
            .build();
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void start() {
        platform = Platform.shared();
        // Two cores: a few calls in flight keep the gateway busy without starving the services.
        workers = Executors.newFixedThreadPool(4);
    }

    @AfterAll
    static void stopWorkers() {
        workers.shutdownNow();
    }

    @Test
    void noAnonymousGetShowsMeetingSecretsOrNeverPublishedEvents() throws Exception {
        long began = System.nanoTime();
        Fixture data = createData();
        Walk walk = new Walk(data, System.nanoTime() + WALK_BUDGET.toNanos());

        walk.callAll(walk.operationsOfEveryApiDocument());
        walk.crawl(seedsAndExtras(data));

        List<String> controls = positiveControls(data, walk);
        long seconds = Duration.ofNanos(System.nanoTime() - began).toSeconds();
        String summary = walk.summary(seconds);
        System.out.println(summary);
        // Every URL walked with its status, for a reviewer to see what the walk covered.
        Files.write(Path.of("target", "public-surface-walk.txt"), walk.walked());

        StringBuilder report = new StringBuilder();
        section(report, "Meeting secrets (marker " + data.marker + ") reached anonymous callers at", walk.leaks);
        section(report, "Never-published events showed to anonymous callers at", walk.exposures);
        section(report, "Not walked (transport error, timeout or time budget spent)", walk.unwalked);
        section(report, "The walk did not reach what it must cover", controls);
        assertThat(report.toString()).as(summary).isEmpty();
    }

    // --- Step 1: data with a marker in every secret field -------------------------------------

    /** What the organiser created; every meeting field of it carries {@code marker}. */
    record Fixture(
            String organiserToken,
            String marker,
            List<String> secretValues,
            String hiddenTitle,
            String publicWord,
            String draftWord,
            String seriesId,
            String publishedId,
            String publishedOccurrenceId,
            List<String> draftOccurrenceIds,
            String draftId,
            String cancelledDraftId,
            String registrationId,
            String registrationToken,
            String registrantEmail) {

        List<String> eventIds() {
            List<String> ids = new ArrayList<>(List.of(publishedId, publishedOccurrenceId));
            ids.addAll(draftOccurrenceIds);
            ids.add(draftId);
            ids.add(cancelledDraftId);
            return ids;
        }

        /** Events an anonymous caller must never learn of. */
        List<String> neverPublishedIds() {
            List<String> ids = new ArrayList<>(draftOccurrenceIds);
            ids.add(draftId);
            ids.add(cancelledDraftId);
            return ids;
        }

        /** The ids a path variable of a kind takes: the kind is the collection it names. */
        List<String> idsOf(String kind) {
            return switch (kind) {
                case "events", "event" -> eventIds();
                case "series" -> List.of(seriesId);
                case "registrations", "registration" -> List.of(registrationId);
                default -> {
                    List<String> all = new ArrayList<>(eventIds());
                    all.add(seriesId);
                    all.add(registrationId);
                    yield all;
                }
            };
        }
    }

    private Fixture createData() throws Exception {
        String organiser = token(ORGANISATION);
        // Letters and digits only: the marker reads the same URL-encoded, JSON- or HTML-escaped.
        String marker = "Mtg" + random();
        String hiddenTitle = "Unpublished" + random();
        String publicWord = "audit" + random().toLowerCase(Locale.ROOT);
        String draftWord = "backstage" + random().toLowerCase(Locale.ROOT);
        List<String> secretValues = new ArrayList<>();

        String series =
                """
                {"title": {"en": "Audit series %s", "fr": "Série d'audit %s"},
                 "description": {"en": "A series whose defaults hold join details."},
                 "recurrence": {"rule": "FREQ=WEEKLY", "start": "%s", "durationMinutes": 60, "timeZone": "Europe/Paris"},
                 "eventDefaults": {"format": "ONLINE", "meeting": %s, "capacity": 30, "reminders": ["P1D"]}}"""
                        .formatted(
                                publicWord,
                                publicWord,
                                LocalDate.now().plusDays(14).atTime(18, 0),
                                meeting(marker, "series", secretValues));
        String seriesId = field(send("POST", "/api/series", organiser, series, 201), "id");

        JsonNode occurrences = json.readTree(
                send("POST", "/api/series/" + seriesId + "/occurrences", organiser, "{\"count\": 3}", 201));
        List<String> occurrenceIds = new ArrayList<>();
        occurrences.path("events").forEach(e -> occurrenceIds.add(e.path("id").asString()));
        assertThat(occurrenceIds).as("occurrences of the series").hasSize(3);
        String publishedOccurrenceId = occurrenceIds.get(0);
        send("POST", "/api/events/" + publishedOccurrenceId + "/publish", organiser, null, 200);

        String publishedId = field(
                send(
                        "POST",
                        "/api/events",
                        organiser,
                        event("Audit event " + publicWord, "Open to all.", meeting(marker, "event", secretValues), 30),
                        201),
                "id");
        send("POST", "/api/events/" + publishedId + "/publish", organiser, null, 200);

        String draftId = field(
                send(
                        "POST",
                        "/api/events",
                        organiser,
                        event(hiddenTitle, "Draft " + draftWord, meeting(marker, "draft", secretValues), 45),
                        201),
                "id");
        String cancelledDraftId = field(
                send(
                        "POST",
                        "/api/events",
                        organiser,
                        event(
                                hiddenTitle + " cancelled",
                                "Never published " + draftWord,
                                meeting(marker, "cancelled", secretValues),
                                60),
                        201),
                "id");
        send("POST", "/api/events/" + cancelledDraftId + "/cancel", organiser, null, 200);

        // registration-service hears of the published event over Kafka; registering before would be a 404.
        awaitStatus("/api/events/" + publishedId + "/availability", 200);
        String email = "audit-" + random().toLowerCase(Locale.ROOT) + "@example.org";
        JsonNode registered = json.readTree(send(
                "POST",
                "/api/events/" + publishedId + "/registrations",
                null,
                """
                {"name": "Audit Registrant", "email": "%s", "language": "en", "consent": true}"""
                        .formatted(email),
                201));
        assertThat(registered.path("status").asString()).isEqualTo("CONFIRMED");

        return new Fixture(
                organiser,
                marker,
                List.copyOf(secretValues),
                hiddenTitle,
                publicWord,
                draftWord,
                seriesId,
                publishedId,
                publishedOccurrenceId,
                List.copyOf(occurrenceIds.subList(1, occurrenceIds.size())),
                draftId,
                cancelledDraftId,
                registered.path("id").asString(),
                registered.path("token").asString(),
                email);
    }

    /** A meeting whose every field carries the marker, as JSON; its values join {@code secretValues}. */
    private static String meeting(String marker, String where, List<String> secretValues) {
        String url = "https://zoom.example/j/" + marker + where + "?pwd=" + marker + "pwd&uname=" + where;
        String meetingId = marker + " " + where + " 1023";
        String passcode = marker + "-" + where;
        secretValues.addAll(List.of(url, meetingId, passcode));
        return """
                {"url": "%s", "meetingId": "%s", "passcode": "%s"}"""
                .formatted(url, meetingId, passcode);
    }

    private static String event(String title, String description, String meeting, int daysAhead) {
        LocalDate day = LocalDate.now().plusDays(daysAhead);
        return """
                {"title": {"en": "%s"}, "description": {"en": "%s"}, "defaultLanguage": "en", "format": "ONLINE",
                 "start": "%s", "end": "%s", "timeZone": "Europe/Paris", "meeting": %s, "capacity": 50,
                 "reminders": ["P1D"]}"""
                .formatted(title, description, day.atTime(13, 0), day.atTime(14, 30), meeting);
    }

    // --- Step 2 (b, c): where the crawl starts, and the fixed extras ---------------------------

    private List<String> seedsAndExtras(Fixture data) {
        List<String> paths = new ArrayList<>(List.of(
                "/",
                "/privacy",
                "/login",
                "/registrations/" + data.registrationId + "?token=" + data.registrationToken,
                "/registrations/" + data.registrationId + "/cancel?token=" + data.registrationToken,
                "/registrations/" + data.registrationId,
                "/registrations/" + data.registrationId + "?token=wrong-token",
                "/series/" + data.seriesId,
                "/?series=" + data.seriesId,
                "/?q=" + data.publicWord,
                "/?q=" + data.draftWord,
                "/?organisation=" + ORGANISATION,
                // The fixed extras: documentation, operations endpoints, error pages.
                "/v3/api-docs",
                "/v3/api-docs/swagger-config",
                "/v3/api-docs/catalog",
                "/v3/api-docs/registration",
                "/v3/api-docs/notification",
                "/swagger-ui.html",
                "/swagger-ui/index.html",
                "/actuator",
                "/actuator/health",
                "/actuator/info",
                "/actuator/prometheus",
                "/no-such-page-" + UUID.randomUUID(),
                "/events/" + MALFORMED_ID,
                "/events/" + UUID.randomUUID(),
                "/registrations/" + MALFORMED_ID + "?token=" + data.registrationToken,
                "/api/no-such-route",
                "/api/events/" + MALFORMED_ID,
                "/api/events/" + MALFORMED_ID + "/calendar.ics",
                "/api/series/" + MALFORMED_ID,
                "/api/registrations/" + MALFORMED_ID + "?token=" + data.registrationToken));
        for (String id : data.eventIds()) {
            paths.add("/events/" + id);
            paths.add("/events/" + id + "/register");
            paths.add("/events/" + id + "/registration");
            paths.add("/api/events/" + id + "/calendar.ics");
        }
        return paths;
    }

    // --- Positive controls: the marker is really there, where it belongs ----------------------

    private List<String> positiveControls(Fixture data, Walk walk) throws Exception {
        List<String> problems = new ArrayList<>();
        for (String path : List.of("/api/events/" + data.publishedId, "/api/series/" + data.seriesId)) {
            HttpResponse<String> own = get(path, data.organiserToken);
            if (own.statusCode() != 200 || !own.body().contains(data.marker)) {
                problems.add("the organiser's " + path + " does not show the meeting (" + own.statusCode()
                        + "): the marker would prove nothing");
            }
        }
        if (!emailTo(data.registrantEmail).contains(data.marker)) {
            problems.add("the confirmed registrant's email does not carry the meeting");
        }
        // The anonymous walk saw the data it is about, with success, through both surfaces.
        for (String path : List.of(
                "/api/events/" + data.publishedId,
                "/api/events/" + data.publishedOccurrenceId,
                "/api/series",
                "/api/series/" + data.seriesId,
                "/api/registrations/" + data.registrationId + "?token=" + data.registrationToken,
                "/events/" + data.publishedId,
                "/registrations/" + data.registrationId + "?token=" + data.registrationToken)) {
            if (walk.statusOf(path) != 200) {
                problems.add("GET " + path + " answered " + walk.statusOf(path) + ", not 200");
            }
        }
        for (String path : List.of("/api/events/" + data.cancelledDraftId, "/events/" + data.cancelledDraftId)) {
            if (walk.statusOf(path) != 404) {
                walk.exposures.add("GET " + path + " answered " + walk.statusOf(path)
                        + " for the draft cancelled before publication, not 404");
            }
        }
        walk.apiOperationsPerDocument.forEach((doc, count) -> {
            if (count == 0 && !doc.equals("/v3/api-docs")) {
                problems.add(doc + " described no GET operation");
            }
        });
        for (String doc : List.of("/v3/api-docs/catalog", "/v3/api-docs/registration", "/v3/api-docs/notification")) {
            if (!walk.apiOperationsPerDocument.containsKey(doc)) {
                problems.add(doc + " was not read");
            }
        }
        return problems;
    }

    private String emailTo(String recipient) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> emails = http.send(
                    HttpRequest.newBuilder(URI.create(platform.mailUrl("/api/emails")))
                            .timeout(CALL_TIMEOUT)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode email : json.readTree(emails.body())) {
                if (email.path("to").toString().contains(recipient)) {
                    return email.toString();
                }
            }
            Thread.sleep(500);
        }
        return "";
    }

    // --- Step 2 and 3: the walk ----------------------------------------------------------------

    /** One anonymous GET: a path on the gateway's origin (with its query) and an optional Accept. */
    record Call(String path, String accept) {

        @Override
        public String toString() {
            return "GET " + path + (accept == null ? "" : " [Accept: " + accept + "]");
        }
    }

    record Answer(Call call, int status, String contentType, String headers, String body, String error) {}

    /** A form a secret may take in a response, and the name the report gives it. */
    record Needle(String name, String text, boolean ignoreCase) {}

    final class Walk {

        final Fixture data;
        final long deadline;
        final List<Needle> needles = new ArrayList<>();
        final Map<Call, Answer> answers = new LinkedHashMap<>();
        final Map<String, Integer> apiOperationsPerDocument = new TreeMap<>();
        final List<String> leaks = new ArrayList<>();
        final List<String> exposures = new ArrayList<>();
        final List<String> unwalked = new ArrayList<>();
        int apiCalls;
        int crawledPages;

        Walk(Fixture data, long deadline) {
            this.data = data;
            this.deadline = deadline;
            needles.add(new Needle("the marker", data.marker, true));
            for (String secret : data.secretValues) {
                needles.add(new Needle("URL-encoded secret", URLEncoder.encode(secret, StandardCharsets.UTF_8), true));
                needles.add(new Needle("JSON-escaped secret", jsonEscaped(secret), true));
                needles.add(new Needle("HTML-escaped secret", HtmlUtils.htmlEscape(secret), true));
            }
            // Cookies and tokens carry base64: the marker at each of the three alignments.
            for (String encoded : base64Forms(data.marker)) {
                needles.add(new Needle("base64 of the marker", encoded, false));
            }
        }

        // (a) every GET operation of every OpenAPI document the gateway serves

        List<Call> operationsOfEveryApiDocument() throws Exception {
            Set<String> documents = new LinkedHashSet<>(
                    List.of("/v3/api-docs/catalog", "/v3/api-docs/registration", "/v3/api-docs/notification"));
            // The Swagger UI's list names every service document, so a fourth service joins by itself.
            Answer config = visit(new Call("/v3/api-docs/swagger-config", null));
            if (config.status() == 200) {
                json.readTree(config.body())
                        .path("urls")
                        .forEach(url -> documents.add(url.path("url").asString()));
            }
            documents.add("/v3/api-docs"); // the gateway's own, if it describes any
            List<Call> calls = new ArrayList<>();
            for (String document : documents) {
                Answer answer = visit(new Call(document, null));
                if (answer.status() != 200 || !answer.body().trim().startsWith("{")) {
                    continue;
                }
                JsonNode api = json.readTree(answer.body());
                int operations = 0;
                for (Map.Entry<String, JsonNode> path : api.path("paths").properties()) {
                    JsonNode get = path.getValue().path("get");
                    if (get.isObject()) {
                        operations++;
                        calls.addAll(callsOf(api, path.getKey(), path.getValue(), get));
                    }
                }
                apiOperationsPerDocument.put(document, operations);
            }
            apiCalls = new LinkedHashSet<>(calls).size();
            return calls;
        }

        private List<Call> callsOf(JsonNode api, String template, JsonNode pathItem, JsonNode operation) {
            List<JsonNode> parameters = new ArrayList<>();
            pathItem.path("parameters").forEach(p -> parameters.add(resolve(api, p)));
            operation.path("parameters").forEach(p -> parameters.add(resolve(api, p)));

            // Paths: every combination of the ids of each variable's kind, then a malformed and an unknown id.
            List<String> paths = List.of(template);
            for (JsonNode parameter : parameters) {
                if (!"path".equals(parameter.path("in").asString())) {
                    continue;
                }
                String name = parameter.path("name").asString();
                List<String> values = new ArrayList<>(pathValues(template, name, parameter.path("schema")));
                values.add(MALFORMED_ID);
                values.add(UUID.randomUUID().toString());
                List<String> expanded = new ArrayList<>();
                for (String path : paths) {
                    for (String value : values) {
                        expanded.add(path.replace("{" + name + "}", value));
                    }
                }
                paths = expanded.subList(0, Math.min(expanded.size(), MAX_PATHS_PER_OPERATION));
            }

            // Queries: none; the required ones (and the registrant's token) alone; then with each value of
            // each other parameter in turn, so that one refused value (status=DRAFT) hides no other;
            // then with every parameter at its first value.
            Map<String, List<String>> values = new LinkedHashMap<>();
            Map<String, String> base = new LinkedHashMap<>();
            for (JsonNode parameter : parameters) {
                if ("query".equals(parameter.path("in").asString())) {
                    String name = parameter.path("name").asString();
                    List<String> candidates = queryValues(name, parameter.path("schema"));
                    values.put(name, candidates);
                    if (parameter.path("required").asBoolean(false) || name.equals("token")) {
                        base.put(name, candidates.get(0));
                    }
                }
            }
            List<Map<String, String>> queries = new ArrayList<>();
            queries.add(Map.of()); // without even the token: the registrant's view must not fall back to a public one
            queries.add(base);
            values.forEach((name, candidates) -> candidates.forEach(value -> {
                Map<String, String> variant = new LinkedHashMap<>(base);
                variant.put(name, value);
                queries.add(variant);
            }));
            Map<String, String> all = new LinkedHashMap<>(base);
            values.forEach((name, candidates) -> all.putIfAbsent(name, candidates.get(0)));
            queries.add(all);

            Set<String> accepts = new LinkedHashSet<>();
            operation
                    .path("responses")
                    .forEach(response -> accepts.addAll(response.path("content").propertyNames()));

            List<Call> calls = new ArrayList<>();
            for (String path : paths) {
                for (Map<String, String> query : queries) {
                    UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
                    query.forEach(uri::queryParam);
                    String target = uri.encode().build().toUriString();
                    calls.add(new Call(target, null));
                    if (query == base && accepts.size() > 1) {
                        accepts.forEach(accept -> calls.add(new Call(target, accept)));
                    }
                }
            }
            return calls;
        }

        private JsonNode resolve(JsonNode api, JsonNode parameter) {
            String ref = parameter.path("$ref").asString("");
            if (ref.startsWith("#/components/parameters/")) {
                return api.path("components").path("parameters").path(ref.substring(ref.lastIndexOf('/') + 1));
            }
            return parameter;
        }

        /** {@code {eventId}} or the {@code {id}} after {@code events}: event ids; unknown kinds take every id. */
        private List<String> pathValues(String template, String name, JsonNode schema) {
            if (!"uuid".equals(schema.path("format").asString(""))
                    && (name.contains("slug") || name.contains("organisation"))) {
                return List.of(ORGANISATION);
            }
            String kind = name.endsWith("Id") ? name.substring(0, name.length() - 2) : null;
            if (kind == null) {
                String[] segments = template.substring(0, template.indexOf("{" + name + "}"))
                        .split("/");
                kind = segments.length == 0 ? "" : segments[segments.length - 1];
            }
            return data.idsOf(kind);
        }

        private List<String> queryValues(String name, JsonNode schema) {
            List<String> enumValues = new ArrayList<>();
            schema.path("enum").forEach(v -> enumValues.add(v.asString()));
            if (!enumValues.isEmpty()) {
                return enumValues;
            }
            // OpenAPI 3.1 may write the type as a list.
            JsonNode typeNode = schema.path("type");
            String type = typeNode.isArray() ? typeNode.path(0).asString("") : typeNode.asString("");
            String format = schema.path("format").asString("");
            if (name.equals("token")) {
                return List.of(data.registrationToken, "wrong-token");
            }
            if (name.equals("lang")) {
                return LANGUAGES;
            }
            if (format.equals("date")) {
                return List.of(
                        LocalDate.now().toString(), LocalDate.now().plusYears(1).toString());
            }
            if (format.equals("date-time")) {
                return List.of(LocalDate.now().atStartOfDay() + "Z");
            }
            if (format.equals("uuid")) {
                return data.idsOf(name);
            }
            if (type.equals("integer") || type.equals("number")) {
                if (name.equals("size") || name.equals("limit")) {
                    return List.of(schema.path("maximum").asString("100"));
                }
                return List.of(
                        schema.path("default").asString(schema.path("minimum").asString("0")));
            }
            if (type.equals("boolean")) {
                return List.of("true", "false");
            }
            if (name.contains("organisation")) {
                return List.of(ORGANISATION);
            }
            // Search words: the published events' word, and the drafts' (which must find nothing).
            return List.of(data.publicWord, data.draftWord);
        }

        // (b) the crawl of the web pages, and (c) the fixed extras among its seeds

        void crawl(List<String> seeds) {
            List<String> frontier = new ArrayList<>(seeds);
            Set<String> queued = new LinkedHashSet<>(seeds);
            while (!frontier.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    frontier.forEach(path -> unwalked.add("GET " + path + ": time budget spent"));
                    return;
                }
                List<Answer> wave =
                        callAll(frontier.stream().map(p -> new Call(p, null)).toList());
                frontier = new ArrayList<>();
                for (Answer answer : wave) {
                    for (String link : linksOf(answer)) {
                        if (crawledPages < MAX_CRAWLED_PAGES && queued.add(link)) {
                            crawledPages++;
                            frontier.add(link);
                        }
                    }
                }
            }
        }

        /** Same-origin links of a page and its GET forms, its redirect, and its language variants. */
        private List<String> linksOf(Answer answer) {
            List<String> found = new ArrayList<>();
            URI base = URI.create(platform.gatewayUrl(answer.call().path()));
            Matcher location = Pattern.compile("(?im)^location: (.+)$").matcher(answer.headers());
            if (location.find()) {
                found.add(location.group(1).trim());
            }
            boolean html = answer.contentType().startsWith("text/html");
            if (html) {
                Matcher link = LINK.matcher(answer.body());
                while (link.find()) {
                    found.add(HtmlUtils.htmlUnescape(link.group(1)));
                }
                found.addAll(getFormSubmissions(answer.body()));
                if (answer.status() == 200) {
                    for (String language : LANGUAGES) {
                        found.add(
                                UriComponentsBuilder.fromUriString(answer.call().path())
                                        .replaceQueryParam("lang", language)
                                        .build()
                                        .toUriString());
                    }
                }
            } else if (answer.contentType().contains("json")
                    || answer.contentType().startsWith("text/")) {
                Matcher url = ABSOLUTE_URL.matcher(answer.body());
                while (url.find()) {
                    found.add(url.group());
                }
            }
            List<String> sameOrigin = new ArrayList<>();
            for (String href : found) {
                if (href.isBlank() || href.startsWith("#")) {
                    continue;
                }
                URI target;
                try {
                    target = base.resolve(href.trim());
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (!"http".equals(target.getScheme())
                        || !"localhost".equals(target.getHost())
                        || target.getPort() != platform.gateway
                        || target.getRawPath() == null
                        || target.getRawPath().contains("logout")) {
                    continue;
                }
                sameOrigin.add(target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
            }
            return sameOrigin;
        }

        /** A GET form submitted empty, then with each value of each of its fields in turn. */
        private List<String> getFormSubmissions(String page) {
            List<String> submissions = new ArrayList<>();
            Matcher form = FORM.matcher(page);
            while (form.find()) {
                String attributes = form.group(1);
                if (!"get".equalsIgnoreCase(attribute(attributes, "method"))) {
                    continue; // posts change state; the crawl only reads
                }
                String action = HtmlUtils.htmlUnescape(attribute(attributes, "action"));
                Map<String, List<String>> fields = new LinkedHashMap<>();
                Matcher input = INPUT.matcher(form.group(2));
                while (input.find()) {
                    String name = attribute(input.group(1), "name");
                    if (!name.isEmpty()) {
                        fields.put(name, inputValues(name, attribute(input.group(1), "type")));
                    }
                }
                Matcher select = SELECT.matcher(form.group(2));
                while (select.find()) {
                    List<String> options = new ArrayList<>();
                    Matcher option = OPTION.matcher(select.group(2));
                    while (option.find()) {
                        options.add(HtmlUtils.htmlUnescape(attribute(option.group(1), "value")));
                    }
                    fields.put(attribute(select.group(1), "name"), options);
                }
                submissions.add(action.isEmpty() ? "/" : action);
                fields.forEach((name, values) -> values.stream()
                        .filter(value -> !value.isEmpty())
                        .forEach(value ->
                                submissions.add(UriComponentsBuilder.fromUriString(action.isEmpty() ? "/" : action)
                                        .queryParam(name, value)
                                        .encode()
                                        .build()
                                        .toUriString())));
            }
            return submissions;
        }

        private List<String> inputValues(String name, String type) {
            return switch (type.toLowerCase(Locale.ROOT)) {
                case "date" ->
                    List.of(
                            LocalDate.now().toString(),
                            LocalDate.now().plusYears(1).toString());
                case "hidden", "checkbox", "radio", "submit" -> List.of();
                default -> name.equals("lang") ? LANGUAGES : List.of(data.publicWord, data.draftWord);
            };
        }

        // calls and checks

        Answer visit(Call call) {
            callAll(List.of(call));
            return answers.getOrDefault(call, new Answer(call, -1, "", "", "", "not walked"));
        }

        List<Answer> callAll(List<Call> all) {
            Set<Call> calls = new LinkedHashSet<>(all);
            List<Callable<Answer>> tasks = new ArrayList<>();
            for (Call call : calls) {
                if (!answers.containsKey(call)) {
                    tasks.add(() -> call(call));
                }
            }
            List<Answer> wave = new ArrayList<>();
            try {
                long left = Math.max(1, deadline - System.nanoTime());
                for (Future<Answer> future : workers.invokeAll(tasks, left, TimeUnit.NANOSECONDS)) {
                    if (!future.isCancelled()) {
                        wave.add(future.get());
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            for (Call call : calls) {
                if (!answers.containsKey(call)
                        && wave.stream().noneMatch(a -> a.call().equals(call))) {
                    unwalked.add(call + ": time budget spent");
                }
            }
            for (Answer answer : wave) {
                answers.put(answer.call(), answer);
                if (answer.error() != null) {
                    unwalked.add(answer.call() + ": " + answer.error());
                } else {
                    check(answer);
                }
            }
            return wave;
        }

        private Answer call(Call call) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.gatewayUrl(call.path())))
                    .timeout(CALL_TIMEOUT);
            if (call.accept() != null) {
                request.header("Accept", call.accept());
            }
            try {
                HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                return new Answer(
                        call,
                        response.statusCode(),
                        response.headers().firstValue("Content-Type").orElse(""),
                        headerLines(response.headers()),
                        new String(response.body(), StandardCharsets.UTF_8),
                        null);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                return new Answer(call, -1, "", "", "", e.getClass().getSimpleName() + " " + e.getMessage());
            }
        }

        /** One line per URL and kind of fault, naming each part of the answer at fault. */
        private void check(Answer answer) {
            List<String> secrets = new ArrayList<>();
            List<String> shown = new ArrayList<>();
            for (String part : List.of("body", "headers")) {
                String text = part.equals("body") ? answer.body() : answer.headers();
                String upper = text.toUpperCase(Locale.ROOT);
                for (Needle needle : needles) {
                    int at = needle.ignoreCase()
                            ? upper.indexOf(needle.text().toUpperCase(Locale.ROOT))
                            : text.indexOf(needle.text());
                    if (at >= 0) {
                        secrets.add(part + " has " + needle.name() + ": …" + around(text, at) + "…");
                        break;
                    }
                }
                if (upper.contains(data.hiddenTitle.toUpperCase(Locale.ROOT))) {
                    shown.add(part + " shows a never-published event's title");
                }
            }
            boolean success = answer.status() >= 200 && answer.status() < 300;
            for (String id : data.neverPublishedIds()) {
                if (answer.call().path().contains(id)) {
                    if (success) {
                        shown.add("answers for never-published event " + id);
                    }
                } else if (answer.body().contains(id) || answer.headers().contains(id)) {
                    shown.add("names never-published event " + id);
                }
            }
            String where = answer.call() + " -> " + answer.status() + ": ";
            if (!secrets.isEmpty()) {
                leaks.add(where + String.join("; ", secrets));
            }
            if (!shown.isEmpty()) {
                exposures.add(where + String.join("; ", shown));
            }
        }

        int statusOf(String path) {
            Answer answer = answers.get(new Call(path, null));
            return answer == null ? -1 : answer.status();
        }

        List<String> walked() {
            return answers.values().stream()
                    .map(a -> a.status() + " " + a.call())
                    .toList();
        }

        String summary(long seconds) {
            Map<Integer, Integer> statuses = new TreeMap<>();
            answers.values().forEach(a -> statuses.merge(a.status(), 1, Integer::sum));
            String serverErrors = answers.values().stream()
                    .filter(a -> a.status() >= 500)
                    .map(a -> "\n  " + a.call() + " -> " + a.status())
                    .collect(joining());
            return "Walked " + answers.size() + " anonymous GETs (" + apiCalls + " from the OpenAPI operations "
                    + apiOperationsPerDocument + ", " + crawledPages + " pages found by the crawl) in " + seconds
                    + " s; statuses " + statuses + "; leaks " + leaks.size() + ", never-published shown "
                    + exposures.size() + ", not walked " + unwalked.size()
                    + (serverErrors.isEmpty() ? "" : "; 5xx:" + serverErrors);
        }
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static void section(StringBuilder report, String title, Collection<String> lines) {
        if (!lines.isEmpty()) {
            report.append(title).append(" (").append(lines.size()).append("):\n");
            lines.stream()
                    .distinct()
                    .forEach(line -> report.append("  ").append(line).append('\n'));
        }
    }

    private static String headerLines(HttpHeaders headers) {
        return headers.map().entrySet().stream()
                .map(e -> e.getKey() + ": " + String.join(", ", e.getValue()))
                .collect(joining("\n"));
    }

    private static String attribute(String attributes, String name) {
        Matcher value = Pattern.compile("\\b" + name + "\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE)
                .matcher(attributes);
        return value.find() ? value.group(1) : "";
    }

    private static String around(String text, int at) {
        return text.substring(Math.max(0, at - 40), Math.min(text.length(), at + 60))
                .replaceAll("\\s+", " ");
    }

    private static String jsonEscaped(String value) {
        return value.replace("/", "\\/").replace("&", "\\u0026").replace("=", "\\u003d");
    }

    /** The part of the base64 of {@code text} that does not depend on what precedes it, at each alignment. */
    private static List<String> base64Forms(String text) {
        List<String> forms = new ArrayList<>();
        for (int offset = 0; offset < 3; offset++) {
            byte[] bytes = ("..".substring(0, offset) + text).getBytes(StandardCharsets.UTF_8);
            String encoded = Base64.getEncoder().encodeToString(bytes);
            int from = offset == 0 ? 0 : 4;
            int to = (bytes.length / 3) * 4;
            forms.add(encoded.substring(from, to));
        }
        return forms;
    }

    private static String random() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase(Locale.ROOT);
    }

    private String token(String client) throws Exception {
        return new PlatformApi(platform).token(client);
    }

    private String send(String method, String path, String bearer, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.gatewayUrl(path)))
                .timeout(CALL_TIMEOUT)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.body())
                .isEqualTo(expected);
        return response.body();
    }

    private String field(String body, String name) {
        return json.readTree(body).path(name).asString();
    }

    private HttpResponse<String> get(String path, String bearer) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(platform.gatewayUrl(path))).timeout(CALL_TIMEOUT);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitStatus(String path, int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (get(path, null).statusCode() != status) {
            assertThat(System.nanoTime()).as(path + " never answered " + status).isLessThan(deadline);
            Thread.sleep(300);
        }
    }
}
