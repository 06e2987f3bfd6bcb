package org.museumevents.registration.reconfirmation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.museumevents.registration.Api;
import org.museumevents.registration.Api.Response;
import org.museumevents.registration.KafkaProbe;
import org.museumevents.registration.RegistrationIntegrationTest;
import org.museumevents.registration.TestCatalog;
import org.museumevents.registration.event.EventSnapshot;
import org.museumevents.registration.event.ReconfirmationPolicy;
import org.museumevents.registration.registration.Reconfirmations;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reconfirmation (issue 17, docs/api.md "Reconfirmation") on the real servers: asking, reminding and
 * releasing driven by {@link Reconfirmations#run} at chosen instants of the event's timeline (the
 * scheduler calls it with the service clock's instant; the events here start a month away, so the
 * scheduler running in the background at the real time has nothing to do for them), and the
 * registrant's answers over HTTP.
 *
 * <p>The policy of most events here: asked 10 days before the start, reminded 6 days before,
 * deadline 2 days before.
 */
@RegistrationIntegrationTest
class ReconfirmationTest {

    private static final String ICOM = TestTokens.bearer("icom-france");
    private static final String PROBLEMS = "https://museum-events.org/problems/";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final java.util.concurrent.atomic.AtomicInteger EVENTS =
            new java.util.concurrent.atomic.AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Reconfirmations reconfirmations;

    Api api;

    @BeforeEach
    void api() {
        api = Api.onPort(port);
    }

