package org.museumevents.registration.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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
import org.museumevents.testsupport.Prometheus;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RegistrationIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class RegistrationFlowTest {

    private static final String ICOM = TestTokens.bearer("icom-france");
    private static final String OCIM = TestTokens.bearer("ocim");
    private static final String TOPIC = "registration.events";

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

    private EventSnapshot publish(Integer capacity) {
        return TestCatalog.apply(context, TestCatalog.event("icom-france", capacity));
    }

    private static String email(int n) {
        return "person" + n + "-" + UUID.randomUUID() + "@example.org";
    }

    @Test
    void confirmsUpToCapacityThenWaitlistsInOrder() {
        EventSnapshot event = publish(2);
        List<JsonNode> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Response response = api.register(event.id(), email(i));
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
            assertThat(response.headers().firstValue("Location"))
                    .hasValue("/api/registrations/" + response.json().get("id").asString());
            answers.add(response.json());
        }
        assertThat(answers)
                .extracting(a -> a.get("status").asString())
                .containsExactly("CONFIRMED", "CONFIRMED", "WAITLISTED", "WAITLISTED", "WAITLISTED");
        assertThat(answers)
                .extracting(a -> a.get("waitlistPosition").isNull()
                        ? null
                        : a.get("waitlistPosition").asInt())
                .containsExactly(null, null, 1, 2, 3);
        assertThat(answers.get(0).get("eventId").asString())
                .isEqualTo(event.id().toString());
        assertThat(answers.get(0).get("token").asString()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(messageTypes(event.id()))
                .containsExactly(
                        "RegistrationConfirmed",
                        "RegistrationConfirmed",
                        "RegistrationWaitlisted",
                        "RegistrationWaitlisted",
                        "RegistrationWaitlisted");
    }

    @Test
    void aCancellationGivesThePlaceToTheFirstWaitingAtOnce() {
        EventSnapshot event = publish(1);
        JsonNode confirmed = api.register(event.id(), email(1)).json();
        JsonNode first = api.register(event.id(), email(2)).json();
        JsonNode second = api.register(event.id(), email(3)).json();

        Response cancelled = api.delete(registration(confirmed));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.json().get("cancelledBy").asString()).isEqualTo("REGISTRANT");

        assertThat(api.get(registration(first)).json().get("status").asString()).isEqualTo("CONFIRMED");
        JsonNode stillWaiting = api.get(registration(second)).json();
        assertThat(stillWaiting.get("status").asString()).isEqualTo("WAITLISTED");
        assertThat(stillWaiting.get("waitlistPosition").asInt()).isEqualTo(1);

        JsonNode promoted = lastMessage(event.id(), "RegistrationPromoted");
        assertThat(promoted.get("registrationId").asString())
                .isEqualTo(first.get("id").asString());
        assertThat(promoted.get("previousStatus").asString()).isEqualTo("WAITLISTED");
        assertThat(promoted.get("status").asString()).isEqualTo("CONFIRMED");
        JsonNode cancelMessage = lastMessage(event.id(), "RegistrationCancelled");
        assertThat(cancelMessage.get("cancelledBy").asString()).isEqualTo("REGISTRANT");
        assertThat(cancelMessage.get("previousStatus").asString()).isEqualTo("CONFIRMED");

        // Cancelling twice is refused, and the freed place is not given twice.
        assertThat(api.delete(registration(confirmed)).status()).isEqualTo(409);
        assertThat(placesTaken(event.id())).isEqualTo(1);
    }

    @Test
    void theManageLinkOfEveryMessageOpensTheRegistration() {
        EventSnapshot event = publish(1);
        api.register(event.id(), email(1));
        JsonNode waiting = api.register(event.id(), email(2)).json();
        JsonNode message = lastMessage(event.id(), "RegistrationWaitlisted");
        assertThat(message.get("waitlistPosition").asInt()).isEqualTo(1);
        assertThat(message.get("email").asString()).endsWith("@example.org");
        assertThat(message.get("name").asString()).isEqualTo("Élise Durand");
        assertThat(message.get("language").asString()).isEqualTo("fr");
        String manageUrl = message.get("manageUrl").asString();
        String prefix =
                "https://events.example.org/registrations/" + waiting.get("id").asString() + "?token=";
        assertThat(manageUrl).startsWith(prefix);
        String token = manageUrl.substring(prefix.length());
        Response view = api.get("/api/registrations/" + waiting.get("id").asString() + "?token=" + token);
        assertThat(view.status()).isEqualTo(200);
        assertThat(view.json().get("waitlistPosition").asInt()).isEqualTo(1);
    }

    @Test
    void pendingHoldsAPlaceApprovalConfirmsAndRejectionFreesIt() {
        EventSnapshot event = TestCatalog.apply(context, TestCatalog.with(publish(1), "PUBLISHED", 1, true, true));
        JsonNode pending = api.register(event.id(), email(1)).json();
        JsonNode waiting = api.register(event.id(), email(2)).json();
        assertThat(pending.get("status").asString()).isEqualTo("PENDING");
        assertThat(waiting.get("status").asString()).isEqualTo("WAITLISTED");

        String pendingId = pending.get("id").asString();
        assertThat(api.post("/api/registrations/" + pendingId + "/approve", null)
                        .status())
                .isEqualTo(401);
        assertThat(api.post("/api/registrations/" + pendingId + "/approve", null, "Authorization", OCIM)
                        .status())
                .isEqualTo(404);
        Response rejected = api.post("/api/registrations/" + pendingId + "/reject", null, "Authorization", ICOM);
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        assertThat(rejected.json().get("status").asString()).isEqualTo("REJECTED");
        assertThat(lastMessage(event.id(), "RegistrationRejected")
                        .get("previousStatus")
                        .asString())
                .isEqualTo("PENDING");

        // The freed place goes to the first waiting, who now awaits approval in turn.
        String waitingId = waiting.get("id").asString();
        assertThat(api.get(registration(waiting)).json().get("status").asString())
                .isEqualTo("PENDING");
        Response approved = api.post("/api/registrations/" + waitingId + "/approve", null, "Authorization", ICOM);
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().get("status").asString()).isEqualTo("CONFIRMED");
        JsonNode confirmedMessage = lastMessage(event.id(), "RegistrationConfirmed");
        assertThat(confirmedMessage.get("previousStatus").asString()).isEqualTo("PENDING");
        assertThat(api.post("/api/registrations/" + waitingId + "/approve", null, "Authorization", ICOM)
                        .status())
                .isEqualTo(409);
        assertThat(placesTaken(event.id())).isEqualTo(1);
    }

    @Test
    void theSameEmailCannotRegisterTwiceIgnoringCaseAndSpaces() {
        EventSnapshot event = publish(10);
        String email = email(1);
        assertThat(api.register(event.id(), email).status()).isEqualTo(201);
        Response again = api.register(event.id(), "  " + email.toUpperCase(Locale.ROOT) + " ");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.json().get("type").asString()).endsWith("/duplicate-registration");
        assertThat(placesTaken(event.id())).isEqualTo(1);
    }

    @Test
    void theSameIdempotencyKeyAnswersTheFirstResultAndAnotherBodyIs422() {
        EventSnapshot event = publish(10);
        String body = Api.body("Ana Ruiz", email(1));
        String path = "/api/events/" + event.id() + "/registrations";
        Response first = api.post(path, body, "Idempotency-Key", "key-1");
        Response replay = api.post(path, body, "Idempotency-Key", "key-1");
        assertThat(first.status()).isEqualTo(201);
        assertThat(replay.status()).as(replay.toString()).isEqualTo(201);
        assertThat(replay.json().get("id")).isEqualTo(first.json().get("id"));
        assertThat(replay.json().get("status")).isEqualTo(first.json().get("status"));
        // The replay hands out no token: the first answer's still opens the registration.
        assertThat(replay.json().has("token")).isFalse();
        assertThat(api.get(registration(first.json())).status()).isEqualTo(200);

        Response other = api.post(path, Api.body("Ana Ruiz", email(2)), "Idempotency-Key", "key-1");
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().get("type").asString()).endsWith("/idempotency-key-reused");
        assertThat(placesTaken(event.id())).isEqualTo(1);
        assertThat(messageTypes(event.id())).hasSize(1);
    }

    @Test
    void onlyTheTokenOpensAndCancelsTheRegistration() {
        EventSnapshot event = publish(10);
        JsonNode registered = api.register(event.id(), email(1)).json();
        String id = registered.get("id").asString();
        assertThat(api.get(registration(registered)).json().get("email").asString())
                .endsWith("@example.org");
        assertThat(api.get("/api/registrations/" + id + "?token=wrong").status())
                .isEqualTo(404);
        assertThat(api.get("/api/registrations/" + id).status()).isEqualTo(404);
        assertThat(api.delete("/api/registrations/" + id + "?token=wrong").status())
                .isEqualTo(404);
        JsonNode other = api.register(event.id(), email(2)).json();
        assertThat(api.get("/api/registrations/" + id + "?token="
                                + other.get("token").asString())
                        .status())
                .isEqualTo(404);
        assertThat(api.get(registration(registered)).json().get("status").asString())
                .isEqualTo("CONFIRMED");
        // Only a hash is stored.
        assertThat(jdbc.sql("SELECT count(*) FROM registration_token WHERE encode(hash, 'escape') LIKE :t")
                        .param("t", "%" + registered.get("token").asString() + "%")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void organisersSeeOnlyTheirOwnEventsRegistrations() {
        EventSnapshot event = publish(10);
        JsonNode registered = api.register(event.id(), email(1)).json();
        String attendees = "/api/events/" + event.id() + "/attendees";
        assertThat(api.get(attendees).status()).isEqualTo(401);
        assertThat(api.get(attendees, "Authorization", "Bearer " + TestTokens.token("icom-france", "reader"))
                        .status())
                .isEqualTo(403);
        for (String path : List.of(
                attendees,
                "/api/events/" + event.id() + "/registration-stats",
                "/api/registrations/" + registered.get("id").asString() + "/organiser-view")) {
            Response other = api.get(path, "Authorization", OCIM);
            assertThat(other.status()).as(path).isEqualTo(404);
            assertThat(other.body()).doesNotContain("example.org");
            assertThat(api.get(path, "Authorization", ICOM).status()).as(path).isEqualTo(200);
        }
        String id = registered.get("id").asString();
        assertThat(api.post("/api/registrations/" + id + "/cancel", null, "Authorization", OCIM)
                        .status())
                .isEqualTo(404);
        assertThat(api.delete("/api/registrations/" + id + "/personal-data", "Authorization", OCIM)
                        .status())
                .isEqualTo(404);
        assertThat(api.get(registration(registered)).json().get("status").asString())
                .isEqualTo("CONFIRMED");
    }

    @Test
    void attendeesArePagedFilteredAndSearchable() {
        EventSnapshot event = publish(2);
        // Accents in the name; the address's local part is ASCII (an SMTP relay needs no SMTPUTF8).
        String accented = "zoe-" + UUID.randomUUID() + "@example.org";
        api.post("/api/events/" + event.id() + "/registrations", Api.body("Zoë Çelik", accented));
        for (int i = 0; i < 3; i++) {
            api.register(event.id(), email(i));
        }
        String path = "/api/events/" + event.id() + "/attendees";
        JsonNode all = api.get(path + "?size=2", "Authorization", ICOM).json();
        assertThat(all.get("content")).hasSize(2);
        assertThat(all.get("page").get("totalElements").asInt()).isEqualTo(4);
        assertThat(all.get("page").get("totalPages").asInt()).isEqualTo(2);
        JsonNode waiting =
                api.get(path + "?status=WAITLISTED", "Authorization", ICOM).json();
        assertThat(waiting.get("content")).hasSize(2);
        assertThat(waiting.get("content").get(0).get("waitlistPosition").asInt())
                .isEqualTo(1);
        JsonNode found = api.get(path + "?q=%C3%87ELIK", "Authorization", ICOM).json();
        assertThat(found.get("content")).hasSize(1);
        assertThat(found.get("content").get(0).get("email").asString()).isEqualTo(accented);
        assertThat(api.get(path + "?status=NOPE", "Authorization", ICOM).status())
                .isEqualTo(400);
    }

    @Test
    void attendeesAsCsvOpenInASpreadsheetWithAccents() {
        EventSnapshot event = publish(10);
        api.post(
                "/api/events/" + event.id() + "/registrations",
                Api.body("Zoë Çelik, \\\"Zo\\\"", "zoe-" + UUID.randomUUID() + "@example.org"));
        api.post("/api/events/" + event.id() + "/registrations", Api.body("=HYPERLINK(1)", email(2)));
        Response csv = api.get("/api/events/" + event.id() + "/attendees", "Authorization", ICOM, "Accept", "text/csv");
        assertThat(csv.status()).as(csv.toString()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv").containsIgnoringCase("charset=UTF-8");
        byte[] bytes = csv.bytes();
        assertThat(bytes[0] & 0xff).isEqualTo(0xEF);
        assertThat(bytes[1] & 0xff).isEqualTo(0xBB);
        assertThat(bytes[2] & 0xff).isEqualTo(0xBF);
        String text = new String(bytes, StandardCharsets.UTF_8).substring(1);
        String[] lines = text.split("\r\n");
        assertThat(lines[0]).startsWith("id,status,waitlistPosition,name,email,organisation,language");
        assertThat(lines).hasSize(3);
        assertThat(text)
                .contains("\"Zoë Çelik, \"\"Zo\"\"\"")
                .contains("'=HYPERLINK(1)")
                .contains("Musée d'Orsay");
    }

    @Test
    void statisticsCountByStatusAndLanguage() {
        EventSnapshot event = publish(2);
        String path = "/api/events/" + event.id() + "/registrations";
        api.post(path, Api.body("A", email(1)));
        api.post(
                path,
                """
                {"name": "B", "email": "%s", "language": "es", "interpretationLanguage": "fr", "consent": true}
                """
                        .formatted(email(2)));
        JsonNode third = api.post(path, Api.body("C", email(3))).json();
        api.delete(registration(third));
        JsonNode stats = api.get("/api/events/" + event.id() + "/registration-stats", "Authorization", ICOM)
                .json();
        assertThat(stats.get("capacity").asInt()).isEqualTo(2);
        assertThat(stats.get("confirmed").asInt()).isEqualTo(2);
        assertThat(stats.get("waitlisted").asInt()).isZero();
        assertThat(stats.get("pending").asInt()).isZero();
        assertThat(stats.get("cancelled").asInt()).isEqualTo(1);
        assertThat(stats.get("byLanguage").get("fr").asInt()).isEqualTo(1);
        assertThat(stats.get("byLanguage").get("es").asInt()).isEqualTo(1);
        assertThat(stats.get("byInterpretationLanguage").get("en").asInt()).isEqualTo(1);
        assertThat(stats.get("byInterpretationLanguage").get("fr").asInt()).isEqualTo(1);
    }

    @Test
    void refusesWithAReasonOutsideTheWindowOrWhenFullWithoutWaitingList() {
        assertThat(api.register(UUID.randomUUID(), email(1)).status()).isEqualTo(404);

        EventSnapshot draft = TestCatalog.apply(
                context, TestCatalog.with(TestCatalog.event("icom-france", 5), "DRAFT", 5, false, true));
        assertThat(api.register(draft.id(), email(1)).status()).isEqualTo(404);

        Instant now = Instant.now();
        EventSnapshot base = publish(5);
        EventSnapshot notOpen = TestCatalog.apply(
                context, TestCatalog.window(base, now.plus(Duration.ofDays(1)), null, now.plus(Duration.ofDays(9))));
        assertReason(api.register(notOpen.id(), email(1)), "registration-not-open");
        EventSnapshot closed = TestCatalog.apply(
                context, TestCatalog.window(notOpen, null, now.minusSeconds(60), now.plus(Duration.ofDays(9))));
        assertReason(api.register(closed.id(), email(1)), "registration-closed");
        EventSnapshot past = TestCatalog.apply(context, TestCatalog.window(closed, null, null, now.minusSeconds(60)));
        assertReason(api.register(past.id(), email(1)), "event-past");

        EventSnapshot cancelled = TestCatalog.apply(context, TestCatalog.with(publish(5), "CANCELLED", 5, false, true));
        assertReason(api.register(cancelled.id(), email(1)), "event-cancelled");

        EventSnapshot noWaitlist =
                TestCatalog.apply(context, TestCatalog.with(publish(1), "PUBLISHED", 1, false, false));
        assertThat(api.register(noWaitlist.id(), email(1)).status()).isEqualTo(201);
        assertReason(api.register(noWaitlist.id(), email(2)), "event-full");
        assertThat(placesTaken(noWaitlist.id())).isEqualTo(1);
    }

    @Test
    void anOrganiserCancelsAndErasesPersonalDataKeepingThePlaceCounted() {
        EventSnapshot event = publish(5);
        JsonNode a = api.register(event.id(), email(1)).json();
        JsonNode b = api.register(event.id(), email(2)).json();
        Response cancelled =
                api.post("/api/registrations/" + a.get("id").asString() + "/cancel", null, "Authorization", ICOM);
        assertThat(cancelled.json().get("cancelledBy").asString()).isEqualTo("ORGANISER");
        assertThat(lastMessage(event.id(), "RegistrationCancelled")
                        .get("cancelledBy")
                        .asString())
                .isEqualTo("ORGANISER");

        Response erased =
                api.delete("/api/registrations/" + b.get("id").asString() + "/personal-data", "Authorization", ICOM);
        assertThat(erased.status()).isEqualTo(204);
        // The registrant's token died with the data; the organiser still sees the place.
        assertThat(api.get(registration(b)).status()).isEqualTo(404);
        JsonNode view = api.get(
                        "/api/registrations/" + b.get("id").asString() + "/organiser-view", "Authorization", ICOM)
                .json();
        assertThat(view.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(view.get("name").isNull()).isTrue();
        assertThat(view.get("email").isNull()).isTrue();
        JsonNode stats = api.get("/api/events/" + event.id() + "/registration-stats", "Authorization", ICOM)
                .json();
        assertThat(stats.get("confirmed").asInt()).isEqualTo(1);
    }

    @Test
    void personalDataIsPurgedAfterTheEventEnds() {
        EventSnapshot event = publish(5);
        JsonNode registered = api.register(event.id(), email(1)).json();
        Instant longAgo = Instant.now().minus(Duration.ofDays(400));
        TestCatalog.apply(context, TestCatalog.window(event, null, null, longAgo));
        purge.purge();
        assertThat(api.get(registration(registered)).status()).isEqualTo(404);
        JsonNode view = api.get(
                        "/api/registrations/" + registered.get("id").asString() + "/organiser-view",
                        "Authorization",
                        ICOM)
                .json();
        assertThat(view.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(view.get("email").isNull()).isTrue();
        assertThat(view.get("name").isNull()).isTrue();
    }

    @Test
    void logsNeverContainEmailsNamesOrTokens(CapturedOutput output) {
        EventSnapshot event = publish(1);
        String email = "secret-" + UUID.randomUUID() + "@example.org";
        JsonNode registered = api.post(
                        "/api/events/" + event.id() + "/registrations", Api.body("Yseult Secretname", email))
                .json();
        api.post("/api/events/" + event.id() + "/registrations", Api.body("Yseult Secretname", email));
        api.delete(registration(registered));
        assertThat(output.getAll())
                .doesNotContain(email)
                .doesNotContain("Secretname")
                .doesNotContain(registered.get("token").asString());
    }

    @Test
    void prometheusCountsEachOutcomeWithoutPersonalData() {
        Prometheus before = api.prometheus();
        EventSnapshot event = publish(2);
        List<JsonNode> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            answers.add(api.register(event.id(), email(i)).json());
        }
        String taken = "taken-" + UUID.randomUUID() + "@example.org";
        EventSnapshot small = TestCatalog.apply(context, TestCatalog.with(publish(1), "PUBLISHED", 1, false, false));
        api.register(small.id(), taken);
        assertThat(api.register(small.id(), taken).status()).isEqualTo(409);
        assertThat(api.register(small.id(), email(9)).status()).isEqualTo(409);
        // The first cancels: the waiting one is promoted.
        assertThat(api.delete(registration(answers.get(0))).status()).isEqualTo(200);

        Prometheus after = api.prometheus();
        String counter = "museum_registrations_total";
        assertThat(after.increase(before, counter, "outcome", "confirmed")).isEqualTo(3);
        assertThat(after.increase(before, counter, "outcome", "waitlisted")).isEqualTo(1);
        assertThat(after.increase(before, counter, "outcome", "duplicate")).isEqualTo(1);
        assertThat(after.increase(before, counter, "outcome", "refused_full")).isEqualTo(1);
        assertThat(after.increase(before, counter, "outcome", "cancelled")).isEqualTo(1);
        assertThat(after.increase(before, counter, "outcome", "promoted")).isEqualTo(1);
        assertThat(after.increase(before, counter, "outcome", "pending")).isZero();
        assertThat(after.text())
                .doesNotContain("@example.org")
                .doesNotContain(event.id().toString());
    }

    @Test
    void theRequestsTraceTravelsWithItsMessageToKafka() {
        EventSnapshot event = publish(10);
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        Response registered =
                api.register(event.id(), email(1), "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);

        try (KafkaProbe probe =
                new KafkaProbe(context.getEnvironment().getProperty("spring.kafka.bootstrap-servers"), TOPIC)) {
            ConsumerRecord<byte[], byte[]> record = await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> probe.poll().stream()
                                    .filter(r -> event.id().toString().equals(KafkaProbe.key(r)))
                                    .findFirst(),
                            Optional::isPresent)
                    .orElseThrow();
            // The same trace, continued by the service's own span; the CloudEvents headers are unchanged.
            assertThat(KafkaProbe.header(record, "traceparent")).matches("00-" + traceId + "-[0-9a-f]{16}-01");
            assertThat(KafkaProbe.header(record, "ce_type")).isEqualTo("RegistrationConfirmed");
            assertThat(KafkaProbe.header(record, "ce_id"))
                    .isEqualTo(lastMessage(event.id(), "RegistrationConfirmed")
                            .get("id")
                            .asString());
        }
    }

    private void assertReason(Response response, String reason) {
        assertThat(response.status()).as(response.toString()).isIn(409, 422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).endsWith("/" + reason);
    }

    private static String registration(JsonNode registered) {
        return "/api/registrations/" + registered.get("id").asString() + "?token="
                + registered.get("token").asString();
    }

    private int placesTaken(UUID eventId) {
        return jdbc.sql("SELECT taken FROM event WHERE id = :id")
                .param("id", eventId)
                .query(Integer.class)
                .single();
    }

    private List<String> messageTypes(UUID eventId) {
        return jdbc.sql("SELECT type FROM outbox WHERE message_key = :key ORDER BY id")
                .param("key", eventId.toString())
                .query(String.class)
                .list();
    }

    private JsonNode lastMessage(UUID eventId, String type) {
        String payload = jdbc.sql(
                        "SELECT payload FROM outbox WHERE message_key = :key AND type = :type ORDER BY id DESC LIMIT 1")
                .param("key", eventId.toString())
                .param("type", type)
                .query(String.class)
                .single();
        return json.readTree(payload);
    }
}
