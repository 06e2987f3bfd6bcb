package org.museumevents.registration.attendees;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Check-in at the door (issue 16): the registrations' {@code checked_in_at}. Checking in is one
 * conditional UPDATE ({@code ... WHERE checked_in_at IS NULL}): of two doors scanning the same code
 * at once, from one instance or two, exactly one sets it and the other reads the time it set.
 */
@Repository
class CheckInRepository {

    private final JdbcClient jdbc;

    CheckInRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A registration as the door sees it; {@code checkedInAt} in UTC, null when not checked in. */
    record Found(UUID registrationId, UUID eventId, String name, String status, Instant checkedInAt) {}

    /** The registration with this check-in code, of any event; empty when none (or erased). */
    Optional<Found> byCode(String code) {
        return find("check_in_code = :key", code);
    }

    /** The registration with this id, of any event. */
    Optional<Found> byId(UUID id) {
        return find("id = :key", id);
    }

    private Optional<Found> find(String where, Object key) {
        return jdbc.sql("SELECT id, event_id, name, status, checked_in_at FROM registration WHERE " + where)
                .param("key", key)
                .query((rs, n) -> new Found(
                        rs.getObject("id", UUID.class),
                        rs.getObject("event_id", UUID.class),
                        rs.getString("name"),
                        rs.getString("status"),
                        instant(rs.getObject("checked_in_at", OffsetDateTime.class))))
                .optional();
    }

    /**
     * Checks a CONFIRMED registration in at {@code now}, unless it is already.
     *
     * @return the time set, or empty when it was checked in already or is no longer CONFIRMED
     */
    Optional<Instant> checkIn(UUID registrationId, Instant now) {
        return jdbc.sql(
                        """
                        UPDATE registration SET checked_in_at = :now, attendance_source = 'CHECK_IN'
                        WHERE id = :id AND status = 'CONFIRMED' AND checked_in_at IS NULL
                        RETURNING checked_in_at
                        """)
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .param("id", registrationId)
                .query((rs, n) -> instant(rs.getObject("checked_in_at", OffsetDateTime.class)))
                .optional();
    }

    /**
     * The event's registrations whose name or email contains {@code text}, ignoring case (as
     * PostgreSQL's {@code lower} folds it), never erased ones.
     *
     * @return at most {@code limit}, sorted by name
     */
    List<CheckInController.Match> search(UUID eventId, String text, int limit) {
        return jdbc.sql(
                        """
                        SELECT id, name, email, status, checked_in_at FROM registration
                        WHERE event_id = :eventId AND personal_data_erased_at IS NULL
                          AND (strpos(lower(name), lower(:text)) > 0 OR strpos(lower(email), lower(:text)) > 0)
                        ORDER BY name, id LIMIT :limit
                        """)
                .param("eventId", eventId)
                .param("text", text)
                .param("limit", limit)
                .query((rs, n) -> new CheckInController.Match(
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        rs.getString("email"),
                        rs.getString("status"),
                        instant(rs.getObject("checked_in_at", OffsetDateTime.class))))
                .list();
    }

    /**
     * Undoes the attendance of the event's registration, however it was recorded (door, marking,
     * import); answers whether it was attended.
     */
    boolean undo(UUID eventId, UUID registrationId) {
        return jdbc.sql(
                                """
                                UPDATE registration
                                SET checked_in_at = NULL, attendance_source = NULL, attended_minutes = NULL
                                WHERE id = :id AND event_id = :eventId AND checked_in_at IS NOT NULL
                                """)
                        .param("id", registrationId)
                        .param("eventId", eventId)
                        .update()
                > 0;
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
