package org.museumevents.notification.delivery;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.museumevents.notification.email.EmailKind;
import org.museumevents.starter.tracing.TraceContexts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The notification rows: what is to be sent, what was, and what failed. Public because the
 * planning feature schedules, moves and drops emails through it; the dispatcher and the delivery
 * log use it from this package.
 */
@Repository
public class NotificationRepository {

    /**
     * The registration emails, each telling the registration's state at the time: of those waiting
     * for the same address and event past the per-recipient limit, only the latest is still true.
     */
    static final List<EmailKind> STATE_KINDS = List.of(
            EmailKind.CONFIRMATION,
            EmailKind.WAITLISTED,
            EmailKind.PENDING,
            EmailKind.PROMOTED,
            EmailKind.REJECTED,
            EmailKind.CANCELLED,
            EmailKind.RELEASED);

    /** The stored status of a superseded email, and its reason in the delivery log. */
    static final String SUPERSEDED = FailureReason.SUPERSEDED.name();

    /** The advisory lock that one instance at a time holds while it claims. */
    private static final long CLAIMS_LOCK = 0x6e6f74696669L; // "notifi"

    private final JdbcClient jdbc;
    private final TraceContexts traces;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final DispatcherWakeUp wakeUp;

    NotificationRepository(
            JdbcClient jdbc,
            TraceContexts traces,
            PlatformTransactionManager transactions,
            JsonMapper json,
            DispatcherWakeUp wakeUp) {
        this.jdbc = jdbc;
        this.traces = traces;
        this.tx = new TransactionTemplate(transactions);
        this.json = json;
        this.wakeUp = wakeUp;
    }

    /**
     * Adds a notification; false when a unique rule already holds one like it (a reminder for the
     * same due time, a second event cancellation for the same registration). The row keeps the
     * current trace, the one of the message that called for the email. The dispatcher is woken
     * once the caller's transaction commits ({@link DispatcherWakeUp#afterCommit}), so an email due
     * now goes out at once.
     */
    public boolean schedule(NewNotification n, Instant now) {
        TraceContexts.Recorded trace = traces.current();
        boolean added = jdbc.sql(
                                """
                        INSERT INTO notification (id, event_id, registration_id, recipient, kind, status, attempts,
                            scheduled_for, next_attempt_at, join_details, calendar, waitlist_position, reminder_offset,
                            created_at, trace_id, traceparent)
                        VALUES (:id, :eventId, :registrationId, :recipient, :kind, 'SCHEDULED', 0, :at, :at,
                            :join, :calendar, :position, :offset, :now, :traceId, :traceparent)
                        ON CONFLICT DO NOTHING
                        """)
                        .param("id", UUID.randomUUID())
                        .param("eventId", n.eventId())
                        .param("registrationId", n.registrationId())
                        .param("recipient", n.recipient())
                        .param("kind", n.kind().name())
                        .param("at", Timestamp.from(n.scheduledFor()))
                        .param("join", n.joinDetails())
                        .param("calendar", n.calendar())
                        .param("position", n.waitlistPosition())
                        .param(
                                "offset",
                                n.reminderOffset() == null
                                        ? null
                                        : n.reminderOffset().toString())
                        .param("now", Timestamp.from(now))
                        .param("traceId", trace.traceId())
                        .param("traceparent", trace.traceparent())
                        .update()
                == 1;
        if (added && !n.scheduledFor().isAfter(now)) {
            wakeUp.afterCommit();
        }
        return added;
    }

    /**
     * Adds an event-updated notification unless one is still waiting for the same registration:
     * emails are written when sent, so the waiting one will carry the latest details anyway. One
     * claimed by the dispatcher does not count: it may be written already.
     */
    public boolean scheduleUpdate(NewNotification n, Instant now) {
        Integer waiting = jdbc.sql(
                        """
                        SELECT count(*) FROM notification WHERE registration_id = :registrationId
                            AND kind = 'EVENT_UPDATED' AND status IN ('SCHEDULED', 'RETRYING')
                            AND (claimed_until IS NULL OR claimed_until <= :now)
                        """)
                .param("registrationId", n.registrationId())
                .param("now", Timestamp.from(now))
                .query(Integer.class)
                .single();
        return waiting == 0 && schedule(n, now);
    }

