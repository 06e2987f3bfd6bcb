package org.museumevents.registration.attendees;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.museumevents.starter.input.EmailAddresses;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Read-only queries over an event's registrations. */
@Repository
class AttendeeRepository {

    /** Waiting-list positions are numbered over the whole event, before any filter. */
    private static final String NUMBERED =
            """
            SELECT r.*, CASE WHEN r.status = 'WAITLISTED'
                        THEN row_number() OVER (PARTITION BY r.status = 'WAITLISTED' ORDER BY r.waitlist_seq) END AS position
            FROM registration r WHERE r.event_id = :eventId
            """;

    private static final String FILTER =
            """
             WHERE (:status = '' OR a.status = :status)
               AND (:pattern = '' OR a.name ILIKE :pattern OR a.email ILIKE :pattern OR a.email ILIKE :emailPattern
                    OR a.organisation ILIKE :pattern)
            """;

    private final JdbcClient jdbc;

    AttendeeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Attendee> list(UUID eventId, String status, String q, int offset, int limit) {
        return jdbc.sql("SELECT * FROM (" + NUMBERED + ") a" + FILTER
                        + " ORDER BY a.created_at, a.id LIMIT :limit OFFSET :offset")
                .param("eventId", eventId)
                .param("status", status == null ? "" : status)
                .param("pattern", pattern(q))
                .param("emailPattern", pattern(asStoredEmail(q)))
                .param("limit", limit)
                .param("offset", offset)
                .query(AttendeeRepository::map)
                .list();
    }

    long count(UUID eventId, String status, String q) {
        return jdbc.sql("SELECT count(*) FROM (" + NUMBERED + ") a" + FILTER)
                .param("eventId", eventId)
                .param("status", status == null ? "" : status)
                .param("pattern", pattern(q))
                .param("emailPattern", pattern(asStoredEmail(q)))
                .query(Long.class)
                .single();
    }

    RegistrationStats stats(UUID eventId, Integer capacity) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        jdbc.sql("SELECT status, count(*) AS n FROM registration WHERE event_id = :eventId GROUP BY status")
                .param("eventId", eventId)
                .query(rs -> {
                    byStatus.put(rs.getString("status"), rs.getLong("n"));
                });
        return new RegistrationStats(
                capacity,
                byStatus.getOrDefault("CONFIRMED", 0L),
                byStatus.getOrDefault("WAITLISTED", 0L),
                byStatus.getOrDefault("PENDING", 0L),
                byStatus.getOrDefault("CANCELLED", 0L),
                byStatus.getOrDefault("REJECTED", 0L),
                headcount(eventId, "language"),
                headcount(eventId, "interpretation_language"));
    }

    private Map<String, Long> headcount(UUID eventId, String column) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT " + column + " AS k, count(*) AS n FROM registration WHERE event_id = :eventId"
                        + " AND status = 'CONFIRMED' AND " + column + " IS NOT NULL GROUP BY " + column
                        + " ORDER BY count(*) DESC, " + column)
                .param("eventId", eventId)
                .query(rs -> {
                    counts.put(rs.getString("k"), rs.getLong("n"));
                });
        return counts;
    }

    /**
     * The search text as emails are stored ({@link EmailAddresses#deliverable}: an internationalised
     * domain in its ASCII form), so that {@code jose@café.fr}, or only {@code café.fr}, finds {@code
     * jose@xn--caf-dma.fr}. A whole address is converted by the same rule as at registration; a part
     * of one has its domain part (after the last {@code @}, or the whole text without one) converted
     * label by label where IDNA can; what it cannot convert is searched as typed.
     *
     * @param q the organiser's search text, may be null
     * @return the text to look for in the stored emails; {@code q} itself when nothing converts
     */
    static String asStoredEmail(String q) {
        if (q == null || q.isBlank()) {
            return q;
        }
        String text = q.strip();
        Optional<String> whole = EmailAddresses.deliverable(text);
        if (whole.isPresent()) {
            return whole.get();
        }
        int at = text.lastIndexOf('@');
        String domain = text.substring(at + 1);
        return EmailAddresses.asciiDomain(domain)
                .map(ascii -> text.substring(0, at + 1) + ascii)
                .orElse(text);
    }

    private static String pattern(String q) {
        if (q == null || q.isBlank()) {
            return "";
        }
        String escaped = q.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }

    private static Attendee map(ResultSet rs, int row) throws SQLException {
        // Read as an offset, not a java.sql.Timestamp, so that no default zone takes part.
        OffsetDateTime created = rs.getObject("created_at", OffsetDateTime.class);
        Object position = rs.getObject("position");
        return new Attendee(
                rs.getObject("id", UUID.class),
                rs.getString("status"),
                position == null ? null : ((Number) position).intValue(),
                rs.getString("name"),
                rs.getString("email"),
                rs.getString("organisation"),
                rs.getString("language"),
                rs.getString("time_zone"),
                rs.getString("interpretation_language"),
                rs.getString("cancelled_by"),
                created.toInstant());
    }
}
