package org.museumevents.registration.registration;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.museumevents.registration.event.Event;
import org.museumevents.registration.event.EventRepository;
import org.museumevents.registration.event.Question;
import org.museumevents.registration.event.Refusal;
import org.museumevents.starter.outbox.Outbox;
import org.museumevents.starter.problem.InvalidFields;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers a group of people for one event in ONE transaction (group commit, ADR 5): it locks the
 * event's row once, judges every attempt in its order of arrival on the event as it stands under
 * that lock, inserts all the registrations, token hashes, idempotency keys and outbox messages
 * with one statement that also moves the counters once, and commits once. The row lock serialises
 * groups, from this instance and from any other, exactly as it serialised single statements before
 * (ADR 1); a group holds it for four round trips and one WAL flush, whatever its size.
 *
 * <p>Where each rule of registering lives, once:
 *
 * <ul>
 *   <li>Visibility (published or cancelled, else 404) and the registration window (cancelled,
 *       started, not open yet, closed): {@code Event.isVisible} and {@code Event.refusalAt}, applied
 *       here to the event read under its lock: a catalog change waits for the lock, so the group
 *       judges the newest version, and one made after it commits finds the registrations made.
 *   <li>Answers to the event's questions (issue 15): {@link Answers#check}, against the questions
 *       read with the locked row, after the window and before the email; the shape that needs no
 *       questions is refused before the group, on the request's thread ({@link Answers#checkShape}).
 *   <li>Approval (a place is PENDING when the event requires approval, else CONFIRMED): {@link
 *       Registration#statusWithAPlace}.
 *   <li>Places and the waiting list, and the waiting order: {@link Places}, counting from the locked
 *       row's counters through the group in arrival order. Places freed later go to the waiting list
 *       in {@link Waitlist}, under the same row lock.
 *   <li>One active registration per email: checked here, under the lock, against the stored
 *       registrations and the earlier attempts of the group, so a duplicate is answered alone; the
 *       unique index {@code registration_one_active_per_email} stays the last word (if it ever
 *       fires, the group is re-run one attempt at a time).
 *   <li>Idempotency keys: a key stored within {@code registration.idempotency-key-lifetime} answers
 *       its first registration (same body) or is refused (another body); a key used twice in one
 *       group answers the first one's result. Older keys are forgotten and the key is new.
 * </ul>
 *
 * <p>Nothing is decided in SQL: statuses, message types and waiting-list positions come from Java
 * and reach the statement as arrays; the statement only writes them into each message, whose
 * rest each request wrote on its own thread ({@link #attempt}), so that the leader's work under
 * the lock stays small.
 */
@Component
class RegisterGroup {

    private static final HexFormat HEX = HexFormat.of();

    private static final String INSERT =
            """
            WITH counters AS (
                UPDATE event SET taken = taken + :placed, waitlisted = waitlisted + :waitlisted,
                                 waitlist_seq = waitlist_seq + :waitlisted
                WHERE id = :eventId
            ), registered AS (
                INSERT INTO registration (id, event_id, status, waitlist_seq, name, email, email_key, organisation,
                                          language, time_zone, interpretation_language, answers, check_in_code,
                                          created_at, updated_at, subscription_id)
                SELECT r.id, :eventId, r.status, r.seq, r.name, r.email, r.email_key, r.organisation,
                       r.language, r.time_zone, r.interpretation_language, CAST(r.answers AS jsonb), r.code, r.at,
                       r.at, r.subscription_id
                FROM unnest(CAST(:ids AS uuid[]), CAST(:statuses AS text[]), CAST(:seqs AS bigint[]),
                            CAST(:names AS text[]), CAST(:emails AS text[]), CAST(:emailKeys AS text[]),
                            CAST(:organisations AS text[]), CAST(:languages AS text[]), CAST(:timeZones AS text[]),
                            CAST(:interpretationLanguages AS text[]), CAST(:answers AS text[]),
                            CAST(:checkInCodes AS text[]), CAST(:at AS timestamptz[]),
                            CAST(:subscriptionIds AS uuid[]))
                     WITH ORDINALITY AS r(id, status, seq, name, email, email_key, organisation, language, time_zone,
                                          interpretation_language, answers, code, at, subscription_id, n)
                ORDER BY r.n
                RETURNING id
            ), token AS (
                INSERT INTO registration_token (hash, registration_id, created_at)
                SELECT decode(t.hash, 'hex'), t.id, t.at
                FROM unnest(CAST(:tokenHashes AS text[]), CAST(:ids AS uuid[]), CAST(:at AS timestamptz[]))
                     AS t(hash, id, at)
            ), idempotency AS (
                INSERT INTO idempotency_key (event_id, key, request_hash, registration_id, created_at)
                SELECT :eventId, k.key, decode(k.hash, 'hex'), k.id, k.at
                FROM unnest(CAST(:keys AS text[]), CAST(:requestHashes AS text[]), CAST(:ids AS uuid[]),
                            CAST(:at AS timestamptz[])) AS k(key, hash, id, at)
                WHERE k.key IS NOT NULL
            ), message AS (
                INSERT INTO outbox (message_id, destination, message_key, type, payload, occurred_at, traceparent)
                SELECT m.message_id, :destination, :messageKey, m.type,
                       CAST(CAST(m.template AS jsonb)
                            || jsonb_build_object('type', m.type, 'status', m.status, 'waitlistPosition', m.position,
                                                 'checkInCode', m.code)
                            AS text),
                       m.at, m.traceparent
                FROM unnest(CAST(:messageIds AS uuid[]), CAST(:types AS text[]), CAST(:statuses AS text[]),
                            CAST(:positions AS integer[]), CAST(:templates AS text[]), CAST(:at AS timestamptz[]),
                            CAST(:traceparents AS text[]), CAST(:messageCodes AS text[]))
                     WITH ORDINALITY AS m(message_id, type, status, position, template, at, traceparent, code, n)
                ORDER BY m.n
            )
            SELECT count(*) FROM registered
            """;

    private final EventRepository events;
    private final RegistrationRepository registrations;
    private final RegistrationProperties properties;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TransactionTemplate tx;
    private final Outbox outbox;

    RegisterGroup(
            EventRepository events,
            RegistrationRepository registrations,
            RegistrationProperties properties,
            JdbcClient jdbc,
            JsonMapper json,
            TransactionTemplate tx,
            Outbox outbox) {
        this.events = events;
        this.registrations = registrations;
        this.properties = properties;
        this.jdbc = jdbc;
        this.json = json;
        this.tx = tx;
        this.outbox = outbox;
    }

    /**
     * One person's request, as it waits for its group; made by {@link #attempt}, on the request's
     * own thread, with everything that does not depend on the group's decisions already computed.
     *
     * @param request the body, with the email as stored and sent
     * @param token the registrant's new token, answered once; only its hash is stored
     * @param tokenHash the token's SHA-256, in hexadecimal
     * @param idempotencyKey the request's {@code Idempotency-Key}, or null
     * @param requestHash SHA-256 of the body, compared with a stored key's; null without a key
     * @param traceparent the W3C trace of the request, stored with its outbox message; may be null
     * @param now the instant of the request (UTC, microseconds), from the service's clock: the
     *     window is judged at it and the registration is created at it
     * @param template its message as JSON, but for {@code type}, {@code status} and {@code
     *     waitlistPosition}, which the group decides
     * @param checkInCode the registration's check-in code ({@link Tokens#newCheckInCode}), drawn
     *     here, off the leader's thread; never in the message
     * @param subscriptionId the series subscription registering (issue 17), or null: its answers are
     *     judged by {@link Answers#checkForOccurrence}
     */
    record Attempt(
            UUID registrationId,
            UUID messageId,
            RegistrationRequest request,
            String token,
            String tokenHash,
            String idempotencyKey,
            byte[] requestHash,
            String traceparent,
            Instant now,
            String template,
            String checkInCode,
            UUID subscriptionId) {}

    /**
     * A new attempt with fresh ids, its token hashed and its message written but for what the group
     * decides: work done on the request's thread, in parallel, not by the group's leader.
     *
     * @param eventId the event registered for
     * @param request the body, with the email as stored and sent
     * @param token the registrant's new token ({@link Tokens#newToken})
     * @param idempotencyKey the request's {@code Idempotency-Key}, or null
     * @param requestHash SHA-256 of the body; null without a key
     * @param traceparent the request's W3C trace, or null
     * @param now the instant of the request (UTC, microseconds)
     */
    Attempt attempt(
            UUID eventId,
            RegistrationRequest request,
            String token,
            String idempotencyKey,
            byte[] requestHash,
            String traceparent,
            Instant now) {
        return attempt(eventId, request, token, idempotencyKey, requestHash, traceparent, now, null, null);
    }

    /**
     * An attempt as {@link #attempt(UUID, RegistrationRequest, String, String, byte[], String, Instant)},
     * made by a series subscription (issue 17).
     *
     * @param subscriptionId the subscription registering, or null
     * @param subscriptionUrl the link its first message carries (a token already stored), or null
     */
    Attempt attempt(
            UUID eventId,
            RegistrationRequest request,
            String token,
            String idempotencyKey,
            byte[] requestHash,
            String traceparent,
            Instant now,
            UUID subscriptionId,
            String subscriptionUrl) {
        UUID id = UUID.randomUUID();
        UUID messageId = UUID.randomUUID();
        // The message carries no answers: they are judged later, and never leave this service.
        Registration draft = Registration.fromRequest(id, eventId, request, null, null, Map.of(), now, subscriptionId);
        String template = json.writeValueAsString(RegistrationMessages.of(
                messageId, null, now, draft, null, null, null, properties.manageUrl(id, token), null, subscriptionUrl));
        return new Attempt(
                id,
                messageId,
                request,
                token,
                HEX.formatHex(Tokens.hash(token)),
                idempotencyKey,
                requestHash,
                traceparent,
                now,
                template,
                Tokens.newCheckInCode(),
                subscriptionId);
    }

    /** What a group decided for one attempt. */
    sealed interface Answer {}

    /** Registered, with the status and, when WAITLISTED, the position (1 = first) it was given. */
    record Placed(UUID registrationId, RegistrationStatus status, Integer waitlistPosition) implements Answer {}

    /** The event refuses: full, or outside its window. */
    record Refused(Refusal refusal) implements Answer {}

    /** No such event, or not published. */
    record NotFound() implements Answer {}

    /** The email already has an active registration for the event. */
    record Duplicate() implements Answer {}

    /** The key was first used, with the same body, for this registration (stored or earlier in the group). */
    record Replay(UUID registrationId, Placed sameGroup) implements Answer {}

    /** The key was first used with another body. */
    record KeyReused() implements Answer {}

    /** The answers do not fit the event's current questions ({@link Answers}): one problem per answer. */
    record InvalidAnswers(List<InvalidFields.FieldProblem> problems) implements Answer {}

    /**
     * Judges and registers the attempts, in the order given (their order of arrival), in one
     * transaction; a duplicate or replayed attempt is answered alone and never aborts the others.
     *
     * @return one answer per attempt, in the same order; every {@link Placed} is committed
     * @throws org.springframework.dao.DataAccessException when the database fails: nothing is written
     */
    List<Answer> run(UUID eventId, List<Attempt> attempts) {
        try {
            return tx.execute(status -> decideAndWrite(eventId, attempts));
        } catch (DuplicateKeyException e) {
            // The checks under the lock make this unreachable unless a row slipped past the lock:
            // re-run one at a time, so the conflict fails only its own attempt.
            if (attempts.size() == 1) {
                return List.of(new Duplicate());
            }
            List<Answer> answers = new ArrayList<>();
            for (Attempt attempt : attempts) {
                answers.addAll(run(eventId, List.of(attempt)));
            }
            return answers;
        }
    }

    private List<Answer> decideAndWrite(UUID eventId, List<Attempt> attempts) {
        Optional<EventRepository.Locked> locked = events.lockToRegister(eventId);
        Map<String, RegistrationRepository.IdempotencyKey> storedKeys = storedKeys(eventId, attempts);
        Set<String> takenEmails = new HashSet<>();
        if (locked.isPresent()) {
            takenEmails.addAll(registrations.activeEmailKeys(
                    eventId,
                    attempts.stream()
                            .map(a ->
                                    RegistrationRepository.emailKey(a.request().email()))
                            .toList()));
        }
        Places places = locked.map(l -> new Places(l.event(), l.waitlistSeq())).orElse(null);
        Map<String, Attempt> keysUsedHere = new HashMap<>();
        Map<String, Placed> placedByKey = new HashMap<>();
        List<Question> questions = locked.map(EventRepository.Locked::questions).orElse(List.of());
        List<Answer> answers = new ArrayList<>(attempts.size());
        List<Row> rows = new ArrayList<>(attempts.size());
        for (Attempt attempt : attempts) {
            String key = attempt.idempotencyKey();
            RegistrationRepository.IdempotencyKey stored = key == null ? null : storedKeys.get(key);
            if (stored != null) {
                answers.add(
                        MessageDigest.isEqual(stored.requestHash(), attempt.requestHash())
                                ? new Replay(stored.registrationId(), null)
                                : new KeyReused());
                continue;
            }
            if (key != null && keysUsedHere.containsKey(key)) {
                answers.add(
                        MessageDigest.isEqual(keysUsedHere.get(key).requestHash(), attempt.requestHash())
                                ? new Replay(placedByKey.get(key).registrationId(), placedByKey.get(key))
                                : new KeyReused());
                continue;
            }
            Answers.Checked checked = attempt.subscriptionId() == null
                    ? Answers.check(questions, attempt.request().answers())
                    : Answers.checkForOccurrence(questions, attempt.request().answers());
            Answer answer = judge(locked.map(EventRepository.Locked::event), places, takenEmails, attempt, checked);
            if (answer instanceof Placed placed) {
                Long seq = placed.status() == RegistrationStatus.WAITLISTED ? places.lastWaitlistSeq() : null;
                rows.add(row(eventId, attempt, placed, seq, checked.answers()));
                if (key != null) {
                    keysUsedHere.put(key, attempt);
                    placedByKey.put(key, placed);
                }
            }
            answers.add(answer);
        }
        if (!rows.isEmpty()) {
            // The check-in code goes on the message of a CONFIRMED registration of an event that is
            // not ONLINE (issue 16); an unknown format counts as not online, as on the registrant's view.
            boolean online = events.format(eventId).map("ONLINE"::equals).orElse(false);
            int inserted = write(eventId, places, rows, online);
            if (inserted != rows.size()) {
                throw new IllegalStateException(
                        "Registered " + inserted + " of " + rows.size() + " for event " + eventId);
            }
            // The messages leave as soon as the group commits, not on the relay's next poll.
            outbox.wakeRelay();
        }
        return answers;
    }

    /**
     * One attempt that is not a replay: the event's rules, then the answers (judged against the
     * questions read under the lock, so a catalog change never slips in between), then the email's,
     * then the places.
     */
    private static Answer judge(
            Optional<Event> event, Places places, Set<String> takenEmails, Attempt attempt, Answers.Checked answers) {
        if (event.isEmpty() || !event.get().isVisible()) {
            return new NotFound();
        }
        Optional<Refusal> refusal = event.get().refusalAt(attempt.now());
        if (refusal.isPresent()) {
            return new Refused(refusal.get());
        }
        if (!answers.isValid()) {
            return new InvalidAnswers(answers.problems());
        }
        // add() is false when the email is registered already, or earlier in this group.
        if (!takenEmails.add(RegistrationRepository.emailKey(attempt.request().email()))) {
            return new Duplicate();
        }
        return switch (places.take()) {
            case PLACED ->
                new Placed(
                        attempt.registrationId(),
                        Registration.statusWithAPlace(event.get().requiresApproval()),
                        null);
            case WAITLISTED ->
                new Placed(attempt.registrationId(), RegistrationStatus.WAITLISTED, places.lastPosition());
            case FULL -> new Refused(Refusal.EVENT_FULL);
        };
    }

    /**
     * The stored keys of the group's attempts, fresh ones only: a key first used before the
     * lifetime is forgotten here, under the lock, and is new again.
     */
    private Map<String, RegistrationRepository.IdempotencyKey> storedKeys(UUID eventId, List<Attempt> attempts) {
        List<String> keys = attempts.stream()
                .map(Attempt::idempotencyKey)
                .filter(k -> k != null)
                .distinct()
                .toList();
        if (keys.isEmpty()) {
            return Map.of();
        }
        Map<String, RegistrationRepository.IdempotencyKey> stored =
                new HashMap<>(registrations.idempotencyKeys(eventId, keys));
        Instant expiredBefore = attempts.get(0).now().minus(properties.idempotencyKeyLifetime());
        stored.entrySet().removeIf(e -> {
            if (e.getValue().createdAt().isBefore(expiredBefore)) {
                registrations.forgetIdempotencyKey(eventId, e.getKey(), expiredBefore);
                return true;
            }
            return false;
        });
        return stored;
    }

    /** A registration to insert, with its message's type and the position it was given. */
    private record Row(Attempt attempt, Registration registration, String type, Integer position) {}

    private static Row row(UUID eventId, Attempt a, Placed placed, Long seq, Map<String, Object> answers) {
        Registration registration = Registration.fromRequest(
                a.registrationId(), eventId, a.request(), placed.status(), seq, answers, a.now(), a.subscriptionId());
        String type = RegistrationMessageType.ofNewRegistration(placed.status()).typeName();
        return new Row(a, registration, type, placed.waitlistPosition());
    }

    /** Inserts every row and moves the counters by what {@code places} counted: one statement. */
    private int write(UUID eventId, Places places, List<Row> rows, boolean online) {
        return jdbc.sql(INSERT)
                .param("eventId", eventId)
                .param("placed", places.placedHere())
                .param("waitlisted", places.waitlistedHere())
                .param("ids", array(rows, "uuid", r -> r.registration().id()))
                .param(
                        "statuses",
                        array(rows, "text", r -> r.registration().status().name()))
                .param("seqs", array(rows, "int8", r -> r.registration().waitlistSeq()))
                .param("names", array(rows, "text", r -> r.registration().name()))
                .param("emails", array(rows, "text", r -> r.registration().email()))
                .param(
                        "emailKeys",
                        array(
                                rows,
                                "text",
                                r -> RegistrationRepository.emailKey(
                                        r.registration().email())))
                .param("organisations", array(rows, "text", r -> r.registration()
                        .organisation()))
                .param("languages", array(rows, "text", r -> r.registration().language()))
                .param("timeZones", array(rows, "text", r -> r.registration().timeZone()))
                .param("interpretationLanguages", array(rows, "text", r -> r.registration()
                        .interpretationLanguage()))
                .param(
                        "answers",
                        array(
                                rows,
                                "text",
                                r -> registrations.answersJson(r.registration().answers())))
                .param("checkInCodes", array(rows, "text", r -> r.attempt().checkInCode()))
                .param("subscriptionIds", array(rows, "uuid", r -> r.attempt().subscriptionId()))
                .param("at", array(rows, "text", r -> r.attempt().now().toString()))
                .param("tokenHashes", array(rows, "text", r -> r.attempt().tokenHash()))
                .param("keys", array(rows, "text", r -> r.attempt().idempotencyKey()))
                .param(
                        "requestHashes",
                        array(
                                rows,
                                "text",
                                r -> r.attempt().requestHash() == null
                                        ? null
                                        : HEX.formatHex(r.attempt().requestHash())))
                .param("destination", RegistrationMessage.DESTINATION)
                .param("messageKey", eventId.toString())
                .param("messageIds", array(rows, "uuid", r -> r.attempt().messageId()))
                .param("types", array(rows, "text", Row::type))
                .param("positions", array(rows, "int4", Row::position))
                .param("templates", array(rows, "text", r -> r.attempt().template()))
                .param("traceparents", array(rows, "text", r -> r.attempt().traceparent()))
                .param(
                        "messageCodes",
                        array(
                                rows,
                                "text",
                                r -> !online && r.registration().status() == RegistrationStatus.CONFIRMED
                                        ? r.attempt().checkInCode()
                                        : null))
                .query(Integer.class)
                .single();
    }

    private static SqlArrayValue array(List<Row> rows, String type, Function<Row, Object> column) {
        return new SqlArrayValue(type, rows.stream().map(column).toArray());
    }
}