    @Test
    void yesIsRecordedOnceAndNeitherRemindedNorReleased() {
        EventSnapshot event = event(2, true);
        JsonNode a = register(event);
        JsonNode b = register(event);

        reconfirmations.run(ask(event));
        assertThat(types(a)).containsExactly("RegistrationConfirmed", "RegistrationReconfirmationRequested");

        Response yes = api.post(path(a, "reconfirm"), null);
        assertThat(yes.status()).as(yes.toString()).isEqualTo(200);
        assertThat(yes.json().get("status").asString()).isEqualTo("CONFIRMED");
        Instant reconfirmedAt = Instant.parse(yes.json().get("reconfirmedAt").asString());
        // Idempotent: the same view, the first instant, one message.
        Response again = api.post(path(a, "reconfirm"), null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(Instant.parse(again.json().get("reconfirmedAt").asString())).isEqualTo(reconfirmedAt);
        assertThat(api.get(manage(a)).json().get("reconfirmedAt").asString()).isEqualTo(reconfirmedAt.toString());
        JsonNode reconfirmed = last(a);
        assertThat(reconfirmed.get("type").asString()).isEqualTo("RegistrationReconfirmed");
        assertThat(reconfirmed.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(fieldNames(reconfirmed)).isEqualTo(fieldNames(example(reconfirmed)));
        assertThat(reconfirmed.get("reconfirmUrl").isNull()).isTrue();

        reconfirmations.run(remind(event));
        reconfirmations.run(due(event));
        assertThat(types(a))
                .containsExactly(
                        "RegistrationConfirmed", "RegistrationReconfirmationRequested", "RegistrationReconfirmed");
        assertThat(status(a)).isEqualTo("CONFIRMED");
        // The silent one was reminded and released.
        assertThat(types(b))
                .containsExactly(
                        "RegistrationConfirmed",
                        "RegistrationReconfirmationRequested",
                        "RegistrationReconfirmationReminded",
                        "RegistrationReleased");
        assertThat(status(b)).isEqualTo("RELEASED");
    }

    @Test
    void noCancelsAndPromotesTheFirstWaitingInOrder() {
        EventSnapshot event = event(1, true);
        JsonNode holder = register(event);
        JsonNode first = register(event);
        JsonNode second = register(event);
        reconfirmations.run(ask(event));

        Response no = api.post(path(holder, "decline"), null);
        assertThat(no.status()).as(no.toString()).isEqualTo(200);
        assertThat(no.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(no.json().get("cancelledBy").asString()).isEqualTo("REGISTRANT");
        assertThat(status(first)).isEqualTo("CONFIRMED");
        assertThat(status(second)).isEqualTo("WAITLISTED");
        assertThat(last(holder).get("type").asString()).isEqualTo("RegistrationCancelled");
        assertThat(last(holder).get("cancelledBy").asString()).isEqualTo("REGISTRANT");
        assertThat(last(first).get("type").asString()).isEqualTo("RegistrationPromoted");
        // Idempotent: a second "no" answers the same view and sends nothing.
        int messages = types(holder).size();
        Response again = api.post(path(holder, "decline"), null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(types(holder)).hasSize(messages);
    }

    @Test
    void theSilentAreAskedRemindedAndReleasedAtTheDeadlineTheWaitingPromotedInOrder() {
        EventSnapshot event = event(2, true);
        JsonNode a = register(event);
        JsonNode b = register(event);
        JsonNode w1 = register(event);
        JsonNode w2 = register(event);
        JsonNode w3 = register(event);

        // Before the ask nothing happens.
        assertThat(reconfirmations.run(ask(event).minusSeconds(1))).isEqualTo(new Reconfirmations.Run(0, 0, 0));
        Reconfirmations.Run asked = reconfirmations.run(ask(event));
        assertThat(types(a)).endsWith("RegistrationReconfirmationRequested");
        assertThat(types(w1)).doesNotContain("RegistrationReconfirmationRequested");
        // Asked once only.
        reconfirmations.run(ask(event).plusSeconds(60));
        assertThat(types(a)).containsOnlyOnce("RegistrationReconfirmationRequested");
        // No reminder before halfway.
        reconfirmations.run(remind(event).minusSeconds(1));
        assertThat(types(a)).doesNotContain("RegistrationReconfirmationReminded");
        reconfirmations.run(remind(event));
        reconfirmations.run(remind(event).plusSeconds(60));
        assertThat(types(a)).containsOnlyOnce("RegistrationReconfirmationReminded");
        // Not released before the deadline.
        reconfirmations.run(due(event).minusSeconds(1));
        assertThat(status(a)).isEqualTo("CONFIRMED");
        assertThat(stats(event).get("reconfirmation").get("silent").asLong()).isEqualTo(2);

        reconfirmations.run(due(event));
        assertThat(status(a)).isEqualTo("RELEASED");
        assertThat(status(b)).isEqualTo("RELEASED");
        assertThat(status(w1)).isEqualTo("CONFIRMED");
        assertThat(status(w2)).isEqualTo("CONFIRMED");
        assertThat(status(w3)).isEqualTo("WAITLISTED");
        assertThat(api.get(manage(w3)).json().get("waitlistPosition").asInt()).isEqualTo(1);
        JsonNode released = last(a);
        assertThat(released.get("type").asString()).isEqualTo("RegistrationReleased");
        assertThat(released.get("status").asString()).isEqualTo("RELEASED");
        assertThat(released.get("previousStatus").asString()).isEqualTo("CONFIRMED");
        assertThat(last(w1).get("type").asString()).isEqualTo("RegistrationPromoted");
        // The promotions went in waiting-list order.
        assertThat(outboxIdOf(w1, "RegistrationPromoted")).isLessThan(outboxIdOf(w2, "RegistrationPromoted"));
        // Released once.
        reconfirmations.run(due(event).plusSeconds(60));
        assertThat(types(a)).containsOnlyOnce("RegistrationReleased");
        assertThat(asked.asked()).isGreaterThanOrEqualTo(2);

        JsonNode counts = stats(event).get("reconfirmation");
        assertThat(counts.get("asked").asLong()).isEqualTo(2);
        assertThat(counts.get("reconfirmed").asLong()).isZero();
        assertThat(counts.get("declined").asLong()).isZero();
        assertThat(counts.get("silent").asLong()).isZero();
        assertThat(counts.get("released").asLong()).isEqualTo(2);
        JsonNode releasedList = api.get(
                        "/api/events/" + event.id() + "/attendees?status=RELEASED", "Authorization", ICOM)
                .json();
        assertThat(releasedList.get("page").get("totalElements").asLong()).isEqualTo(2);
    }

    @Test
    void theSilentKeepTheirPlaceWhenThePolicyDoesNotReleaseThem() {
        EventSnapshot event = event(1, false);
        JsonNode a = register(event);
        reconfirmations.run(ask(event));
        reconfirmations.run(remind(event));
        reconfirmations.run(due(event));
        assertThat(status(a)).isEqualTo("CONFIRMED");
        assertThat(types(a))
                .containsExactly(
                        "RegistrationConfirmed",
                        "RegistrationReconfirmationRequested",
                        "RegistrationReconfirmationReminded");
        assertThat(stats(event).get("reconfirmation").get("silent").asLong()).isEqualTo(1);
    }

    /**
     * Someone recorded as present (checked in at the door, or marked attended) is never silent: not
     * asked, not reminded, not released. Seen failing (asked, then RELEASED with their attendance)
     * without the {@code checked_in_at IS NULL} conditions.
     */
    @Test
    void someoneCheckedInIsNeitherAskedNorRemindedNorReleased() {
        EventSnapshot event = event(2, true);
        JsonNode present = register(event);
        JsonNode silent = register(event);
        JsonNode waiting = register(event);
        Response marked = api.put(
                "/api/events/" + event.id() + "/attendance/" + present.get("id").asString(),
                "{\"attended\": true}",
                "Authorization",
                ICOM);
        assertThat(marked.status()).as(marked.toString()).isEqualTo(200);

        reconfirmations.run(ask(event));
        reconfirmations.run(remind(event));
        reconfirmations.run(due(event));

        assertThat(types(present)).containsExactly("RegistrationConfirmed", "RegistrationAttended");
        assertThat(status(present)).isEqualTo("CONFIRMED");
        assertThat(status(silent)).isEqualTo("RELEASED");
        assertThat(status(waiting)).isEqualTo("CONFIRMED");
    }

    /** From the start on nobody is released: a place freed then would go to nobody. */
    @Test
    void nobodyIsReleasedFromTheStartOn() {
        EventSnapshot event = event(1, true);
        JsonNode a = register(event);
        JsonNode w = register(event);
        reconfirmations.run(ask(event));
        reconfirmations.run(remind(event));
        // The scheduler was down from before the deadline until the event started.
        reconfirmations.run(event.startsAt());
        reconfirmations.run(event.startsAt().plusSeconds(60));
        assertThat(status(a)).isEqualTo("CONFIRMED");
        assertThat(status(w)).isEqualTo("WAITLISTED");
        assertThat(types(a)).doesNotContain("RegistrationReleased");
    }

    @Test
    void nobodyIsAskedFromTheDeadlineOnNorReleasedWithoutBeingAskedAndReminded() {
        EventSnapshot event = event(1, true);
        JsonNode a = register(event);
        JsonNode b = register(event);
        // The scheduler was down from before the ask until the deadline.
        reconfirmations.run(due(event));
        reconfirmations.run(due(event).plusSeconds(3600));
        assertThat(types(a)).containsExactly("RegistrationConfirmed");
        assertThat(status(a)).isEqualTo("CONFIRMED");

        // Asked but never reminded: not released either.
        EventSnapshot other = event(1, true);
        JsonNode c = register(other);
        reconfirmations.run(ask(other));
        reconfirmations.run(due(other));
        assertThat(types(c)).containsExactly("RegistrationConfirmed", "RegistrationReconfirmationRequested");
        assertThat(status(c)).isEqualTo("CONFIRMED");
        assertThat(status(b)).isEqualTo("WAITLISTED");
    }

    @Test
    void aRegistrationConfirmedAfterTheAskIsNotAsked() {
        // The ask was 10 days ago (the event starts in 20 days, asked 30 days before).
        Instant start = Instant.now().plus(Duration.ofDays(20));
        EventSnapshot event =
                TestCatalog.apply(context, withPolicy(TestCatalog.event("icom-france", 2), start, "P30D", "P2D", true));
        // Two registered 15 days ago, before the ask; one waiting since then too.
        JsonNode early = register(event);
        JsonNode leaving = register(event);
        JsonNode promoted = register(event);
        for (JsonNode r : List.of(early, leaving, promoted)) {
            jdbc.sql("UPDATE registration SET created_at = :at WHERE id = :id")
                    .param("at", OffsetDateTime.ofInstant(Instant.now().minus(Duration.ofDays(15)), ZoneOffset.UTC))
                    .param("id", UUID.fromString(r.get("id").asString()))
                    .update();
        }
        // Registered now, after the ask.
        JsonNode late = register(event);
        // The waiting one gets a place now, after the ask: they have just chosen.
        assertThat(api.post(path(leaving, "decline"), null).status()).isEqualTo(200);
        assertThat(status(promoted)).isEqualTo("CONFIRMED");

        reconfirmations.run(Instant.now());
        reconfirmations.run(Instant.now().plusSeconds(60));
        assertThat(types(early)).containsExactly("RegistrationConfirmed", "RegistrationReconfirmationRequested");
        assertThat(types(promoted)).containsExactly("RegistrationWaitlisted", "RegistrationPromoted");
        assertThat(types(late)).containsExactly("RegistrationWaitlisted");
    }

    @Test
    void aReleasedRegistrantTakesAPlaceBackWhileOneIsFreeElse409() {
        // Two places, nobody waiting: a released place stays free.
        EventSnapshot roomy = event(2, true);
        JsonNode a = register(roomy);
        JsonNode b = register(roomy);
        silence(roomy);
        assertThat(status(a)).isEqualTo("RELEASED");
        Response back = api.post(path(a, "reconfirm"), null);
        assertThat(back.status()).as(back.toString()).isEqualTo(200);
        assertThat(back.json().get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(back.json().get("reconfirmedAt").isNull()).isFalse();
        JsonNode confirmed = last(a);
        assertThat(confirmed.get("type").asString()).isEqualTo("RegistrationConfirmed");
        assertThat(confirmed.get("previousStatus").asString()).isEqualTo("RELEASED");
        assertThat(confirmed.get("reconfirmUrl").isNull()).isTrue();
        assertThat(taken(roomy)).isEqualTo(1);
        assertThat(status(b)).isEqualTo("RELEASED");

        // One place, someone waiting: the place went to them, none is free.
        EventSnapshot full = event(1, true);
        JsonNode holder = register(full);
        JsonNode waiting = register(full);
        silence(full);
        assertThat(status(holder)).isEqualTo("RELEASED");
        assertThat(status(waiting)).isEqualTo("CONFIRMED");
        Response none = api.post(path(holder, "reconfirm"), null);
        assertThat(none.status()).as(none.toString()).isEqualTo(409);
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(none.json().get("type").asString()).isEqualTo(PROBLEMS + "no-place-free");
        assertThat(status(holder)).isEqualTo("RELEASED");
        // "No" from a released registrant changes nothing.
        Response no = api.post(path(holder, "decline"), null);
        assertThat(no.status()).isEqualTo(200);
        assertThat(no.json().get("status").asString()).isEqualTo("RELEASED");
    }

    @Test
    void aWrongOrMissingTokenIs404AndOtherStatusesAre409() {
        EventSnapshot event = event(1, true);
        JsonNode a = register(event);
        JsonNode w = register(event);
        String id = a.get("id").asString();
        for (String action : List.of("reconfirm", "decline")) {
            Response wrong = api.post("/api/registrations/" + id + "/" + action + "?token=wrong", null);
            assertThat(wrong.status()).as(action).isEqualTo(404);
            assertThat(wrong.contentType()).startsWith("application/problem+json");
            assertThat(api.post("/api/registrations/" + id + "/" + action, null).status())
                    .isEqualTo(404);
            assertThat(api.post("/api/registrations/" + UUID.randomUUID() + "/" + action + "?token=x", null)
                            .status())
                    .isEqualTo(404);
        }
        Response waiting = api.post(path(w, "reconfirm"), null);
        assertThat(waiting.status()).isEqualTo(409);
        assertThat(waiting.json().get("type").asString()).isEqualTo(PROBLEMS + "registration-not-active");
        assertThat(status(a)).isEqualTo("CONFIRMED");
    }

    @Test
    void twoConcurrentRunsAskRemindAndReleaseEachOnce() throws Exception {
        int holders = 12;
        EventSnapshot event = event(holders, true);
        List<JsonNode> registered = new ArrayList<>();
        for (int i = 0; i < holders + 4; i++) {
            registered.add(register(event));
        }
        for (Instant at : List.of(ask(event), remind(event), due(event))) {
            concurrently(at);
        }
        for (JsonNode r : registered.subList(0, holders)) {
            assertThat(types(r))
                    .containsExactly(
                            "RegistrationConfirmed",
                            "RegistrationReconfirmationRequested",
                            "RegistrationReconfirmationReminded",
                            "RegistrationReleased");
        }
        for (JsonNode r : registered.subList(holders, holders + 4)) {
            assertThat(types(r)).containsExactly("RegistrationWaitlisted", "RegistrationPromoted");
        }
        assertThat(taken(event)).isEqualTo(4);
        assertThat(stats(event).get("reconfirmation").get("released").asLong()).isEqualTo(holders);
    }

    @Test
    void theMessagesOnKafkaCarryTheReconfirmAndDeclineLinks() {
        String kafka = context.getEnvironment().getProperty("spring.kafka.bootstrap-servers");
        EventSnapshot event = event(1, true);
        JsonNode a = register(event);
        String id = a.get("id").asString();
        try (KafkaProbe out = new KafkaProbe(kafka, "registration.events")) {
            silence(event);
            List<JsonNode> mine = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                mine.clear();
                out.poll().stream()
                        .map(r -> JSON.readTree(new String(r.value(), StandardCharsets.UTF_8)))
                        .filter(m -> id.equals(m.path("registrationId").asString()))
                        .forEach(mine::add);
                return mine.size() >= 4;
            });
            assertThat(mine.stream().map(m -> m.get("type").asString()))
                    .containsExactly(
                            "RegistrationConfirmed",
                            "RegistrationReconfirmationRequested",
                            "RegistrationReconfirmationReminded",
                            "RegistrationReleased");
            assertThat(mine.get(0).has("reconfirmUrl")).isTrue();
            assertThat(mine.get(0).get("reconfirmUrl").isNull()).isTrue();
            assertThat(mine.get(0).get("declineUrl").isNull()).isTrue();
            for (JsonNode m : mine.subList(1, 4)) {
                String token = m.get("manageUrl").asString().replaceAll(".*\\?token=", "");
                assertThat(m.get("reconfirmUrl").asString())
                        .isEqualTo("https://events.example.org/registrations/" + id + "/reconfirm?token=" + token);
                assertThat(m.get("declineUrl").asString())
                        .isEqualTo("https://events.example.org/registrations/" + id + "/decline?token=" + token);
                // The link's token opens the registration.
                assertThat(api.get("/api/registrations/" + id + "?token=" + token)
                                .status())
                        .isEqualTo(200);
            }
            // Every message in the shape of its committed example (src/test/resources/messages/<type>.json).
            for (JsonNode m : mine) {
                assertThat(fieldNames(m)).as(m.get("type").asString()).isEqualTo(fieldNames(example(m)));
            }
            assertThat(mine.get(1).get("status").asString()).isEqualTo("CONFIRMED");
            assertThat(mine.get(3).get("status").asString()).isEqualTo("RELEASED");
        }
        // After erasure the links are gone from the outbox too.
        Response erased = api.delete("/api/registrations/" + id + "/personal-data", "Authorization", ICOM);
        assertThat(erased.status()).isEqualTo(204);
        assertThat(messages(a))
                .filteredOn(m -> !"RegistrationErased".equals(m.get("type").asString()))
                .hasSize(4)
                .allSatisfy(m -> assertThat(m.get("reconfirmUrl").isNull()).isTrue())
                .allSatisfy(m -> assertThat(m.get("declineUrl").isNull()).isTrue());
    }

    // --- helpers

    /** A published event a month away with {@code capacity} places, a waiting list and the test policy. */
    private EventSnapshot event(int capacity, boolean releaseSilent) {
        EventSnapshot e = TestCatalog.event("icom-france", capacity);
        // Each event's timeline 20 days after the previous one's: a run at one event's instant finds no
        // other event of these tests in the same step (asks and reminders from start - 10 days to start -
        // 2 days, releases from start - 2 days to the end).
        Instant start = Instant.now().plus(Duration.ofDays(30L + 20L * EVENTS.getAndIncrement()));
        return TestCatalog.apply(context, withPolicy(e, start, "P10D", "P2D", releaseSilent));
    }

    private static EventSnapshot withPolicy(
            EventSnapshot e, Instant start, String before, String deadline, boolean releaseSilent) {
        return TestCatalog.reconfirming(
                e,
                start.truncatedTo(ChronoUnit.SECONDS),
                ReconfirmationPolicy.of(before, deadline, releaseSilent).orElseThrow());
    }

    private static Instant ask(EventSnapshot e) {
        return e.reconfirmation().askAt(e.startsAt());
    }

    private static Instant remind(EventSnapshot e) {
        return e.reconfirmation().remindAt(e.startsAt());
    }

    private static Instant due(EventSnapshot e) {
        return e.reconfirmation().dueAt(e.startsAt());
    }

    /** Asked, reminded, silent until the deadline. */
    private void silence(EventSnapshot event) {
        reconfirmations.run(ask(event));
        reconfirmations.run(remind(event));
        reconfirmations.run(due(event));
    }

    private void concurrently(Instant at) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<Reconfirmations.Run>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                start.await();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            return reconfirmations.run(at);
                        },
                        pool));
            }
            for (CompletableFuture<Reconfirmations.Run> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private JsonNode register(EventSnapshot event) {
        Response r = api.register(event.id(), "reconfirm-" + UUID.randomUUID() + "@example.org");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    private static String manage(JsonNode registered) {
        return "/api/registrations/" + registered.get("id").asString() + "?token="
                + registered.get("token").asString();
    }

    private static String path(JsonNode registered, String action) {
        return "/api/registrations/" + registered.get("id").asString() + "/" + action + "?token="
                + registered.get("token").asString();
    }

    private String status(JsonNode registered) {
        Response view = api.get(
                "/api/registrations/" + registered.get("id").asString() + "/organiser-view", "Authorization", ICOM);
        assertThat(view.status()).as(view.toString()).isEqualTo(200);
        return view.json().get("status").asString();
    }

    private JsonNode stats(EventSnapshot event) {
        Response stats = api.get("/api/events/" + event.id() + "/registration-stats", "Authorization", ICOM);
        assertThat(stats.status()).as(stats.toString()).isEqualTo(200);
        return stats.json();
    }

    private int taken(EventSnapshot event) {
        return jdbc.sql("SELECT taken FROM event WHERE id = :id")
                .param("id", event.id())
                .query(Integer.class)
                .single();
    }

    private List<JsonNode> messages(JsonNode registered) {
        String id = registered.get("id").asString();
        return jdbc
                .sql("SELECT payload FROM outbox WHERE destination = 'registration.events' AND payload LIKE :like"
                        + " ORDER BY id")
                .param("like", "%" + id + "%")
                .query(String.class)
                .list()
                .stream()
                .map(JSON::readTree)
                .filter(m -> id.equals(m.path("registrationId").asString()))
                .toList();
    }

    private List<String> types(JsonNode registered) {
        return messages(registered).stream().map(m -> m.get("type").asString()).toList();
    }

    private JsonNode last(JsonNode registered) {
        List<JsonNode> all = messages(registered);
        return all.get(all.size() - 1);
    }

    /** The message's field names, in any order (the outbox keeps some payloads as jsonb). */
    private static java.util.Set<String> fieldNames(JsonNode message) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        message.propertyNames().forEach(names::add);
        return names;
    }

    private static JsonNode example(JsonNode message) {
        try {
            return JSON.readTree(Files.readAllBytes(
                    Path.of("src/test/resources/messages", message.get("type").asString() + ".json")));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private long outboxIdOf(JsonNode registered, String type) {
        return jdbc.sql("SELECT id FROM outbox WHERE type = :type AND payload LIKE :like")
                .param("type", type)
                .param("like", "%" + registered.get("id").asString() + "%")
                .query(Long.class)
                .single();
    }
}
