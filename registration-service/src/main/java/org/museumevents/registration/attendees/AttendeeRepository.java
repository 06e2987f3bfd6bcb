package org.museumevents.registration.attendees;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.museumevents.registration.event.Question;
import org.museumevents.starter.input.EmailAddresses;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

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
               AND (:attended = '' OR (a.checked_in_at IS NOT NULL) = (:attended = 'true'))
            """;

    /**
     * Confirmed headcounts per stored answer value of the given questions: a MULTIPLE_CHOICE's array
     * counts once per choice, a scalar once (a boolean as {@code true}/{@code false}).
     */
    private static final String BY_ANSWER =
            """
            SELECT a.key AS question, jsonb_typeof(a.value) AS type, v.answer, count(*) AS n
            FROM registration r
            CROSS JOIN LATERAL jsonb_each(r.answers) AS a
            CROSS JOIN LATERAL (
                SELECT e AS answer FROM jsonb_array_elements_text(
                    CASE WHEN jsonb_typeof(a.value) = 'array' THEN a.value ELSE '[]'::jsonb END) AS e
                UNION ALL
                SELECT a.value #>> '{}' WHERE jsonb_typeof(a.value) <> 'array'
            ) AS v
            WHERE r.event_id = :eventId AND r.status = 'CONFIRMED' AND a.key = ANY(CAST(:questions AS text[]))
            GROUP BY a.key, jsonb_typeof(a.value), v.answer
            ORDER BY count(*) DESC, v.answer
            """;

    private static final TypeReference<Map<String, Object>> ANSWERS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AttendeeRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * A page of the event's registrations, in registration order.
     *
     * @param status only this status, or null for all
     * @param q text found in the name, email or organisation, or null
     * @param attended {@code "true"} only those checked in, {@code "false"} only those not, null all
     * @param showCodes whether the event's check-in codes are shown (it is not online); a code is
     *     shown on a CONFIRMED registration only
     */
    List<Attendee> list(
            UUID eventId, String status, String q, String attended, boolean showCodes, int offset, int limit) {
        return jdbc.sql("SELECT * FROM (" + NUMBERED + ") a" + FILTER
                        + " ORDER BY a.created_at, a.id LIMIT :limit OFFSET :offset")
                .param("eventId", eventId)
                .param("status", status == null ? "" : status)
                .param("pattern", pattern(q))
                .param("emailPattern", pattern(asStoredEmail(q)))
                .param("attended", attended == null ? "" : attended)
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, row) -> map(rs, showCodes))
                .list();
    }

    long count(UUID eventId, String status, String q, String attended) {
        return jdbc.sql("SELECT count(*) FROM (" + NUMBERED + ") a" + FILTER)
                .param("eventId", eventId)
                .param("status", status == null ? "" : status)
                .param("pattern", pattern(q))
                .param("emailPattern", pattern(asStoredEmail(q)))
                .param("attended", attended == null ? "" : attended)
                .query(Long.class)
                .single();
    }

    /**
     * The event's statistics.
     *
     * @param questions the event's current questions: those of a counted kind ({@link
     *     Question.Kind#isCounted}) get a {@code byAnswer} entry
     */
    RegistrationStats stats(
            UUID eventId, Integer capacity, List<Question> questions, RegistrationStats.Attendance attendance) {
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
                headcount(eventId, "interpretation_language"),
                byAnswer(eventId, questions),
                jdbc.sql("SELECT count(*) FROM registration WHERE event_id = :eventId AND status = 'CONFIRMED'"
                                + " AND checked_in_at IS NOT NULL")
                        .param("eventId", eventId)
                        .query(Long.class)
                        .single(),
                attendance,
                jdbc.sql("SELECT count(*) FROM registration WHERE event_id = :eventId AND subscription_id IS NOT NULL"
                                + " AND status IN ('CONFIRMED', 'PENDING', 'WAITLISTED')")
                        .param("eventId", eventId)
                        .query(Long.class)
                        .single(),
                reconfirmation(eventId));
    }

    /**
     * Issue 17: the event's reconfirmation counts over all its registrations: asked (ever), reconfirmed
     * (said "I come"), declined (said "I don't"), silent (asked, still CONFIRMED, not reconfirmed) and
     * released (RELEASED now).
     */
    private RegistrationStats.Reconfirmation reconfirmation(UUID eventId) {
        return jdbc.sql(
                        """
                        SELECT count(*) FILTER (WHERE reconfirmation_requested_at IS NOT NULL) AS asked,
                            count(*) FILTER (WHERE reconfirmed_at IS NOT NULL) AS reconfirmed,
                            count(*) FILTER (WHERE declined_at IS NOT NULL) AS declined,
                            count(*) FILTER (WHERE reconfirmation_requested_at IS NOT NULL AND status = 'CONFIRMED'
                                AND reconfirmed_at IS NULL) AS silent,
                            count(*) FILTER (WHERE status = 'RELEASED') AS released
                        FROM registration WHERE event_id = :eventId
                        """)
                .param("eventId", eventId)
                .query((rs, n) -> new RegistrationStats.Reconfirmation(
                        rs.getLong("asked"),
                        rs.getLong("reconfirmed"),
                        rs.getLong("declined"),
                        rs.getLong("silent"),
                        rs.getLong("released")))
                .single();
    }

    /**
     * Headcounts (confirmed, as {@code byLanguage}) per answer of each counted question, in the
     * question's order: every choice (or {@code true}, {@code false}) first, also at 0, in its
     * order; then any other value stored (a country, a choice the question no longer offers) by
     * headcount. A value of another type than the kind's (the kind changed since) is not counted.
     */
    private Map<String, Map<String, Long>> byAnswer(UUID eventId, List<Question> questions) {
        Map<String, Map<String, Long>> byAnswer = new LinkedHashMap<>();
        Map<String, Question> counted = new LinkedHashMap<>();
        for (Question question : questions) {
            if (question.kind().isCounted()) {
                counted.put(question.id(), question);
                Map<String, Long> counts = new LinkedHashMap<>();
                question.choices().forEach(choice -> counts.put(choice.id(), 0L));
                if (question.kind() == Question.Kind.YES_NO) {
                    counts.put("true", 0L);
                    counts.put("false", 0L);
                }
                byAnswer.put(question.id(), counts);
            }
        }
        if (counted.isEmpty()) {
            return byAnswer;
        }
        jdbc.sql(BY_ANSWER)
                .param("eventId", eventId)
                .param("questions", new SqlArrayValue("text", counted.keySet().toArray()))
                .query(rs -> {
                    String id = rs.getString("question");
                    String type = rs.getString("type");
                    boolean fits =
                            switch (counted.get(id).kind()) {
                                case YES_NO -> type.equals("boolean");
                                case COUNTRY -> type.equals("string");
                                default -> type.equals("string") || type.equals("array");
                            };
                    if (fits) {
                        byAnswer.get(id).merge(rs.getString("answer"), rs.getLong("n"), Long::sum);
                    }
                });
        return byAnswer;
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

    private Map<String, Object> answers(String stored) {
        return stored == null || stored.equals("{}") ? Map.of() : json.readValue(stored, ANSWERS);
    }

    private static String pattern(String q) {
        if (q == null || q.isBlank()) {
            return "";
        }
        String escaped = q.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }

    private static Instant reconfirmedAt(ResultSet rs) throws SQLException {
        OffsetDateTime at = rs.getObject("reconfirmed_at", OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    private Attendee map(ResultSet rs, boolean showCodes) throws SQLException {
        // Read as an offset, not a java.sql.Timestamp, so that no default zone takes part.
        OffsetDateTime created = rs.getObject("created_at", OffsetDateTime.class);
        Object position = rs.getObject("position");
        OffsetDateTime checkedIn = rs.getObject("checked_in_at", OffsetDateTime.class);
        String status = rs.getString("status");
        return new Attendee(
                rs.getObject("id", UUID.class),
                status,
                position == null ? null : ((Number) position).intValue(),
                rs.getString("name"),
                rs.getString("email"),
                rs.getString("organisation"),
                rs.getString("language"),
                rs.getString("time_zone"),
                rs.getString("interpretation_language"),
                answers(rs.getString("answers")),
                rs.getString("cancelled_by"),
                created.toInstant(),
                showCodes && "CONFIRMED".equals(status) ? rs.getString("check_in_code") : null,
                checkedIn == null ? null : checkedIn.toInstant(),
                checkedIn != null,
                rs.getObject("subscription_id", UUID.class),
                reconfirmedAt(rs));
    }
}