    /**
     * Adds notifications in one statement, each as {@link #schedule} would: a row that a unique
     * rule already holds one like it is skipped. One due before {@code now} (a reminder planned
     * late, issue 13) keeps its due time as {@code scheduled_for} but is first tried at {@code now},
     * so that it goes out at once yet after the emails planned before it (the confirmation that
     * planned it): the dispatcher takes the due rows in {@code next_attempt_at}, then planning order. For the emails and reminders of a whole event (a
     * catalog change), which would otherwise cost a round trip per registrant under the event's lock.
     *
     * @param all the notifications to add, any number (none: no statement)
     * @param now when they are planned (UTC instant): their {@code created_at}
     * @return how many were added
     */
    public int scheduleAll(List<NewNotification> all, Instant now) {
        return insertAll(all, now, false, null);
    }

    /**
     * Adds the emails of an organiser's message (kind {@code MESSAGE}), in one statement, as
     * {@link #scheduleAll} would: one per registration at most, whoever plans it (the unique index
     * on message and registration skips a second), so two instances planning the same message
     * send it once.
     *
     * @param messageId the message the emails carry
     * @param all one notification per registrant, any number (none: no statement)
     * @param now when they are planned (UTC instant)
     * @return how many were added
     */
    public int scheduleMessage(UUID messageId, List<NewNotification> all, Instant now) {
        return insertAll(all, now, false, messageId);
    }

    /**
     * Adds event-updated notifications in one statement, each as {@link #scheduleUpdate} would:
     * none for a registration that still has one waiting and unclaimed.
     *
     * @param all event-updated notifications, any number (none: no statement)
     * @param now the processing clock (UTC instant): claims that lapsed by then do not count
     * @return how many were added
     */
    public int scheduleUpdates(List<NewNotification> all, Instant now) {
        return insertAll(all, now, true, null);
    }

    private int insertAll(List<NewNotification> all, Instant now, boolean unlessUpdateWaiting, UUID messageId) {
        if (all.isEmpty()) {
            return 0;
        }
        TraceContexts.Recorded trace = traces.current();
        List<Map<String, Object>> rows = new ArrayList<>(all.size());
        for (NewNotification n : all) {
            Map<String, Object> row = new HashMap<>();
            row.put("id", UUID.randomUUID().toString());
            row.put("event_id", n.eventId().toString());
            row.put("registration_id", n.registrationId().toString());
            row.put("recipient", n.recipient());
            row.put("kind", n.kind().name());
            row.put("scheduled_for", n.scheduledFor().toString());
            row.put("join_details", n.joinDetails());
            row.put("calendar", n.calendar());
            row.put("waitlist_position", n.waitlistPosition());
            row.put(
                    "reminder_offset",
                    n.reminderOffset() == null ? null : n.reminderOffset().toString());
            row.put("ord", rows.size());
            rows.add(row);
        }
        // One row per element, in the order given (seq follows it, as with one schedule() each).
        String waiting = unlessUpdateWaiting
                ? """
                  WHERE NOT EXISTS (SELECT 1 FROM notification w WHERE w.registration_id = r.registration_id
                      AND w.kind = 'EVENT_UPDATED' AND w.status IN ('SCHEDULED', 'RETRYING')
                      AND (w.claimed_until IS NULL OR w.claimed_until <= :now))
                  """
                : "";
        int added = jdbc.sql(
                        """
                        INSERT INTO notification (id, event_id, registration_id, recipient, kind, status, attempts,
                            scheduled_for, next_attempt_at, join_details, calendar, waitlist_position, reminder_offset,
                            created_at, trace_id, traceparent, message_id)
                        SELECT r.id, r.event_id, r.registration_id, r.recipient, r.kind, 'SCHEDULED', 0,
                            r.scheduled_for, greatest(r.scheduled_for, :now), r.join_details, r.calendar, r.waitlist_position,
                            r.reminder_offset, :now, :traceId, :traceparent, CAST(:messageId AS uuid)
                        FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS r(id uuid, event_id uuid,
                            registration_id uuid, recipient text, kind text, scheduled_for timestamptz,
                            join_details boolean, calendar boolean, waitlist_position integer, reminder_offset text,
                            ord integer)
                        """
                                + waiting
                                + """
                        ORDER BY r.ord
                        ON CONFLICT DO NOTHING
                        """)
                .param("rows", json.writeValueAsString(rows))
                .param("now", Timestamp.from(now))
                .param("messageId", messageId)
                .param("traceId", trace.traceId())
                .param("traceparent", trace.traceparent())
                .update();
        if (added > 0 && all.stream().anyMatch(n -> !n.scheduledFor().isAfter(now))) {
            // As schedule() does: an email due by now goes out once the caller's transaction commits.
            wakeUp.afterCommit();
        }
        return added;
    }

