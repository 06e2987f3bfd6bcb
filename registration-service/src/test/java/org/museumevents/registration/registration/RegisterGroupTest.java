package org.museumevents.registration.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.museumevents.registration.RegistrationIntegrationTest;
import org.museumevents.registration.TestCatalog;
import org.museumevents.registration.event.EventRepository;
import org.museumevents.registration.event.EventSnapshot;
import org.museumevents.registration.event.Question;
import org.museumevents.registration.event.Refusal;
import org.museumevents.registration.registration.RegisterGroup.Attempt;
import org.museumevents.starter.problem.InvalidFields;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.BooleanNode;

/**
 * One group's transaction on real PostgreSQL: each attempt answered alone (a duplicate or a replay
 * never aborts the others), places and waiting-list positions in order of arrival within and across
 * groups, and an event (its questions included) judged as it stands under its row lock.
 */
@RegistrationIntegrationTest
class RegisterGroupTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    RegisterGroup group;

    @Autowired
    EventRepository events;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcClient jdbc;

    /** The event the attempts of the test are for. */
    private UUID eventOfTheTest;

    private EventSnapshot use(EventSnapshot event) {
        eventOfTheTest = event.id();
        return event;
    }

    @Test
    void placesThenWaitlistsWithTheStatusesAndMessagesOfTheEvent() {
        EventSnapshot event = use(TestCatalog.apply(
                context, TestCatalog.with(TestCatalog.event("icom-france", 1), "PUBLISHED", 1, true, true)));
        Attempt first = attempt(email());
        Attempt second = attempt(email());

        List<RegisterGroup.Answer> answers = group.run(event.id(), List.of(first, second));

        assertThat(answers)
                .containsExactly(
                        new RegisterGroup.Placed(first.registrationId(), RegistrationStatus.PENDING, null),
                        new RegisterGroup.Placed(second.registrationId(), RegistrationStatus.WAITLISTED, 1));
        assertThat(messageTypes(event.id())).containsExactly("RegistrationPending", "RegistrationWaitlisted");
        assertThat(jdbc.sql("SELECT status FROM registration WHERE event_id = :id ORDER BY waitlist_seq NULLS FIRST")
                        .param("id", event.id())
                        .query(String.class)
                        .list())
                .containsExactly("PENDING", "WAITLISTED");
        assertThat(counters(event.id())).isEqualTo(List.of(1, 1));
    }

    @Test
    void answersThatDoNotFitAreRefusedAloneTakingNeitherPlaceNorEmail() {
        EventSnapshot event = use(TestCatalog.apply(
                context,
                TestCatalog.questions(
                        TestCatalog.with(TestCatalog.event("icom-france", 1), "PUBLISHED", 1, false, false),
                        List.of(new Question(
                                "member", Question.Kind.YES_NO, Map.of("en", "Member?"), List.of(), true)))));
        String email = email();
        Attempt unanswered = attempt(email, Map.of());
        Attempt answered = attempt(email, Map.of("member", BooleanNode.FALSE));

        List<RegisterGroup.Answer> answers = group.run(event.id(), List.of(unanswered, answered));

        assertThat(answers.get(0))
                .isInstanceOfSatisfying(RegisterGroup.InvalidAnswers.class, invalid -> assertThat(invalid.problems())
                        .extracting(InvalidFields.FieldProblem::field)
                        .containsExactly("answers.member"));
        assertThat(answers.get(1))
                .isEqualTo(new RegisterGroup.Placed(answered.registrationId(), RegistrationStatus.CONFIRMED, null));
        assertThat(counters(event.id())).isEqualTo(List.of(1, 0));
        assertThat(messageTypes(event.id())).containsExactly("RegistrationConfirmed");
        assertThat(jdbc.sql("SELECT CAST(answers AS text) FROM registration WHERE event_id = :id")
                        .param("id", event.id())
                        .query(String.class)
                        .single())
                .isEqualTo("{\"member\": false}");

        // The questions as they stand under the lock judge: once "member" is no longer asked, it is unknown.
        TestCatalog.apply(context, TestCatalog.questions(event, List.of()));
        assertThat(group.run(event.id(), List.of(attempt(email(), Map.of("member", BooleanNode.TRUE)))))
                .singleElement()
                .isInstanceOf(RegisterGroup.InvalidAnswers.class);
    }

    @Test
    void aFullEventWithoutWaitingListTakesNobodyMoreAndWritesNothingForThem() {
        EventSnapshot event = use(TestCatalog.apply(
                context, TestCatalog.with(TestCatalog.event("icom-france", 1), "PUBLISHED", 1, false, false)));

        List<RegisterGroup.Answer> answers = group.run(event.id(), List.of(attempt(email()), attempt(email())));

        assertThat(answers.get(1)).isEqualTo(new RegisterGroup.Refused(Refusal.EVENT_FULL));
        assertThat(registrations(event.id())).isEqualTo(1);
        assertThat(messageTypes(event.id())).containsExactly("RegistrationConfirmed");
        assertThat(counters(event.id())).isEqualTo(List.of(1, 0));
    }

    @Test
    void aDuplicateEmailInsideAGroupIsRefusedAloneAndNobodyElseIsLost() {
        EventSnapshot event = use(TestCatalog.apply(context, TestCatalog.event("icom-france", 10)));
        String email = email();
        Attempt first = attempt(email);
        Attempt again = attempt(" " + email.toUpperCase(java.util.Locale.ROOT));
        Attempt other = attempt(email());
        String stored = email();
        group.run(event.id(), List.of(attempt(stored)));
        Attempt alreadyStored = attempt(stored);

        List<RegisterGroup.Answer> answers = group.run(event.id(), List.of(first, again, other, alreadyStored));

        assertThat(answers)
                .containsExactly(
                        new RegisterGroup.Placed(first.registrationId(), RegistrationStatus.CONFIRMED, null),
                        new RegisterGroup.Duplicate(),
                        new RegisterGroup.Placed(other.registrationId(), RegistrationStatus.CONFIRMED, null),
                        new RegisterGroup.Duplicate());
        assertThat(registrations(event.id())).isEqualTo(3);
        assertThat(messageTypes(event.id())).hasSize(3);
        assertThat(counters(event.id())).isEqualTo(List.of(3, 0));
    }

    @Test
    void anIdempotencyKeyUsedTwiceInOneGroupRegistersOnceAndTheReplayAnswersTheSame() {
        EventSnapshot event = use(TestCatalog.apply(context, TestCatalog.event("icom-france", 10)));
        String key = "group-" + UUID.randomUUID();
        Attempt first = attempt(email(), key, "body");
        Attempt replay = attempt(first.request().email(), key, "body");
        Attempt otherBody = attempt(email(), key, "another body");

        List<RegisterGroup.Answer> answers = group.run(event.id(), List.of(first, replay, otherBody));

        RegisterGroup.Placed placed =
                new RegisterGroup.Placed(first.registrationId(), RegistrationStatus.CONFIRMED, null);
        assertThat(answers)
                .containsExactly(
                        placed,
                        new RegisterGroup.Replay(first.registrationId(), placed),
                        new RegisterGroup.KeyReused());
        assertThat(registrations(event.id())).isEqualTo(1);
        assertThat(jdbc.sql("SELECT registration_id FROM idempotency_key WHERE event_id = :id")
                        .param("id", event.id())
                        .query(UUID.class)
                        .list())
                .containsExactly(first.registrationId());

        // In the next group the stored key answers the same registration.
        assertThat(group.run(event.id(), List.of(attempt(email(), key, "body"))))
                .containsExactly(new RegisterGroup.Replay(first.registrationId(), null));
    }

    @Test
    void waitingListPositionsFollowTheOrderOfArrivalWithinAndAcrossGroups() {
        EventSnapshot event = use(TestCatalog.apply(context, TestCatalog.event("icom-france", 1)));
        List<Attempt> firstGroup = List.of(attempt(email()), attempt(email()), attempt(email()));
        List<Attempt> secondGroup = List.of(attempt(email()), attempt(email()));

        List<RegisterGroup.Answer> first = group.run(event.id(), firstGroup);
        List<RegisterGroup.Answer> second = group.run(event.id(), secondGroup);

        assertThat(first)
                .containsExactly(
                        new RegisterGroup.Placed(
                                firstGroup.get(0).registrationId(), RegistrationStatus.CONFIRMED, null),
                        new RegisterGroup.Placed(firstGroup.get(1).registrationId(), RegistrationStatus.WAITLISTED, 1),
                        new RegisterGroup.Placed(firstGroup.get(2).registrationId(), RegistrationStatus.WAITLISTED, 2));
        assertThat(second)
                .containsExactly(
                        new RegisterGroup.Placed(secondGroup.get(0).registrationId(), RegistrationStatus.WAITLISTED, 3),
                        new RegisterGroup.Placed(
                                secondGroup.get(1).registrationId(), RegistrationStatus.WAITLISTED, 4));
        assertThat(jdbc.sql("SELECT id FROM registration WHERE event_id = :id AND status = 'WAITLISTED'"
                                + " ORDER BY waitlist_seq")
                        .param("id", event.id())
                        .query(UUID.class)
                        .list())
                .containsExactly(
                        firstGroup.get(1).registrationId(),
                        firstGroup.get(2).registrationId(),
                        secondGroup.get(0).registrationId(),
                        secondGroup.get(1).registrationId());
        // The messages leave in the same order (the outbox relays by id).
        assertThat(jdbc.sql(
                                "SELECT CAST(CAST(payload AS jsonb) ->> 'registrationId' AS uuid) FROM outbox WHERE message_key = :key"
                                        + " ORDER BY id")
                        .param("key", event.id().toString())
                        .query(UUID.class)
                        .list())
                .containsExactly(
                        firstGroup.get(0).registrationId(),
                        firstGroup.get(1).registrationId(),
                        firstGroup.get(2).registrationId(),
                        secondGroup.get(0).registrationId(),
                        secondGroup.get(1).registrationId());
    }

    @Test
    void aGroupThatHitsTheLastPlacesConfirmsExactlyTheCapacity() {
        EventSnapshot event = use(TestCatalog.apply(context, TestCatalog.event("icom-france", 3)));
        group.run(event.id(), List.of(attempt(email())));
        List<Attempt> attempts = List.of(attempt(email()), attempt(email()), attempt(email()), attempt(email()));

        List<RegisterGroup.Answer> answers = group.run(event.id(), attempts);

        assertThat(answers)
                .extracting(a -> ((RegisterGroup.Placed) a).status())
                .containsExactly(
                        RegistrationStatus.CONFIRMED,
                        RegistrationStatus.CONFIRMED,
                        RegistrationStatus.WAITLISTED,
                        RegistrationStatus.WAITLISTED);
        assertThat(jdbc.sql("SELECT count(*) FROM registration WHERE event_id = :id AND status = 'CONFIRMED'")
                        .param("id", event.id())
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
        assertThat(counters(event.id())).isEqualTo(List.of(3, 2));
    }

    @Test
    void aCatalogChangeMadeWhileTheGroupWaitsForTheEventIsWhatTheGroupJudges() throws Exception {
        EventSnapshot event = use(TestCatalog.apply(context, TestCatalog.event("icom-france", 10)));
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch groupWaits = new CountDownLatch(1);
        // The catalog's consumer holds the event's row while it applies a cancellation.
        CompletableFuture<Void> catalog = CompletableFuture.runAsync(() -> tx.executeWithoutResult(status -> {
            events.lock(event.id());
            locked.countDown();
            awaitLatch(groupWaits);
            context.getBean(CatalogChanges.class).apply(TestCatalog.with(event, "CANCELLED", 10, false, true));
        }));
        awaitLatch(locked);
        CompletableFuture<List<RegisterGroup.Answer>> answers =
                CompletableFuture.supplyAsync(() -> group.run(event.id(), List.of(attempt(email()))));
        await().atMost(30, TimeUnit.SECONDS).until(() -> waitingForALock() > 0);
        groupWaits.countDown();
        catalog.get(30, TimeUnit.SECONDS);

        assertThat(answers.get(30, TimeUnit.SECONDS))
                .containsExactly(new RegisterGroup.Refused(Refusal.EVENT_CANCELLED));
        assertThat(registrations(event.id())).isZero();
    }

    private int waitingForALock() {
        return jdbc.sql("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND wait_event_type = 'Lock'")
                .query(Integer.class)
                .single();
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Gave up waiting");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Attempt attempt(String email) {
        return attempt(email, null, null);
    }

    private Attempt attempt(String email, Map<String, JsonNode> answers) {
        return attempt(email, null, null, answers);
    }

    private Attempt attempt(String email, String key, String body) {
        return attempt(email, key, body, null);
    }

    private Attempt attempt(String email, String key, String body, Map<String, JsonNode> answers) {
        RegistrationRequest request =
                new RegistrationRequest("Élise Durand", email, null, "fr", "Europe/Paris", null, true, answers);
        return group.attempt(
                eventOfTheTest,
                request,
                Tokens.newToken(),
                key,
                body == null ? null : Tokens.hash(body),
                null,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    private static String email() {
        return "group-" + UUID.randomUUID() + "@example.org";
    }

    private long registrations(UUID eventId) {
        return jdbc.sql("SELECT count(*) FROM registration WHERE event_id = :id")
                .param("id", eventId)
                .query(Long.class)
                .single();
    }

    private List<String> messageTypes(UUID eventId) {
        return jdbc.sql("SELECT type FROM outbox WHERE message_key = :key ORDER BY id")
                .param("key", eventId.toString())
                .query(String.class)
                .list();
    }

    /** The event row's taken and waitlisted. */
    private List<Integer> counters(UUID eventId) {
        return jdbc.sql("SELECT taken, waitlisted FROM event WHERE id = :id")
                .param("id", eventId)
                .query((rs, n) -> List.of(rs.getInt("taken"), rs.getInt("waitlisted")))
                .single();
    }
}
