package org.museumevents.registration.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.museumevents.registration.Api;
import org.museumevents.registration.Api.Response;
import org.museumevents.registration.RegistrationIntegrationTest;
import org.museumevents.registration.TestCatalog;
import org.museumevents.registration.event.EventSnapshot;
import org.museumevents.registration.event.Question;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Following a series (issue 17, docs/api.md "Series subscriptions"): on the real database, through
 * the HTTP API, the catalog consumer and the sweep; messages read from the outbox rows as relayed.
 */
@RegistrationIntegrationTest
class SeriesSubscriptionTest {

    private static final String ICOM = TestTokens.bearer("icom-france");
    private static final String OCIM = TestTokens.bearer("ocim");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SeriesEnrolment enrolment;

    Api api;

    @BeforeEach
    void api() {
        api = Api.onPort(port);
    }

    @Test
    void aSubscriptionRegistersForTheOpenOccurrencesAndOnePublishedLater() {
        UUID series = UUID.randomUUID();
        List<EventSnapshot> three =
                List.of(occurrence(series, 10, 10), occurrence(series, 11, 10), occurrence(series, 12, 10));
        String email = email();

        Response subscribed = subscribe(series, email);
        assertThat(subscribed.status()).as(subscribed.toString()).isEqualTo(201);
        JsonNode body = subscribed.json();
        String id = body.get("id").asString();
        assertThat(subscribed.headers().firstValue("Location")).hasValue("/api/subscriptions/" + id);
        assertThat(body.get("seriesId").asString()).isEqualTo(series.toString());
        assertThat(body.get("token").asString()).matches("[A-Za-z0-9_-]{43}");
        assertThat(body.get("registrations")).hasSize(3);
        assertThat(eventIds(body.get("registrations")))
                .containsExactlyElementsOf(three.stream().map(EventSnapshot::id).toList());
        body.get("registrations")
                .forEach(r -> assertThat(r.get("status").asString()).isEqualTo("CONFIRMED"));

        // The fourth occurrence arrives later, as a catalog message: its followers are registered at once.
        UUID fourth = publishThroughTheConsumer(series, 13);
        JsonNode view = view(id, body.get("token").asString());
        assertThat(view.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(view.get("email").asString()).isEqualTo(email);
        assertThat(view.get("registrations")).hasSize(4);
        assertThat(view.get("registrations").get(3).get("eventId").asString()).isEqualTo(fourth.toString());
        assertThat(view.get("registrations").get(0).get("startsAt").asString()).isNotBlank();

        // Every message of its registrations names the subscription, with a fresh link that opens it.
        String registrationId = view.get("registrations").get(3).get("id").asString();
        JsonNode confirmed = message(registrationId, "RegistrationConfirmed");
        assertThat(confirmed.get("subscriptionId").asString()).isEqualTo(id);
        String url = confirmed.get("subscriptionUrl").asString();
        assertThat(url).contains("/subscriptions/" + id + "?token=");
        String minted = url.substring(url.indexOf("token=") + 6);
        assertThat(minted).isNotEqualTo(body.get("token").asString());
        assertThat(api.get("/api/subscriptions/" + id + "?token=" + minted).status())
                .isEqualTo(200);

        // The registration's own view names its subscription too.
        Response registration = api.get("/api/registrations/" + registrationId + "?token=" + manageToken(confirmed));
        assertThat(registration.json().get("subscriptionId").asString()).isEqualTo(id);

        // Someone registering themselves: no subscription in the message.
        Response alone = api.register(fourth, email());
        JsonNode own = message(alone.json().get("id").asString(), "RegistrationConfirmed");
        assertThat(own.has("subscriptionId")).isTrue();
        assertThat(own.get("subscriptionId").isNull()).isTrue();
        assertThat(own.get("subscriptionUrl").isNull()).isTrue();
    }

    @Test
    void notThisOneIsNeverRegisteredAgainBySweeps() {
        UUID series = UUID.randomUUID();
        EventSnapshot first = occurrence(series, 10, 10);
        occurrence(series, 11, 10);
        JsonNode body = subscribe(series, email()).json();
        String registrationId = body.get("registrations").get(0).get("id").asString();

        String token = manageToken(message(registrationId, "RegistrationConfirmed"));
        Response cancelled = api.delete("/api/registrations/" + registrationId + "?token=" + token);
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);

        enrolment.sweep();
        enrolment.sweep();
        assertThat(registrationsOf(first.id(), body.get("id").asString())).containsExactly("CANCELLED");
        JsonNode view = view(body.get("id").asString(), body.get("token").asString());
        assertThat(view.get("registrations")).hasSize(2);
        assertThat(view.get("registrations").get(0).get("status").asString()).isEqualTo("CANCELLED");
        assertThat(view.get("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void stoppingKeepsTheRegistrationsAndEnrolsNoMore() {
        UUID series = UUID.randomUUID();
        occurrence(series, 10, 10);
        JsonNode body = subscribe(series, email()).json();
        String id = body.get("id").asString();
        String token = body.get("token").asString();

        Response stopped = api.delete("/api/subscriptions/" + id + "?token=" + token);
        assertThat(stopped.status()).as(stopped.toString()).isEqualTo(200);
        assertThat(stopped.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(stopped.json().get("cancelledAt").asString()).isNotBlank();

        UUID later = publishThroughTheConsumer(series, 11);
        enrolment.sweep();
        JsonNode view = view(id, token);
        assertThat(view.get("registrations")).hasSize(1);
        assertThat(view.get("registrations").get(0).get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(registrationsOf(later, id)).isEmpty();

        // Idempotent: the same view again.
        Response again = api.delete("/api/subscriptions/" + id + "?token=" + token);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("cancelledAt").asString())
                .isEqualTo(stopped.json().get("cancelledAt").asString());
    }

    @Test
    void stoppingWithCancelRegistrationsCancelsTheUpcomingOnesAndPromotesTheWaiting() {
        UUID series = UUID.randomUUID();
        EventSnapshot full = occurrence(series, 10, 1);
        occurrence(series, 11, 10);
        JsonNode body = subscribe(series, email()).json();
        Response waiting = api.register(full.id(), email());
        assertThat(waiting.json().get("status").asString()).isEqualTo("WAITLISTED");

        Response stopped = api.delete("/api/subscriptions/" + body.get("id").asString() + "?token="
                + body.get("token").asString() + "&cancelRegistrations=true");
        assertThat(stopped.status()).as(stopped.toString()).isEqualTo(200);
        assertThat(stopped.json().get("registrations"))
                .allSatisfy(r -> assertThat(r.get("status").asString()).isEqualTo("CANCELLED"));
        JsonNode cancelled = message(body.get("registrations").get(0).get("id").asString(), "RegistrationCancelled");
        assertThat(cancelled.get("cancelledBy").asString()).isEqualTo("REGISTRANT");
        assertThat(cancelled.get("subscriptionId").asString())
                .isEqualTo(body.get("id").asString());
        message(waiting.json().get("id").asString(), "RegistrationPromoted");
    }

    @Test
    void aFullOccurrencePutsTheSubscriberOnItsWaitingList() {
        UUID series = UUID.randomUUID();
        EventSnapshot full = occurrence(series, 10, 1);
        assertThat(api.register(full.id(), email()).status()).isEqualTo(201);

        JsonNode body = subscribe(series, email()).json();
        JsonNode made = body.get("registrations").get(0);
        assertThat(made.get("status").asString()).isEqualTo("WAITLISTED");
        assertThat(made.get("waitlistPosition").asInt()).isEqualTo(1);
        message(made.get("id").asString(), "RegistrationWaitlisted");
    }

    @Test
    void anEmailRegisteredAlreadyIsSkippedForThatOccurrence() {
        UUID series = UUID.randomUUID();
        EventSnapshot mine = occurrence(series, 10, 10);
        EventSnapshot other = occurrence(series, 11, 10);
        String email = email();
        assertThat(api.register(mine.id(), email).status()).isEqualTo(201);

        JsonNode body =
                subscribe(series, email.toUpperCase(java.util.Locale.ROOT)).json();
        assertThat(eventIds(body.get("registrations"))).containsExactly(other.id());
        assertThat(outcome(body.get("id").asString(), mine.id())).isEqualTo("SKIPPED_ALREADY_REGISTERED");
        enrolment.sweep();
        assertThat(view(body.get("id").asString(), body.get("token").asString()).get("registrations"))
                .hasSize(1);
    }

    @Test
    void answersGoToTheOccurrencesAskingThemAndALaterRequiredQuestionDoesNotStopIt() {
        UUID series = UUID.randomUUID();
        Question job = new Question("job", Question.Kind.TEXT, Map.of("en", "Your job"), List.of(), true);
        EventSnapshot asking = TestCatalog.apply(
                context,
                withSeries(TestCatalog.questions(TestCatalog.event("icom-france", 10), List.of(job)), series, 10));
        occurrence(series, 11, 10);

        Response missing = api.post("/api/series/" + series + "/subscriptions", body(email(), null));
        assertThat(missing.status()).as(missing.toString()).isEqualTo(400);
        assertThat(missing.toString()).contains("answers.job");
        Response unknown = api.post(
                "/api/series/" + series + "/subscriptions", body(email(), "{\"job\": \"x\", \"nope\": \"y\"}"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.toString()).contains("answers.nope");

        JsonNode body = api.post("/api/series/" + series + "/subscriptions", body(email(), "{\"job\": \"Curator\"}"))
                .json();
        assertThat(body.get("registrations")).hasSize(2);
        String asked = body.get("registrations").get(0).get("id").asString();
        assertThat(asking.id().toString())
                .isEqualTo(body.get("registrations").get(0).get("eventId").asString());
        assertThat(answers(asked)).isEqualTo("{\"job\": \"Curator\"}");
        assertThat(answers(body.get("registrations").get(1).get("id").asString()))
                .isEqualTo("{}");

        // A later occurrence asking a required question the subscriber never answered: registered anyway.
        Question diet = new Question("diet", Question.Kind.TEXT, Map.of("en", "Diet"), List.of(), true);
        EventSnapshot later = TestCatalog.apply(
                context,
                withSeries(
                        TestCatalog.questions(TestCatalog.event("icom-france", 10), List.of(diet, job)), series, 12));
        enrolment.enrolFor(later.id());
        assertThat(registrationsOf(later.id(), body.get("id").asString())).containsExactly("CONFIRMED");
    }

    @Test
    void erasingOneRegistrationErasesTheSubscriptionAndItsOtherRegistrations() {
        UUID series = UUID.randomUUID();
        occurrence(series, 10, 10);
        occurrence(series, 11, 10);
        JsonNode body = subscribe(series, email()).json();
        String id = body.get("id").asString();
        String first = body.get("registrations").get(0).get("id").asString();
        String second = body.get("registrations").get(1).get("id").asString();

        Response erased = api.delete("/api/registrations/" + first + "/personal-data", "Authorization", ICOM);
        assertThat(erased.status()).as(erased.toString()).isEqualTo(204);

        assertThat(api.get("/api/subscriptions/" + id + "?token="
                                + body.get("token").asString())
                        .status())
                .isEqualTo(404);
        Map<String, Object> row = jdbc.sql("SELECT status, name, email, organisation, answers::text AS answers"
                        + " FROM subscription WHERE id = :id")
                .param("id", UUID.fromString(id))
                .query()
                .singleRow();
        assertThat(row.get("status")).isEqualTo("CANCELLED");
        assertThat(row.get("name")).isNull();
        assertThat(row.get("email")).isNull();
        assertThat(row.get("organisation")).isNull();
        assertThat(row.get("answers")).isEqualTo("{}");
        for (String r : List.of(first, second)) {
            message(r, "RegistrationErased");
            assertThat(messages(r))
                    .filteredOn(m -> !"RegistrationErased".equals(m.get("type").asString()))
                    .isNotEmpty()
                    .allSatisfy(m -> {
                        assertThat(m.get("email").isNull()).isTrue();
                        assertThat(m.get("subscriptionUrl").isNull()).isTrue();
                        assertThat(m.get("subscriptionId").asString()).isEqualTo(id);
                    });
        }
    }

    @Test
    void theSeriesOrganisersSeeItsFollowers() {
        UUID series = UUID.randomUUID();
        occurrence(series, 10, 10);
        subscribe(series, email());
        JsonNode stopping = subscribe(series, email()).json();
        api.delete("/api/subscriptions/" + stopping.get("id").asString() + "?token="
                + stopping.get("token").asString());

        Response followers = api.get("/api/series/" + series + "/followers", "Authorization", ICOM);
        assertThat(followers.status()).as(followers.toString()).isEqualTo(200);
        assertThat(followers.json().get("seriesId").asString()).isEqualTo(series.toString());
        assertThat(followers.json().get("followers").asLong()).isEqualTo(1);
        assertThat(followers.json().get("cancelled").asLong()).isEqualTo(1);

        assertThat(api.get("/api/series/" + series + "/followers", "Authorization", OCIM)
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/series/" + UUID.randomUUID() + "/followers", "Authorization", ICOM)
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/series/" + series + "/followers").status()).isEqualTo(401);
    }

    @Test
    void theOrganiserSeesWhichRegistrationsCameThroughASubscription() {
        UUID series = UUID.randomUUID();
        EventSnapshot event = occurrence(series, 10, 10);
        JsonNode body = subscribe(series, email()).json();
        assertThat(api.register(event.id(), email()).status()).isEqualTo(201);

        JsonNode attendees = api.get("/api/events/" + event.id() + "/attendees", "Authorization", ICOM)
                .json();
        List<String> subscriptions = new ArrayList<>();
        attendees
                .path("content")
                .forEach(a -> subscriptions.add(a.get("subscriptionId").asString(null)));
        assertThat(subscriptions).containsExactlyInAnyOrder(body.get("id").asString(), null);

        List<String> csv = api.get(
                        "/api/events/" + event.id() + "/attendees", "Authorization", ICOM, "Accept", "text/csv")
                .body()
                .lines()
                .toList();
        assertThat(csv.get(0)).endsWith(",subscription");
        assertThat(csv.subList(1, csv.size()))
                .filteredOn(line -> line.endsWith(",yes"))
                .hasSize(1);

        JsonNode stats = api.get("/api/events/" + event.id() + "/registration-stats", "Authorization", ICOM)
                .json();
        assertThat(stats.get("viaSubscription").asLong()).isEqualTo(1);
        assertThat(stats.get("confirmed").asLong()).isEqualTo(2);
    }

    @Test
    void twoConcurrentSweepsDecideEachPairOnce() throws Exception {
        UUID series = UUID.randomUUID();
        Instant opens = Instant.now().plus(Duration.ofHours(1));
        List<EventSnapshot> closed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            EventSnapshot e = withSeries(TestCatalog.event("icom-france", 100), series, 10 + i);
            closed.add(TestCatalog.apply(
                    context, withSeries(TestCatalog.window(e, opens, null, e.startsAt()), series, 10 + i)));
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            JsonNode body = subscribe(series, email()).json();
            assertThat(body.get("registrations")).isEmpty();
            ids.add(body.get("id").asString());
        }
        // The windows open (the catalog's next version; the consumer is not told): only sweeps enrol.
        for (int i = 0; i < closed.size(); i++) {
            EventSnapshot e = closed.get(i);
            TestCatalog.apply(
                    context,
                    withSeries(
                            TestCatalog.window(e, Instant.now().minusSeconds(60), null, e.startsAt()), series, 10 + i));
        }
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> sweeps = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            sweeps.add(CompletableFuture.runAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                enrolment.sweep();
            }));
        }
        start.countDown();
        CompletableFuture.allOf(sweeps.toArray(CompletableFuture[]::new)).get();

        for (String id : ids) {
            for (EventSnapshot e : closed) {
                assertThat(registrationsOf(e.id(), id)).as(id + " " + e.id()).containsExactly("CONFIRMED");
                assertThat(outcome(id, e.id())).isEqualTo("REGISTERED");
            }
        }
        for (EventSnapshot e : closed) {
            long messages = jdbc.sql("SELECT count(*) FROM outbox o JOIN registration r"
                            + " ON r.id = CAST(CAST(o.payload AS jsonb) ->> 'registrationId' AS uuid)"
                            + " WHERE o.message_key = :event AND o.type = 'RegistrationConfirmed'"
                            + " AND r.subscription_id IS NOT NULL")
                    .param("event", e.id().toString())
                    .query(Long.class)
                    .single();
            assertThat(messages).isEqualTo(6);
        }
    }

    @Test
    void badInputIsAnsweredWithProblems() {
        assertThat(subscribe(UUID.randomUUID(), email()).status()).isEqualTo(404);

        UUID series = UUID.randomUUID();
        occurrence(series, 10, 10);
        Response invalid = api.post(
                "/api/series/" + series + "/subscriptions",
                "{\"name\": \"\", \"email\": \"nope\", \"language\": \"fr\", \"consent\": false}");
        assertThat(invalid.status()).as(invalid.toString()).isEqualTo(400);
        assertThat(invalid.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(api.post("/api/series/not-a-uuid/subscriptions", Api.body("A", email()))
                        .status())
                .isEqualTo(400);

        String email = email();
        JsonNode body = subscribe(series, email).json();
        Response duplicate = subscribe(series, " " + email.toUpperCase(java.util.Locale.ROOT));
        assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(409);
        assertThat(duplicate.json().get("type").asString()).endsWith("/already-subscribed");

        String id = body.get("id").asString();
        assertThat(api.get("/api/subscriptions/" + id + "?token=wrong").status())
                .isEqualTo(404);
        assertThat(api.get("/api/subscriptions/" + id).status()).isEqualTo(404);
        assertThat(api.delete("/api/subscriptions/" + id + "?token=wrong").status())
                .isEqualTo(404);
        assertThat(api.get("/api/subscriptions/" + UUID.randomUUID() + "?token="
                                + body.get("token").asString())
                        .status())
                .isEqualTo(404);
    }

    // -- helpers

    /** A published occurrence of the series, {@code days} away, open for registration. */
    private EventSnapshot occurrence(UUID series, int days, int capacity) {
        return TestCatalog.apply(context, withSeries(TestCatalog.event("icom-france", capacity), series, days));
    }

    private static EventSnapshot withSeries(EventSnapshot e, UUID series, int days) {
        return TestCatalog.inSeries(
                e, series, Instant.now().plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.SECONDS));
    }

    /** A new occurrence told as the catalog does, through the catalog consumer (its message, not Kafka). */
    @SuppressWarnings("unchecked")
    private UUID publishThroughTheConsumer(UUID series, int days) {
        UUID eventId = UUID.randomUUID();
        Instant start = Instant.now().plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.SECONDS);
        String message =
                """
                {"id": "%s", "type": "EventPublished", "occurredAt": "%s",
                 "event": {"id": "%s", "organisation": "icom-france", "status": "PUBLISHED", "capacity": 10,
                           "registration": {"requiresApproval": false, "waitlist": true},
                           "startsAt": "%s", "endsAt": "%s", "version": 1, "seriesId": "%s"}}
                """
                        .formatted(
                                UUID.randomUUID(),
                                Instant.now(),
                                eventId,
                                start,
                                start.plus(Duration.ofHours(2)),
                                series);
        Consumer<Message<byte[]>> consumer = (Consumer<Message<byte[]>>) context.getBean("catalogEvents");
        consumer.accept(MessageBuilder.withPayload(message.getBytes(StandardCharsets.UTF_8))
                .build());
        return eventId;
    }