    /** The reminders of an event, sent or not: every registrant's (a catalog change re-plans them all). */
    public List<PlannedReminder> remindersOf(UUID eventId) {
        return reminders("event_id = :id", eventId);
    }

    /** The reminders of one registration, sent or not: a registration message re-plans only these. */
    public List<PlannedReminder> remindersOfRegistration(UUID registrationId) {
        return reminders("registration_id = :id", registrationId);
    }

    private List<PlannedReminder> reminders(String which, UUID id) {
        return jdbc.sql("SELECT id, registration_id, reminder_offset, scheduled_for, status FROM notification WHERE "
                        + which + " AND kind = 'REMINDER'")
                .param("id", id)
                .query((rs, row) -> new PlannedReminder(
                        rs.getObject("id", UUID.class),
                        rs.getObject("registration_id", UUID.class),
                        Duration.parse(rs.getString("reminder_offset")),
                        rs.getTimestamp("scheduled_for").toInstant(),
                        isUnsent(rs.getString("status"))))
                .list();
    }

    /**
     * Moves unsent reminders to new due times (the event moved), in one statement. Each is a new
     * reminder then: a claim on it lapses, so a send in flight for the old time does not mark the
     * new one sent. A reminder sent meanwhile stays as it is.
     *
     * @param moves the reminders' ids and their new due times (UTC instants); none: no statement
     * @param now the processing clock: a new due time already past is first tried then (as in
     *     {@link #scheduleAll})
     */
    public void moveReminders(Map<UUID, Instant> moves, Instant now) {
        if (moves.isEmpty()) {
            return;
        }
        List<Map<String, String>> rows = new ArrayList<>(moves.size());
        moves.forEach((id, due) -> rows.add(Map.of("id", id.toString(), "due", due.toString())));
        jdbc.sql(
                        """
                        UPDATE notification n SET scheduled_for = m.due, next_attempt_at = greatest(m.due, :now),
                            status = 'SCHEDULED',
                            attempts = 0, last_error = NULL, claim_id = NULL, claimed_until = NULL
                        FROM jsonb_to_recordset(CAST(:moves AS jsonb)) AS m(id uuid, due timestamptz)
                        WHERE n.id = m.id AND n.status IN ('SCHEDULED', 'RETRYING')
                        """)
                .param("moves", json.writeValueAsString(rows))
                .param("now", Timestamp.from(now))
                .update();
        if (moves.values().stream().anyMatch(due -> !due.isAfter(now))) {
            wakeUp.afterCommit();
        }
    }

    /**
     * Drops unsent reminders (registration or event cancelled, offset gone), in one statement. Sent
     * ones stay in the log.
     *
     * @param ids the reminders' ids; none: no statement
     */
    public void dropReminders(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql(
                        """
                        DELETE FROM notification WHERE id IN (
                            SELECT CAST(jsonb_array_elements_text(CAST(:ids AS jsonb)) AS uuid))
                            AND kind = 'REMINDER' AND status IN ('SCHEDULED', 'RETRYING')
                        """)
                .param(
                        "ids",
                        json.writeValueAsString(ids.stream().map(UUID::toString).toList()))
                .update();
    }

    /**
     * Drops the unsent notifications of these kinds for one registration, or for a whole event
     * when {@code registrationId} is null: news that is no longer true is not sent late. One that
     * a dispatcher has claimed is left to it: it may be on its way already, and while its claim is
     * live the registration's next emails wait for it (so a cancellation never overtakes the
     * confirmation it cancels); if its send fails, the dispatcher drops it as stale.
     */
    public void dropUnsent(UUID eventId, UUID registrationId, List<EmailKind> kinds) {
        jdbc.sql(
                        """
                        DELETE FROM notification WHERE event_id = :eventId
                            AND (CAST(:registrationId AS uuid) IS NULL OR registration_id = :registrationId)
                            AND kind IN (:kinds) AND status IN ('SCHEDULED', 'RETRYING') AND claim_id IS NULL
                        """)
                .param("eventId", eventId)
                .param("registrationId", registrationId)
                .param("kinds", kinds.stream().map(Enum::name).toList())
                .update();
    }

