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
 * its UPDATE until the statement commits, with no network round trip in between (ADR 1). Under that
 * lock it decides {@link Placement}, moves the counters, and inserts the registration, its token
 * hash, its idempotency key and its outbox message, with the request's trace as the outbox's own
 * writer keeps it. PostgreSQL re-evaluates the UPDATE on the newest row version when it had to wait,
 * so concurrent statements, from any number of instances, see each other's places.
 *
 * <p>Where each rule of registering lives, once:
 *
 * <ul>
 *   <li>Visibility (published or cancelled, else 404) and the registration window (cancelled,
 *       started, not open yet, closed): in Java, {@code Event.isVisible} and {@code
 *       Event.refusalAt}, applied by {@link RegistrationService} to one version of the event.
 *   <li>Approval (a place is PENDING when the event requires approval, else CONFIRMED): in Java,
 *       {@link Registration#statusWithAPlace}, for the same version, passed in as {@code
 *       statusWithAPlace}.
 *   <li>Both stay race-free because the UPDATE matches the event only while it still has {@code
 *       eventVersion}: the catalog changes an event's facts only with a newer version (the counters
 *       are not facts and do not change it), so a change between the caller's read and this
 *       statement makes it match nothing, insert nothing and return empty, and the caller judges
 *       the new version. A change after it commits finds the registration already made.
 *   <li>Places and the waiting list (a place while one is left and nobody waits, else the waiting
 *       list if the event keeps one, else FULL; the waiting order): here, in SQL, on the locked
 *       row: the one rule that must see the counters of concurrent registrations. Places freed
 *       later go to the waiting list in {@code Waitlist}, under the same row lock.
 *   <li>One active registration per email: the unique index {@code
 *       registration_one_active_per_email}; a duplicate aborts the whole statement.
 * </ul>
 *
 * <p>Statuses, message types and placements are not written in the SQL: they come from {@link
 * RegistrationStatus}, {@link RegistrationMessageType} and {@link Placement} as parameters. The SET
 * expressions see the row before the update; {@code last_outcome} carries the placement to
 * RETURNING, which sees the row after it.
 */
@Component
class RegisterStatement {

    private static final String HAS_PLACE = "(capacity IS NULL OR taken < capacity) AND waitlisted = 0";

    private static final String SQL =
            """
            WITH place AS (
                UPDATE event SET
                    last_outcome = CASE WHEN %1$s THEN :placed WHEN waitlist_enabled THEN :waitlisted ELSE :full END,
                    taken = taken + CASE WHEN %1$s THEN 1 ELSE 0 END,
                    waitlisted = waitlisted + CASE WHEN %1$s THEN 0 WHEN waitlist_enabled THEN 1 ELSE 0 END,
                    waitlist_seq = waitlist_seq + CASE WHEN %1$s THEN 0 WHEN waitlist_enabled THEN 1 ELSE 0 END
                WHERE id = :eventId AND version = :eventVersion
                RETURNING id, last_outcome, waitlisted, waitlist_seq
            ), decided AS (
                SELECT id AS event_id, last_outcome,
                       CASE last_outcome WHEN :placed THEN :placedStatus WHEN :waitlisted THEN :waitlistedStatus END
                           AS status,
                       CASE last_outcome WHEN :placed THEN :placedType WHEN :waitlisted THEN :waitlistedType END AS type,
                       CASE WHEN last_outcome = :waitlisted THEN waitlist_seq END AS seq,
                       CASE WHEN last_outcome = :waitlisted THEN waitlisted END AS position
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
     * Takes a place, or a place on the waiting list, for one new registration.
     *
     * @param eventVersion the version of the event whose window the caller checked and whose
     *     approval rule gave {@code statusWithAPlace}
     * @param statusWithAPlace CONFIRMED or PENDING, from {@link Registration#statusWithAPlace}
     * @param template the message with everything but {@code type}, {@code status} and {@code
     *     waitlistPosition}, which only the statement knows
     * @return the placement, and for PLACED or WAITLISTED the status and waiting-list position the
     *     registration was inserted with; empty, with nothing written, when the event no longer has
     *     {@code eventVersion}
     * @throws org.springframework.dao.DuplicateKeyException when the email already has an active
     *     registration for the event, or the idempotency key was used: nothing is written
     */
    Optional<Outcome> run(
            UUID eventId,
            long eventVersion,
            RegistrationStatus statusWithAPlace,
            UUID registrationId,
            RegistrationRequest request,
            byte[] tokenHash,
            String idempotencyKey,
            byte[] requestHash,
            UUID messageId,
            String template,
            Instant now) {
        if (!statusWithAPlace.holdsPlace()) {
            throw new IllegalArgumentException("A place is CONFIRMED or PENDING, not " + statusWithAPlace);
        }
        return jdbc.sql(SQL)
                .param("placed", Placement.PLACED.name())
                .param("waitlisted", Placement.WAITLISTED.name())
                .param("full", Placement.FULL.name())
                .param("placedStatus", statusWithAPlace.name())
                .param(
                        "placedType",
                        RegistrationMessageType.ofNewRegistration(statusWithAPlace)
                                .typeName())
                .param("waitlistedStatus", RegistrationStatus.WAITLISTED.name())
                .param(
                        "waitlistedType",
                        RegistrationMessageType.ofNewRegistration(RegistrationStatus.WAITLISTED)
                                .typeName())
                .param("eventId", eventId)
                .param("eventVersion", eventVersion)
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
                .query((rs, n) -> {
                    String status = rs.getString("status");
                    return new Outcome(
                            Placement.valueOf(rs.getString("last_outcome")),
                            status == null ? null : RegistrationStatus.valueOf(status),
                            (Integer) rs.getObject("position"));
                })
                .optional();
    }

    /**
     * What the statement decided.
     *
     * @param placement PLACED, WAITLISTED or FULL
     * @param status the new registration's status; null when FULL (nothing was inserted)
     * @param waitlistPosition 1 for the first waiting; null unless WAITLISTED
     */
    record Outcome(Placement placement, RegistrationStatus status, Integer waitlistPosition) {}
}
