package org.museumevents.registration.registration;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.museumevents.starter.tracing.TraceContexts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Taking a place is ONE statement, run on its own (auto-commit): the event's row is locked from
 * its UPDATE until the statement commits, with no network round trip in between. Under that lock
 * it decides PLACE (a free place and nobody waiting), WAIT (full, waiting list on) or FULL, moves the
 * counters, and inserts the registration, its token hash, its idempotency key and its outbox
 * message, with the request's trace as the outbox's own writer keeps it. Postgres re-evaluates the
 * UPDATE on the newest row version when it had to wait, so concurrent statements, from any number
 * of instances, see each other's places.
 *
 * <p>The SET expressions see the row before the update; {@code last_outcome} carries the decision
 * to RETURNING, which sees the row after it.
 */
@Component
class RegisterStatement {

    private static final String HAS_PLACE = "(capacity IS NULL OR taken < capacity) AND waitlisted = 0";

    private static final String SQL =
            """
            WITH place AS (
                UPDATE event SET
                    last_outcome = CASE WHEN %1$s THEN 'PLACE' WHEN waitlist_enabled THEN 'WAIT' ELSE 'FULL' END,
                    taken = taken + CASE WHEN %1$s THEN 1 ELSE 0 END,
                    waitlisted = waitlisted + CASE WHEN %1$s THEN 0 WHEN waitlist_enabled THEN 1 ELSE 0 END,
                    waitlist_seq = waitlist_seq + CASE WHEN %1$s THEN 0 WHEN waitlist_enabled THEN 1 ELSE 0 END
                WHERE id = :eventId AND status = 'PUBLISHED' AND starts_at > :now
                  AND (opens_at IS NULL OR opens_at <= :now) AND (closes_at IS NULL OR closes_at > :now)
                RETURNING id, last_outcome, requires_approval, waitlisted, waitlist_seq
            ), decided AS (
                SELECT id AS event_id, last_outcome,
                       CASE last_outcome WHEN 'PLACE' THEN CASE WHEN requires_approval THEN 'PENDING' ELSE 'CONFIRMED' END
                                         WHEN 'WAIT' THEN 'WAITLISTED' END AS status,
                       CASE last_outcome WHEN 'PLACE' THEN CASE WHEN requires_approval THEN 'RegistrationPending'
                                                                ELSE 'RegistrationConfirmed' END
                                         WHEN 'WAIT' THEN 'RegistrationWaitlisted' END AS type,
                       CASE WHEN last_outcome = 'WAIT' THEN waitlist_seq END AS seq,
                       CASE WHEN last_outcome = 'WAIT' THEN waitlisted END AS position
                FROM place
            ), registered AS (
                INSERT INTO registration (id, event_id, status, waitlist_seq, name, email, email_key, organisation,
                                           language, time_zone, interpretation_language, created_at, updated_at)
                SELECT :id, event_id, status, seq, :name, :email, :emailKey, :organisation,
                       :language, :timeZone, :interpretationLanguage, :now, :now
                FROM decided WHERE status IS NOT NULL
                RETURNING id
            ), token AS (
                INSERT INTO registration_token (hash, registration_id, created_at)
                SELECT :tokenHash, id, :now FROM registered
            ), idempotency AS (
                INSERT INTO idempotency_key (event_id, key, request_hash, registration_id, created_at)
                SELECT :eventId, :idempotencyKey, :requestHash, id, :now FROM registered WHERE :idempotencyKey <> ''
            ), message AS (
                INSERT INTO outbox (message_id, destination, message_key, type, payload, occurred_at, traceparent)
                SELECT :messageId, :destination, :messageKey, d.type,
                       jsonb_set(jsonb_set(jsonb_set(CAST(:template AS jsonb),
                           '{type}', to_jsonb(d.type)),
                           '{status}', to_jsonb(d.status)),
                           '{waitlistPosition}', COALESCE(to_jsonb(d.position), 'null'::jsonb))::text,
                       :now, :traceparent
                FROM decided d JOIN registered ON true
            )
            SELECT last_outcome, status, position FROM decided
            """
                    .formatted(HAS_PLACE);

    private final JdbcClient jdbc;
    private final TraceContexts trace;

    RegisterStatement(JdbcClient jdbc, TraceContexts trace) {
        this.jdbc = jdbc;
        this.trace = trace;
    }

    /**
     * @param template the message with everything but {@code type}, {@code status} and
     *     {@code waitlistPosition}, which only the statement knows
     * @return empty when the event is not open for registration at {@code now}
     */
    Optional<Outcome> run(
            UUID eventId,
            UUID registrationId,
            RegistrationRequest request,
            byte[] tokenHash,
            String idempotencyKey,
            byte[] requestHash,
            UUID messageId,
            String template,
            Instant now) {
        return jdbc.sql(SQL)
                .param("eventId", eventId)
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .param("id", registrationId)
                .param("name", request.name().trim())
                .param("email", request.email().trim())
                .param("emailKey", RegistrationRepository.emailKey(request.email()))
                .param("organisation", request.organisation())
                .param("language", request.language())
                .param("timeZone", request.timeZone())
                .param("interpretationLanguage", request.interpretationLanguage())
                .param("tokenHash", tokenHash)
                .param("idempotencyKey", idempotencyKey == null ? "" : idempotencyKey)
                .param("requestHash", requestHash)
                .param("messageId", messageId)
                .param("destination", RegistrationMessage.DESTINATION)
                .param("messageKey", eventId.toString())
                .param("template", template)
                .param("traceparent", trace.traceparent())
                .query((rs, n) -> new Outcome(
                        rs.getString("last_outcome"), rs.getString("status"), (Integer) rs.getObject("position")))
                .optional();
    }

    /** {@code lastOutcome} PLACE, WAIT or FULL; {@code status} null when FULL. */
    record Outcome(String lastOutcome, String status, Integer position) {}
}