    /**
     * What the registrant may already have read about a registration: any email about it that was
     * sent, or that a dispatcher holds (in flight; a lapsed claim too, whose sender may have sent it
     * before it died). Locks the registration's notification rows until the caller's transaction
     * ends, so that no dispatcher claims one of them meanwhile (claims skip locked rows): what it
     * answers stays true until the caller has acted on it, with any number of instances.
     *
     * @param registrationId the registration
     * @return whether any email about it was or may be on its way, and whether one of those carried
     *     the iCalendar entry
     * @throws org.springframework.transaction.IllegalTransactionStateException outside a transaction
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Told toldAbout(UUID registrationId) {
        List<Told> rows = jdbc.sql(
                        """
                        SELECT status, claim_id, calendar FROM notification WHERE registration_id = :id
                        FOR UPDATE
                        """)
                .param("id", registrationId)
                .query((rs, row) -> {
                    boolean told = DeliveryStatus.SENT.name().equals(rs.getString("status"))
                            || rs.getObject("claim_id") != null;
                    return new Told(told, told && rs.getBoolean("calendar"));
                })
                .list();
        return new Told(rows.stream().anyMatch(Told::any), rows.stream().anyMatch(Told::calendar));
    }

    /**
     * Withdraws every email of a registration that is not on its way (the caller has checked with
     * {@link #toldAbout} that none is): it was cancelled before anything about it went out. While its
     * address was over the per-recipient limit, one of its emails may have superseded an earlier
     * registration email to the same address about the same event; that one is the latest again
     * and waits to be sent, so the address still ends up with its true state (a cancellation after
     * a confirmation that went out, say).
     *
     * @param registrationId the registration cancelled
     */
    public void withdrawUnsent(UUID registrationId) {
        jdbc.sql(
                        """
                        WITH withdrawn AS (
                            DELETE FROM notification WHERE registration_id = :registrationId
                                AND status IN ('SCHEDULED', 'RETRYING') AND claim_id IS NULL
                            RETURNING event_id, lower(recipient) AS address),
                        latest AS (
                            SELECT DISTINCT ON (n.event_id, lower(n.recipient)) n.id, n.status
                            FROM notification n
                            JOIN (SELECT DISTINCT event_id, address FROM withdrawn) w
                                ON n.event_id = w.event_id AND lower(n.recipient) = w.address
                            WHERE n.registration_id <> :registrationId AND n.kind IN (:states)
                              AND n.status IN ('SCHEDULED', 'RETRYING', 'SUPERSEDED')
                            ORDER BY n.event_id, lower(n.recipient), n.seq DESC)
                        UPDATE notification n SET status = 'SCHEDULED'
                        FROM latest l WHERE n.id = l.id AND l.status = 'SUPERSEDED'
                        """)
                .param("registrationId", registrationId)
                .param("states", STATE_KINDS.stream().map(Enum::name).toList())
                .update();
    }

    /**
     * What a registrant may have read about their registration ({@link #toldAbout}).
     *
     * @param any an email about it was sent or is on its way
     * @param calendar one of those carried the iCalendar entry
     */
    public record Told(boolean any, boolean calendar) {}

    /**
     * Claims up to {@code limit} due notifications of known events for this instance until {@code
     * now + lease}, the oldest due first, in one short transaction. Rows under a live claim are
     * skipped and a lapsed claim is taken again.
     *
     * <p>The per-recipient limit holds across instances: claims are taken one instance at a time
     * (a transaction-scoped advisory lock), and an address gets no more rows than {@code
     * perRecipientLimit} minus the emails sent to it since {@code now - perRecipientPeriod} and those
     * on their way to it. The rows past the limit wait, in the order they fell due; first, the
     * waiting registration emails of such an address about one event are collapsed into the latest
     * ({@link #STATE_KINDS}), the others marked {@code SUPERSEDED}.
     */
    List<Claim> claimDue(Instant now, Duration lease, int limit, int perRecipientLimit, Duration perRecipientPeriod) {
        return tx.execute(status -> {
            jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(:key)")
                    .param("key", CLAIMS_LOCK)
                    .query(Integer.class)
                    .single();
            supersedeWaiting(now, perRecipientLimit, perRecipientPeriod);
            return claim(now, lease, limit, perRecipientLimit, perRecipientPeriod);
        });
    }

    /** The rows that could be sent now, were it not for the per-recipient limit. */
    private static final String WAITING =
            """
            waiting AS (
                SELECT n.id, n.event_id, lower(n.recipient) AS address, n.kind, n.next_attempt_at, n.seq
                FROM notification n
                WHERE n.status IN ('SCHEDULED', 'RETRYING') AND n.next_attempt_at <= :now
                  AND (n.claimed_until IS NULL OR n.claimed_until <= :now)
                  AND EXISTS (SELECT 1 FROM known_event e WHERE e.id = n.event_id)
                  -- One email of a registration on its way at a time: they arrive in the order written.
                  AND NOT EXISTS (SELECT 1 FROM notification o WHERE o.registration_id = n.registration_id
                      AND o.id <> n.id AND o.claim_id IS NOT NULL AND o.claimed_until > :now))
            """;

