package org.museumevents.registration.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.museumevents.registration.Api;
import org.museumevents.registration.Api.Response;
import org.museumevents.registration.KafkaProbe;
import org.museumevents.registration.RegistrationIntegrationTest;
import org.museumevents.registration.TestCatalog;
import org.museumevents.registration.event.EventSnapshot;
import org.museumevents.registration.event.Question;
import org.museumevents.registration.event.Question.Choice;
import org.museumevents.registration.event.Question.Kind;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Registration questions (issue 15) end to end on the real servers: the catalog's questions arrive
 * on {@code catalog.events} (its own example message with {@code questions} added), registrations
 * answer them, the answers are stored and shown to the registrant, exported to the organiser (JSON,
 * CSV, also after a question is removed) and counted; answers that do not fit are refused naming
 * {@code answers.<questionId>}; erasure forgets them; and they never leave the service, neither on
 * {@code registration.events} nor in the logs.
 */
@RegistrationIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class RegistrationQuestionsTest {

    private static final String ICOM = TestTokens.bearer("icom-france");
    private static final String CATALOG_TOPIC = "catalog.events";
    private static final Path CATALOG_MESSAGES = Path.of("../catalog-service/src/test/resources/messages");

    /** Every kind, as the catalog sends them; labels in various languages, one starting a formula. */
    private static final String QUESTIONS =
            """
            [
              {"id": "job", "kind": "TEXT", "label": {"fr": "Votre métier", "en": "Your job"}, "choices": [],
               "required": true},
              {"id": "why", "kind": "LONG_TEXT", "label": {"fr": "Pourquoi venir ?"}, "choices": [], "required": false},
              {"id": "size", "kind": "SINGLE_CHOICE", "label": {"fr": "Taille du musée", "en": "Museum size"},
               "choices": [{"id": "small", "label": {"fr": "Petit", "en": "Small"}},
                           {"id": "large", "label": {"fr": "Grand", "en": "=Large"}}], "required": false},
              {"id": "topics", "kind": "MULTIPLE_CHOICE", "label": {"es": "Temas"},
               "choices": [{"id": "c1", "label": {"es": "Colecciones"}}, {"id": "c2", "label": {"es": "Público"}},
                           {"id": "c3", "label": {"es": "Digital", "fr": "Numérique"}}], "required": false},
              {"id": "member", "kind": "YES_NO", "label": {"en": "+ICOM member?"}, "choices": [], "required": false},
              {"id": "country", "kind": "COUNTRY", "label": {"en": "Country"}, "choices": [], "required": false}
            ]""";

    private static final String ALL_KINDS =
            """
            {"job": "Curator-of-secrets", "why": "Line one\\nLine two, \\"quoted\\"", "size": "large",
             "topics": ["c3", "c1"], "member": true, "country": "GR"}""";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    PersonalDataPurge purge;

    Api api;

    @BeforeEach
    void api() {
        api = Api.onPort(port);
    }

    @Test
    void catalogQuestionsAreAnsweredStoredShownExportedAndCountedButNeverSent(CapturedOutput output) throws Exception {
        String kafka = context.getEnvironment().getProperty("spring.kafka.bootstrap-servers");
        UUID eventId = UUID.randomUUID();
        ObjectNode published = catalogMessage("EventPublished", eventId, 2);
        ((ObjectNode) published.get("event")).set("questions", json.readTree(QUESTIONS));
        try (KafkaProbe out = new KafkaProbe(kafka, "registration.events")) {
            sendToCatalogTopic(published);
            await().atMost(Duration.ofSeconds(60)).until(() -> version(eventId) == 2);

            JsonNode a = registered(register(eventId, "a", ALL_KINDS));
            JsonNode b = registered(register(
                    eventId,
                    "b",
                    "{\"job\": \"  Educator \", \"size\": \"small\", \"member\": false, \"country\": \"FR\"}"));
            JsonNode c = registered(register(eventId, "c", "{\"job\": \"Director\", \"topics\": [], \"why\": \" \"}"));
            JsonNode d = registered(
                    register(eventId, "d", "{\"job\": \"Guide\", \"size\": \"small\", \"topics\": [\"c2\"]}"));
            assertThat(api.delete(manage(d)).status()).isEqualTo(200);

            // The registrant sees their answers as accepted: text trimmed, blank and empty ones left out.
            JsonNode mine = api.get(manage(a)).json().get("answers");
            assertThat(mine.get("job").asString()).isEqualTo("Curator-of-secrets");
            assertThat(mine.get("why").asString()).isEqualTo("Line one\nLine two, \"quoted\"");
            assertThat(mine.get("size").asString()).isEqualTo("large");
            assertThat(strings(mine.get("topics"))).containsExactly("c3", "c1");
            assertThat(mine.get("member").isBoolean()).isTrue();
            assertThat(mine.get("member").asBoolean()).isTrue();
            assertThat(mine.get("country").asString()).isEqualTo("GR");
            assertThat(api.get(manage(b)).json().get("answers").get("job").asString())
                    .isEqualTo("Educator");
            assertThat(api.get(manage(b)).json().get("answers").get("member").asBoolean())
                    .isFalse();
            assertThat(api.get(manage(c)).json().get("answers").propertyNames()).containsExactly("job");

            // The organiser's attendees, as JSON: each registration's answers object.
            JsonNode attendees = api.get("/api/events/" + eventId + "/attendees", "Authorization", ICOM)
                    .json()
                    .get("content");
            assertThat(attendees).hasSize(4);
            assertThat(attendee(attendees, a).get("answers")).isEqualTo(mine);
            assertThat(attendee(attendees, d).get("answers").get("size").asString())
                    .isEqualTo("small");

            // As CSV: one column per question, headed by its label, answers as text, formulas defused.
            List<List<String>> csv = csv(eventId);
            assertThat(csv.get(0).subList(11, csv.get(0).size()))
                    .containsExactly(
                            "Your job",
                            "Pourquoi venir ?",
                            "Museum size",
                            "Temas",
                            "'+ICOM member?",
                            "Country",
                            // Issue 16: the check-in columns come last, so that no column moves.
                            "checkedInAt",
                            "attended",
                            // Issue 17: whether a series subscription made it, after them.
                            "subscription");
            assertThat(row(csv, a).subList(11, 17))
                    .containsExactly(
                            "Curator-of-secrets",
                            "Line one\nLine two, \"quoted\"",
                            "'=Large",
                            "Digital; Colecciones",
                            "yes",
                            "GR");
            assertThat(row(csv, b).subList(11, 17)).containsExactly("Educator", "", "Small", "", "no", "FR");
            assertThat(row(csv, c).subList(11, 17)).containsExactly("Director", "", "", "", "", "");

            // Counted as byLanguage is, confirmed only (d cancelled): every choice, also at 0.
            JsonNode byAnswer = stats(eventId).get("byAnswer");
            assertThat(byAnswer.propertyNames()).containsExactly("size", "topics", "member", "country");
            assertThat(counts(byAnswer.get("size"))).containsExactly(Map.entry("small", 1), Map.entry("large", 1));
            assertThat(counts(byAnswer.get("topics")))
                    .containsExactly(Map.entry("c1", 1), Map.entry("c2", 0), Map.entry("c3", 1));
            assertThat(counts(byAnswer.get("member"))).containsExactly(Map.entry("true", 1), Map.entry("false", 1));
            assertThat(counts(byAnswer.get("country"))).containsExactly(Map.entry("FR", 1), Map.entry("GR", 1));

            // The organiser removes "size" and adds "diet": answers to "size" are refused from now on,
            // and the ones given stay in the export, in a column headed by the question's id.
            ObjectNode updated = catalogMessage("EventUpdated", eventId, 3);
            ArrayNode questions = (ArrayNode) json.readTree(QUESTIONS);
            questions.remove(2);
            questions.add(
                    json.readTree(
                            "{\"id\": \"diet\", \"kind\": \"TEXT\", \"label\": {\"en\": \"Diet\"}, \"choices\": [], \"required\": false}"));
            ((ObjectNode) updated.get("event")).set("questions", questions);
            sendToCatalogTopic(updated);
            await().atMost(Duration.ofSeconds(60)).until(() -> version(eventId) == 3);
            Response stale = register(eventId, "e", "{\"job\": \"Guide\", \"size\": \"small\"}");
            assertThat(stale.status()).as(stale.toString()).isEqualTo(400);
            assertThat(fields(stale)).containsExactly("answers.size");
            registered(register(eventId, "f", "{\"job\": \"Guide\", \"diet\": \"Vegan\"}"));

            List<List<String>> after = csv(eventId);
            assertThat(after.get(0).subList(11, after.get(0).size()))
                    .containsExactly(
                            "Your job",
                            "Pourquoi venir ?",
                            "Temas",
                            "'+ICOM member?",
                            "Country",
                            "Diet",
                            "size",
                            "checkedInAt",
                            "attended",
                            // Issue 17: whether a series subscription made it, after them.
                            "subscription");
            assertThat(row(after, a).subList(11, 18))
                    .containsExactly(
                            "Curator-of-secrets",
                            "Line one\nLine two, \"quoted\"",
                            "Digital; Colecciones",
                            "yes",
                            "GR",
                            "",
                            "large");
            assertThat(row(after, d).get(17)).isEqualTo("small");
            assertThat(stats(eventId).get("byAnswer").propertyNames()).containsExactly("topics", "member", "country");

            // Nothing of the answers leaves: 5 confirmations and 1 cancellation, none with answers.
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> ours(out.poll(), eventId).size() == 6);
            for (ConsumerRecord<byte[], byte[]> record : ours(out.poll(), eventId)) {
                String payload = new String(record.value(), StandardCharsets.UTF_8);
                assertThat(json.readTree(payload).has("answers")).isFalse();
                assertThat(payload).doesNotContain("Curator-of-secrets").doesNotContain("Line one");
            }
            assertThat(output.getAll()).doesNotContain("Curator-of-secrets").doesNotContain("Line one");
        }
    }

    @Test
    void answersThatDoNotFitTheQuestionsAreRefusedNamingThemAndNothingIsStored() {
        EventSnapshot event = publish(questions());
        List<String[]> refusals = List.of(
                new String[] {"{\"size\": \"small\"}", "answers.job"},
                new String[] {"{\"job\": \"x\", \"size\": \"medium\"}", "answers.size"},
                new String[] {"{\"job\": 7}", "answers.job"},
                new String[] {"{\"job\": \"x\", \"member\": \"yes\"}", "answers.member"},
                new String[] {"{\"job\": \"x\", \"nope\": \"?\"}", "answers.nope"},
                new String[] {"{\"job\": \"" + "x".repeat(501) + "\"}", "answers.job"},
                new String[] {"{\"job\": \"x\", \"why\": \"" + "x".repeat(4001) + "\"}", "answers.why"},
                new String[] {"{\"job\": \"x\", \"country\": \"France\"}", "answers.country"},
                new String[] {"{\"job\": \"x\", \"country\": \"fr\"}", "answers.country"},
                new String[] {"{\"job\": \"x\", \"topics\": [\"c1\", \"c1\"]}", "answers.topics"},
                new String[] {"{\"job\": \"x\", \"topics\": [\"c1\", \"c4\"]}", "answers.topics"},
                new String[] {"{\"job\": \"a\\u0000b\"}", "answers.job"},
                new String[] {"[\"x\"]", "answers"},
                new String[] {"\"x\"", "answers"},
                new String[] {"{\"Job\": \"x\"}", "answers"});
        for (String[] refusal : refusals) {
            Response response = register(event.id(), "refused", refusal[0]);
            assertThat(response.status()).as(refusal[0] + " -> " + response).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(fields(response)).as(refusal[0]).containsExactly(refusal[1]);
        }
        // No answers at all, when one is required: the same 400.
        Response none = api.post(
                "/api/events/" + event.id() + "/registrations",
                Api.body("Élise Durand", "none-" + UUID.randomUUID() + "@example.org"));
        assertThat(fields(none)).containsExactly("answers.job");
        assertThat(registrations(event.id())).isZero();

        // The same email registers once its answers fit; the refusals took nothing.
        registered(register(event.id(), "refused", "{\"job\": \"x\"}"));
        assertThat(registrations(event.id())).isEqualTo(1);
    }

    @Test
    void anEventWithoutRequiredQuestionsTakesNoAnswersAndAnEmptyObject() {
        EventSnapshot plain = TestCatalog.apply(context, TestCatalog.event("icom-france", 10));
        registered(api.register(plain.id(), "plain-" + UUID.randomUUID() + "@example.org"));
        JsonNode empty = registered(register(plain.id(), "empty", "{}"));
        assertThat(api.get(manage(empty)).json().get("answers").isEmpty()).isTrue();
        assertThat(fields(register(plain.id(), "unknown", "{\"q1\": \"x\"}"))).containsExactly("answers.q1");
    }

    @Test
    void aRetryWithTheSameKeyAndAnswersAnswersTheSameAndOtherAnswersAre422() {
        EventSnapshot event = publish(questions());
        String key = "answers-" + UUID.randomUUID();
        String email = "retry-" + UUID.randomUUID() + "@example.org";
        Response first = api.post(path(event), body(email, ALL_KINDS.replace("GR", "FR")), "Idempotency-Key", key);
        Response again = api.post(path(event), body(email, ALL_KINDS.replace("GR", "FR")), "Idempotency-Key", key);
        // The same answers written in another order, with a null answer for an unanswered question.
        String reordered =
                """
                {"country": "FR", "member": true, "topics": ["c3", "c1"], "size": "large",
                 "why": "Line one\\nLine two, \\"quoted\\"", "job": "Curator-of-secrets", "unasked": null}""";
        Response reorderedRetry = api.post(path(event), body(email, reordered), "Idempotency-Key", key);
        Response other = api.post(path(event), body(email, ALL_KINDS), "Idempotency-Key", key);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(again.status()).as(again.toString()).isEqualTo(201);
        assertThat(again.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(reorderedRetry.status()).as(reorderedRetry.toString()).isEqualTo(201);
        assertThat(reorderedRetry.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(other.status()).as(other.toString()).isEqualTo(422);
        assertThat(registrations(event.id())).isEqualTo(1);
    }

    @Test
    void erasureByTheOrganiserOrThePurgeForgetsTheAnswers() {
        EventSnapshot event = publish(questions());
        JsonNode erased = registered(register(event.id(), "erased", ALL_KINDS));
        JsonNode kept = registered(register(event.id(), "kept", "{\"job\": \"x\", \"size\": \"small\"}"));

        assertThat(api.delete(
                                "/api/registrations/" + erased.get("id").asString() + "/personal-data",
                                "Authorization",
                                ICOM)
                        .status())
                .isEqualTo(204);

        JsonNode view = api.get(
                        "/api/registrations/" + erased.get("id").asString() + "/organiser-view", "Authorization", ICOM)
                .json();
        assertThat(view.get("answers").isEmpty()).isTrue();
        assertThat(storedAnswers(erased)).isEqualTo("{}");
        assertThat(storedAnswers(kept)).contains("small");
        JsonNode byAnswer = stats(event.id()).get("byAnswer");
        assertThat(counts(byAnswer.get("size"))).containsExactly(Map.entry("small", 1), Map.entry("large", 0));
        assertThat(counts(byAnswer.get("country"))).isEmpty();
        assertThat(row(csv(event.id()), erased).subList(11, 17)).containsOnly("");

        // The purge after the event erases the same way.
        TestCatalog.apply(
                context, TestCatalog.window(event, null, null, Instant.now().minus(Duration.ofDays(400))));
        purge.purge();
        assertThat(storedAnswers(kept)).isEqualTo("{}");
    }

    private List<Question> questions() {
        return List.of(
                new Question("job", Kind.TEXT, Map.of("en", "Your job"), List.of(), true),
                new Question("why", Kind.LONG_TEXT, Map.of("en", "Why?"), List.of(), false),
                new Question(
                        "size",
                        Kind.SINGLE_CHOICE,
                        Map.of("en", "Size"),
                        List.of(new Choice("small", Map.of("en", "Small")), new Choice("large", Map.of("en", "Large"))),
                        false),
                new Question(
                        "topics",
                        Kind.MULTIPLE_CHOICE,
                        Map.of("en", "Topics"),
                        List.of(
                                new Choice("c1", Map.of("en", "One")),
                                new Choice("c2", Map.of("en", "Two")),
                                new Choice("c3", Map.of("en", "Three"))),
                        false),
                new Question("member", Kind.YES_NO, Map.of("en", "Member?"), List.of(), false),
                new Question("country", Kind.COUNTRY, Map.of("en", "Country"), List.of(), false));
    }

    private EventSnapshot publish(List<Question> questions) {
        EventSnapshot event = TestCatalog.apply(context, TestCatalog.event("icom-france", 10));
        return TestCatalog.apply(context, TestCatalog.questions(event, questions));
    }

    /** The catalog's example message of {@code type}, for a new event a month away, at {@code version}. */
    private ObjectNode catalogMessage(String type, UUID eventId, int version) throws Exception {
        ObjectNode message = (ObjectNode) json.readTree(Files.readAllBytes(CATALOG_MESSAGES.resolve(type + ".json")));
        message.put("id", UUID.randomUUID().toString());
        ObjectNode event = (ObjectNode) message.get("event");
        Instant start = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        event.put("id", eventId.toString());
        event.put("startsAt", start.toString());
        event.put("endsAt", start.plus(Duration.ofHours(2)).toString());
        ((ObjectNode) event.get("registration"))
                .put("closesAt", start.minus(Duration.ofHours(1)).toString());
        event.put("version", version);
        return message;
    }

    private void sendToCatalogTopic(ObjectNode message) {
        KafkaProbe.send(
                context.getEnvironment().getProperty("spring.kafka.bootstrap-servers"),
                CATALOG_TOPIC,
                message.get("event").get("id").asString(),
                json.writeValueAsBytes(message),
                Map.of(
                        "ce_specversion", "1.0",
                        "ce_id", message.get("id").asString(),
                        "ce_type", message.get("type").asString(),
                        "ce_source", "/catalog-service",
                        "ce_time", message.get("occurredAt").asString()));
    }

    private static String path(EventSnapshot event) {
        return "/api/events/" + event.id() + "/registrations";
    }

    private static String body(String email, String answers) {
        return """
                {"name": "Élise Durand", "email": "%s", "language": "fr", "consent": true, "answers": %s}"""
                .formatted(email, answers);
    }

    private Response register(UUID eventId, String who, String answers) {
        return api.post(
                "/api/events/" + eventId + "/registrations",
                body(who + "-" + UUID.randomUUID() + "@example.org", answers));
    }

    private static JsonNode registered(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    private static String manage(JsonNode registered) {
        return "/api/registrations/" + registered.get("id").asString() + "?token="
                + registered.get("token").asString();
    }

    private static List<String> fields(Response response) {
        List<String> fields = new ArrayList<>();
        response.json()
                .path("errors")
                .forEach(error -> fields.add(error.get("field").asString()));
        return fields;
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(element -> strings.add(element.asString()));
        return strings;
    }

    private static List<Map.Entry<String, Integer>> counts(JsonNode counts) {
        List<Map.Entry<String, Integer>> entries = new ArrayList<>();
        counts.properties()
                .forEach(e -> entries.add(Map.entry(e.getKey(), e.getValue().asInt())));
        return entries;
    }

    private static JsonNode attendee(JsonNode attendees, JsonNode registered) {
        for (JsonNode attendee : attendees) {
            if (attendee.get("id").equals(registered.get("id"))) {
                return attendee;
            }
        }
        throw new AssertionError("No attendee " + registered.get("id"));
    }

    private JsonNode stats(UUID eventId) {
        return api.get("/api/events/" + eventId + "/registration-stats", "Authorization", ICOM)
                .json();
    }

    /** The attendees' CSV, parsed as RFC 4180 (quoted cells may hold commas, quotes and line breaks). */
    private List<List<String>> csv(UUID eventId) {
        Response response =
                api.get("/api/events/" + eventId + "/attendees", "Authorization", ICOM, "Accept", "text/csv");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        String text = response.body().substring(1);
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(ch);
            }
        }
        for (List<String> r : rows) {
            assertThat(r).hasSameSizeAs(rows.get(0));
        }
        return rows;
    }

    private static List<String> row(List<List<String>> csv, JsonNode registered) {
        String id = registered.get("id").asString();
        return csv.stream().filter(r -> r.get(0).equals(id)).findFirst().orElseThrow();
    }

    private List<ConsumerRecord<byte[], byte[]>> ours(List<ConsumerRecord<byte[], byte[]>> records, UUID eventId) {
        return records.stream()
                .filter(r -> eventId.toString().equals(KafkaProbe.key(r)))
                .toList();
    }

    private long version(UUID eventId) {
        return jdbc.sql("SELECT coalesce(max(version), 0) FROM event WHERE id = :id")
                .param("id", eventId)
                .query(Long.class)
                .single();
    }

    private long registrations(UUID eventId) {
        return jdbc.sql("SELECT count(*) FROM registration WHERE event_id = :id")
                .param("id", eventId)
                .query(Long.class)
                .single();
    }

    private String storedAnswers(JsonNode registered) {
        return jdbc.sql("SELECT CAST(answers AS text) FROM registration WHERE id = :id")
                .param("id", UUID.fromString(registered.get("id").asString()))
                .query(String.class)
                .single();
    }
}
