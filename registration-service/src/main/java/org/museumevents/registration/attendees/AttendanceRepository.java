package org.museumevents.registration.attendees;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/**
 * Attendance (issue 16): attended is {@code checked_in_at IS NOT NULL}; {@code attendance_source}
 * and {@code attended_minutes} say how it became known. Every change is one conditional UPDATE, so
 * that a door, an organiser and an import acting at once each see the state the others left.
 */
@Repository
class AttendanceRepository {

    private final JdbcClient jdbc;

    AttendanceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A CONFIRMED registration an import matched: its id, and its attendance time (UTC) or null. */
    record Match(UUID registrationId, String emailKey, Instant checkedInAt) {}

    /**
     * Marks a CONFIRMED registration as attended at {@code now} unless it is already.
     *
     * @param source {@code CHECK_IN}, {@code MANUAL} or {@code IMPORT}
     * @param minutes the report's minutes, or null
     * @return the time set, or empty when it was attended already or is not CONFIRMED
     */
    Optional<Instant> attend(UUID registrationId, Instant now, String source, Integer minutes) {
        return jdbc.sql(
                        """
                        UPDATE registration SET checked_in_at = :now, attendance_source = :source,
                            attended_minutes = :minutes
                        WHERE id = :id AND status = 'CONFIRMED' AND checked_in_at IS NULL
                        RETURNING checked_in_at
                        """)
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .param("source", source)
                .param("minutes", minutes)
                .param("id", registrationId)
                .query((rs, n) ->
                        rs.getObject("checked_in_at", OffsetDateTime.class).toInstant())
                .optional();
    }

    /** Records a report's minutes on an attended registration (its time and source stay). */
    void minutes(UUID registrationId, int minutes) {
        jdbc.sql("UPDATE registration SET attended_minutes = :minutes WHERE id = :id AND checked_in_at IS NOT NULL")
                .param("minutes", minutes)
                .param("id", registrationId)
                .update();
    }

    /** The event's CONFIRMED registrations (erased ones have no email) with one of these email keys. */
    List<Match> confirmed(UUID eventId, Collection<String> emailKeys) {
        if (emailKeys.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(
                        """
                        SELECT id, email_key, checked_in_at FROM registration
                        WHERE event_id = :eventId AND status = 'CONFIRMED'
                        AND email_key = ANY(CAST(:keys AS text[]))
                        """)
                .param("eventId", eventId)
                .param("keys", new SqlArrayValue("text", emailKeys.toArray()))
                .query((rs, n) -> {
                    OffsetDateTime at = rs.getObject("checked_in_at", OffsetDateTime.class);
                    return new Match(
                            rs.getObject("id", UUID.class),
                            rs.getString("email_key"),
                            at == null ? null : at.toInstant());
                })
                .list();
    }

    /** Attended and absent CONFIRMED registrations of the event per language (languages sorted). */
    Map<String, RegistrationStats.Counts> byLanguage(UUID eventId) {
        Map<String, RegistrationStats.Counts> counts = new LinkedHashMap<>();
        jdbc.sql(
                        """
                        SELECT language, count(checked_in_at) AS attended, count(*) - count(checked_in_at) AS absent
                        FROM registration WHERE event_id = :eventId AND status = 'CONFIRMED'
                        GROUP BY language ORDER BY language
                        """)
                .param("eventId", eventId)
                .query(rs -> {
                    counts.put(
                            rs.getString("language"),
                            new RegistrationStats.Counts(rs.getLong("attended"), rs.getLong("absent")));
                });
        return counts;
    }
}