    /** The emails sent to {@code address} within the period, or on their way to it now. */
    private static final String USED =
            """
            (SELECT count(*) FROM notification s WHERE lower(s.recipient) = %s
                AND ((s.status = 'SENT' AND s.sent_at > :since)
                  OR (s.status IN ('SCHEDULED', 'RETRYING') AND s.claimed_until > :now)))
            """;

    /**
     * The emails to the address of row {@code n} that could be sent now and fall due before it
     * (in the order of {@code next_attempt_at, seq}): the ones {@link #WAITING} holds ahead of it.
     */
    private static final String AHEAD =
            """
            (SELECT count(*) FROM notification w WHERE lower(w.recipient) = lower(n.recipient)
                AND w.status IN ('SCHEDULED', 'RETRYING') AND w.next_attempt_at <= :now
                AND (w.claimed_until IS NULL OR w.claimed_until <= :now)
                AND (w.next_attempt_at, w.seq) < (n.next_attempt_at, n.seq)
                AND EXISTS (SELECT 1 FROM known_event e WHERE e.id = w.event_id)
                AND NOT EXISTS (SELECT 1 FROM notification o WHERE o.registration_id = w.registration_id
                    AND o.id <> w.id AND o.claim_id IS NOT NULL AND o.claimed_until > :now))
            """;

    private void supersedeWaiting(Instant now, int perRecipientLimit, Duration perRecipientPeriod) {
        jdbc.sql(
                        "WITH " + WAITING
                                + """
                        , pressed AS (
                            -- Only an address with two waiting registration emails can have one superseded:
                            -- the others are not counted against the limit here (CASE: evaluated in order).
                            SELECT w.address FROM waiting w GROUP BY w.address
                            HAVING CASE WHEN count(*) FILTER (WHERE w.kind IN (:states)) < 2 THEN false
                                ELSE count(*) + """
                                + USED.formatted("w.address")
                                + """
                         > :perRecipient END)
                        , superseded AS (
                            -- Locks the row and the later one that replaces it, skipping rows that a
                            -- planning transaction holds (a cancellation locks its registration's rows
                            -- while it withdraws them): a row is never superseded by one withdrawn
                            -- meanwhile, and the withdrawal, waiting for these locks, sees the row
                            -- superseded and brings it back. Both rows' conditions are re-checked
                            -- on their current versions if they changed after the snapshot.
                            SELECT n.id FROM notification n
                            JOIN waiting w ON w.id = n.id
                            JOIN pressed p ON p.address = w.address
                            JOIN waiting lw ON lw.address = w.address AND lw.event_id = w.event_id
                                AND lw.kind IN (:states) AND lw.seq > w.seq
                            JOIN notification later ON later.id = lw.id
                            WHERE w.kind IN (:states) AND n.status IN ('SCHEDULED', 'RETRYING') AND (n.claimed_until IS NULL OR n.claimed_until <= :now)
                              AND later.status IN ('SCHEDULED', 'RETRYING')
                            FOR UPDATE OF n SKIP LOCKED
                            FOR SHARE OF later SKIP LOCKED)
                        UPDATE notification n SET status = 'SUPERSEDED'
                        FROM (SELECT DISTINCT id FROM superseded) s WHERE n.id = s.id
                        """)
                .param("now", Timestamp.from(now))
                .param("since", Timestamp.from(now.minus(perRecipientPeriod)))
                .param("perRecipient", perRecipientLimit)
                .param("states", STATE_KINDS.stream().map(Enum::name).toList())
                .update();
    }