    private Response subscribe(UUID series, String email) {
        return api.post("/api/series/" + series + "/subscriptions", Api.body("Élise Durand", email));
    }

    private static String body(String email, String answers) {
        return """
                {"name": "Élise Durand", "email": "%s", "language": "fr", "consent": true%s}
                """
                .formatted(email, answers == null ? "" : ", \"answers\": " + answers);
    }

    private JsonNode view(String id, String token) {
        Response view = api.get("/api/subscriptions/" + id + "?token=" + token);
        assertThat(view.status()).as(view.toString()).isEqualTo(200);
        return view.json();
    }

    private static String email() {
        return "follower-" + UUID.randomUUID() + "@example.org";
    }

    private static List<UUID> eventIds(JsonNode registrations) {
        List<UUID> ids = new ArrayList<>();
        registrations.forEach(r -> ids.add(UUID.fromString(r.get("eventId").asString())));
        return ids;
    }

    private List<String> registrationsOf(UUID eventId, String subscriptionId) {
        return jdbc.sql("SELECT status FROM registration WHERE event_id = :event AND subscription_id = :sub")
                .param("event", eventId)
                .param("sub", UUID.fromString(subscriptionId))
                .query(String.class)
                .list();
    }

    private String outcome(String subscriptionId, UUID eventId) {
        return jdbc.sql("SELECT outcome FROM subscription_enrolment WHERE subscription_id = :sub AND event_id = :event")
                .param("sub", UUID.fromString(subscriptionId))
                .param("event", eventId)
                .query(String.class)
                .single();
    }

    private String answers(String registrationId) {
        return jdbc.sql("SELECT answers::text FROM registration WHERE id = :id")
                .param("id", UUID.fromString(registrationId))
                .query(String.class)
                .single();
    }

    private static String manageToken(JsonNode message) {
        String url = message.get("manageUrl").asString();
        return url.substring(url.indexOf("token=") + 6);
    }

    private JsonNode message(String registrationId, String type) {
        List<JsonNode> found = messages(registrationId).stream()
                .filter(m -> type.equals(m.get("type").asString()))
                .toList();
        assertThat(found).as(type).hasSize(1);
        return found.get(0);
    }

    private List<JsonNode> messages(String registrationId) {
        return jdbc
                .sql("SELECT payload FROM outbox WHERE destination = 'registration.events' AND payload LIKE :like"
                        + " ORDER BY occurred_at, id")
                .param("like", "%" + registrationId + "%")
                .query(String.class)
                .list()
                .stream()
                .map(JSON::readTree)
                .filter(m -> registrationId.equals(m.path("registrationId").asString()))
                .toList();
    }
}