    /**
     * One statement that picks the rows and locks them in the same scan, oldest due first (the
     * index {@code notification_due_in_order} gives that order, so the conditions are evaluated
     * only until {@code limit} rows are found, not on every due row). All of a row's conditions are
     * on the locking scan: when a row changed after the statement's snapshot (another instance
     * claimed, marked or moved it), PostgreSQL re-checks them on the row's current version under
     * READ COMMITTED (EvalPlanQual), so a row claimed meanwhile is not claimed again. (Conditions
     * in a separate CTE, read from the snapshot, would not be re-checked.)
     */
    private List<Claim> claim(Instant now, Duration lease, int limit, int perRecipientLimit, Duration period) {
        return jdbc.sql(
                        """
                        WITH due AS (
                            SELECT n.id FROM notification n
                            WHERE n.status IN ('SCHEDULED', 'RETRYING') AND n.next_attempt_at <= :now
                              AND (n.claimed_until IS NULL OR n.claimed_until <= :now)
                              AND EXISTS (SELECT 1 FROM known_event e WHERE e.id = n.event_id)
                              -- One email of a registration on its way at a time: they arrive in the order written.
                              AND NOT EXISTS (SELECT 1 FROM notification o WHERE o.registration_id = n.registration_id
                                  AND o.id <> n.id AND o.claim_id IS NOT NULL AND o.claimed_until > :now)
                              -- The per-recipient limit: those sent or on their way, and those waiting ahead.
                              AND """
                                + USED.formatted("lower(n.recipient)")
                                + " + "
                                + AHEAD
                                + """
                               < :perRecipient
                            ORDER BY n.next_attempt_at, n.seq
                            LIMIT :limit
                            FOR UPDATE OF n SKIP LOCKED)
                        , claimed AS (
                            UPDATE notification n SET claim_id = :claim, claimed_until = :until
                            FROM due WHERE n.id = due.id
                            RETURNING n.claim_id, n.claimed_until, n.id, n.event_id, n.registration_id, n.recipient,
                                n.kind, n.attempts, n.scheduled_for, n.next_attempt_at, n.created_at, n.join_details,
                                n.calendar, n.waitlist_position, n.reminder_offset, n.trace_id, n.traceparent, n.seq,
                                n.message_id)
                        -- In the order they fell due, then were written: a confirmation before the late
                        -- reminder planned with it, though both are due at the same instant.
                        SELECT * FROM claimed ORDER BY next_attempt_at, seq
                        """)
                .param("now", Timestamp.from(now))
                .param("since", Timestamp.from(now.minus(period)))
                .param("perRecipient", perRecipientLimit)
                .param("limit", limit)
                .param("claim", UUID.randomUUID())
                .param("until", Timestamp.from(now.plus(lease)))
                .query((rs, row) -> new Claim(
                        rs.getObject("claim_id", UUID.class),
                        rs.getTimestamp("claimed_until").toInstant(),
                        rs.getObject("id", UUID.class),
                        rs.getObject("event_id", UUID.class),
                        rs.getObject("registration_id", UUID.class),
                        rs.getString("recipient"),
                        EmailKind.valueOf(rs.getString("kind")),
                        rs.getInt("attempts"),
                        rs.getTimestamp("scheduled_for").toInstant(),
                        rs.getTimestamp("next_attempt_at").toInstant(),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getBoolean("join_details"),
                        rs.getBoolean("calendar"),
                        (Integer) rs.getObject("waitlist_position"),
                        rs.getString("reminder_offset"),
                        rs.getString("trace_id"),
                        rs.getString("traceparent"),
                        rs.getObject("message_id", UUID.class)))
                .list();
    }

    /**
     * Extends a live claim: every row still held under {@code claimId} (not yet marked, not lapsed
     * and taken by another instance) is held until {@code until}. A lapsed claim is not taken back:
     * another instance may be sending it.
     *
     * @param now the processing clock (UTC instant)
     * @return how many rows the claim still holds
     */
    int renewClaim(UUID claimId, Instant now, Instant until) {
        return jdbc.sql(
                        """
                        UPDATE notification SET claimed_until = :until
                        WHERE claim_id = :claim AND claimed_until > :now
                        """)
                .param("claim", claimId)
                .param("now", Timestamp.from(now))
                .param("until", Timestamp.from(until))
                .update();
    }

    /**
     * Records that these claimed emails went out, in one statement: SENT, one attempt more. A row
     * that planning dropped while its email was on its way comes back as SENT: an email that went
     * out stays in the log (without its recipient if the registrant's personal data was erased
     * meanwhile). A row moved or claimed again meanwhile is left as it is.
     *
     * @param claimId the claim the emails were sent under (one claim per {@link #claimDue} call)
     * @param sent the claims of the emails that went out
     * @param now when they went out
     */
    void markSent(UUID claimId, List<Claim> sent, Instant now) {
        if (sent.isEmpty()) {
            return;
        }
        Set<UUID> marked = new HashSet<>(jdbc.sql(
                        """
                        UPDATE notification SET status = 'SENT', attempts = attempts + 1, sent_at = :now,
                            last_error = NULL, claim_id = NULL, claimed_until = NULL
                        WHERE claim_id = :claim AND id IN (:ids)
                        RETURNING id
                        """)
                .param("now", Timestamp.from(now))
                .param("claim", claimId)
                .param("ids", sent.stream().map(Claim::id).toList())
                .query(UUID.class)
                .list());
        for (Claim claim : sent) {
            if (!marked.contains(claim.id())) {
                restoreSent(claim, now);
            }
        }
    }

    /** A row dropped while its email was on its way: back, as SENT (ignored if the row still exists). */
    private void restoreSent(Claim claim, Instant now) {
        jdbc.sql(
                        """
                        INSERT INTO notification (id, event_id, registration_id, recipient, kind, status, attempts,
                            scheduled_for, next_attempt_at, sent_at, join_details, calendar, waitlist_position,
                            reminder_offset, created_at, trace_id, traceparent, message_id)
                        VALUES (:id, :eventId, :registrationId,
                            CASE WHEN EXISTS (SELECT 1 FROM registrant r WHERE r.registration_id = :registrationId
                                AND r.erased_at IS NOT NULL) THEN NULL ELSE :recipient END,
                            :kind, 'SENT', :attempts, :scheduledFor,
                            :nextAttemptAt, :now, :join, :calendar, :position, :offset, :createdAt, :traceId,
                            :traceparent, CAST(:messageId AS uuid))
                        ON CONFLICT DO NOTHING
                        """)
                .param("id", claim.id())
                .param("eventId", claim.eventId())
                .param("registrationId", claim.registrationId())
                .param("recipient", claim.recipient())
                .param("kind", claim.kind().name())
                .param("attempts", claim.attempts() + 1)
                .param("scheduledFor", Timestamp.from(claim.scheduledFor()))
                .param("nextAttemptAt", Timestamp.from(claim.nextAttemptAt()))
                .param("now", Timestamp.from(now))
                .param("join", claim.joinDetails())
                .param("calendar", claim.calendar())
                .param("position", claim.waitlistPosition())
                .param("offset", claim.reminderOffset())
                .param("createdAt", Timestamp.from(claim.createdAt()))
                .param("traceId", claim.traceId())
                .param("traceparent", claim.traceparent())
                .param("messageId", claim.messageId())
                .update();
    }

    /**
     * A claimed email that did not go out: RETRYING with its next attempt, FAILED after retries,
     * or ended at once with a {@link FailureReason} (stored as the status).
     *
     * @param id the notification
     * @param status RETRYING, FAILED or a {@link FailureReason}'s name
     * @param attempts the SMTP attempts made, this one included (0 when none was made)
     * @param nextAttemptAt when to try again; null to leave it as it is (nothing more to try)
     * @param error the SMTP error, which may quote the recipient (erased with it); null if none
     */
    record Failure(UUID id, String status, int attempts, Instant nextAttemptAt, String error) {}

    /**
     * Records failed attempts onto this claim only, in one statement: a row dropped, moved or
     * claimed again meanwhile is not this attempt's any more.
     */
    void markFailed(UUID claimId, List<Failure> failures) {
        if (failures.isEmpty()) {
            return;
        }
        ArrayNode rows = json.createArrayNode();
        for (Failure failure : failures) {
            rows.addObject()
                    .put("id", failure.id().toString())
                    .put("status", failure.status())
                    .put("attempts", failure.attempts())
                    .put(
                            "next",
                            failure.nextAttemptAt() == null
                                    ? null
                                    : failure.nextAttemptAt().toString())
                    // jsonb refuses U+0000, which nothing needs in an error message.
                    .put(
                            "error",
                            failure.error() == null ? null : failure.error().replace("\0", ""));
        }
        jdbc.sql(
                        """
                        UPDATE notification n SET status = v.status, attempts = v.attempts,
                            next_attempt_at = COALESCE(v.next, n.next_attempt_at), last_error = v.error,
                            claim_id = NULL, claimed_until = NULL
                        FROM jsonb_to_recordset(CAST(:rows AS jsonb))
                            AS v(id uuid, status text, attempts integer, next timestamptz, error text)
                        WHERE n.id = v.id AND n.claim_id = :claim
                        """)
                .param("rows", json.writeValueAsString(rows))
                .param("claim", claimId)
                .update();
    }

    /**
     * Erases a registration's personal data from the notifications: its unsent emails are dropped,
     * and the recipients (and SMTP errors, which may quote them) of the rest are masked as null.
     */
    public void eraseRecipients(UUID registrationId) {
        jdbc.sql("DELETE FROM notification WHERE registration_id = :id AND status IN ('SCHEDULED', 'RETRYING')")
                .param("id", registrationId)
                .update();
        jdbc.sql("UPDATE notification SET recipient = NULL, last_error = NULL WHERE registration_id = :id")
                .param("id", registrationId)
                .update();
    }

    /** The same for every registration of an event (the purge after the event). */
    public void eraseRecipientsOfEvent(UUID eventId) {
        jdbc.sql("DELETE FROM notification WHERE event_id = :id AND status IN ('SCHEDULED', 'RETRYING')")
                .param("id", eventId)
                .update();
        jdbc.sql(
                        "UPDATE notification SET recipient = NULL, last_error = NULL WHERE event_id = :id AND recipient IS NOT NULL")
                .param("id", eventId)
                .update();
    }

    /** Gives these claimed rows back unsent and unattempted, for the next round. */
    void release(UUID claimId, List<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql(
                        "UPDATE notification SET claim_id = NULL, claimed_until = NULL WHERE claim_id = :claim AND id IN (:ids)")
                .param("claim", claimId)
                .param("ids", ids)
                .update();
    }

    /** Deletes these claimed rows: emails no longer wanted. */
    void dropClaimed(UUID claimId, List<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("DELETE FROM notification WHERE claim_id = :claim AND id IN (:ids)")
                .param("claim", claimId)
                .param("ids", ids)
                .update();
    }

    /**
     * When the next email not due yet falls due (a reminder, a retry), for the dispatcher to wake
     * then; empty when none is waiting.
     */
    Optional<Instant> nextDueAfter(Instant now) {
        return jdbc.sql(
                        """
                        SELECT min(next_attempt_at) FROM notification
                        WHERE status IN ('SCHEDULED', 'RETRYING') AND next_attempt_at > :now
                        """)
                .param("now", Timestamp.from(now))
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant);
    }

    /** The delivery log of an event, oldest first. */
    public List<DeliveryLogEntry> logOf(UUID eventId) {
        return jdbc.sql(
                        """
                        SELECT registration_id, recipient, kind, status, attempts, scheduled_for, sent_at
                        FROM notification WHERE event_id = :eventId ORDER BY scheduled_for, created_at, seq
                        """)
                .param("eventId", eventId)
                .query((rs, row) -> new DeliveryLogEntry(
                        rs.getObject("registration_id", UUID.class),
                        rs.getString("recipient"),
                        rs.getString("kind"),
                        // Never sent and never will be: FAILED in the contract's statuses, the reason beside it.
                        FailureReason.isOne(rs.getString("status"))
                                ? DeliveryStatus.FAILED.name()
                                : rs.getString("status"),
                        rs.getInt("attempts"),
                        rs.getTimestamp("scheduled_for").toInstant(),
                        rs.getTimestamp("sent_at") == null
                                ? null
                                : rs.getTimestamp("sent_at").toInstant(),
                        FailureReason.isOne(rs.getString("status")) ? rs.getString("status") : null))
                .list();
    }

    /**
     * What became of the emails of an event's organiser messages, by message: those planned, sent,
     * failed for good (FAILED or a {@link FailureReason}), and still to send (scheduled, retrying).
     *
     * @param eventId the event
     * @return the counts of each message that has emails; a message without any is absent
     */
    public Map<UUID, MessageCounts> countsOfMessages(UUID eventId) {
        Map<UUID, MessageCounts> counts = new HashMap<>();
        jdbc.sql(
                        """
                        SELECT message_id, count(*) AS planned,
                            count(*) FILTER (WHERE status = 'SENT') AS sent,
                            count(*) FILTER (WHERE status IN ('SCHEDULED', 'RETRYING')) AS unsent
                        FROM notification WHERE event_id = :eventId AND message_id IS NOT NULL
                        GROUP BY message_id
                        """)
                .param("eventId", eventId)
                .query((rs, row) -> {
                    int planned = rs.getInt("planned");
                    int sent = rs.getInt("sent");
                    int unsent = rs.getInt("unsent");
                    counts.put(
                            rs.getObject("message_id", UUID.class),
                            new MessageCounts(planned, sent, planned - sent - unsent, unsent));
                    return null;
                })
                .list();
        return counts;
    }

    /**
     * The emails of one organiser message.
     *
     * @param planned how many were planned (one per registrant it went to)
     * @param sent how many went out
     * @param failed how many were given up on
     * @param unsent how many are still to be sent (scheduled or retrying)
     */
    public record MessageCounts(int planned, int sent, int failed, int unsent) {}

    private static boolean isUnsent(String status) {
        return DeliveryStatus.SCHEDULED.name().equals(status)
                || DeliveryStatus.RETRYING.name().equals(status);
    }
}
