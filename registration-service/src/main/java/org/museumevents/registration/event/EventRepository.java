package org.museumevents.registration.event;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The event table: the catalog's facts (its registration questions among them) and the place counters. */
@Repository
public class EventRepository {

    private static final TypeReference<List<Question>> QUESTIONS = new TypeReference<>() {};

    private static final String COLUMNS =
            """
            id, organisation, status, capacity, requires_approval, waitlist_enabled, opens_at, closes_at,
            starts_at, ends_at, version, taken, waitlisted, partner_organisations
            """;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    EventRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * The event as last stored, without a lock.
     *
     * @return empty when the catalog never told this service of {@code id}
     */
    public Optional<Event> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM event WHERE id = :id")
                .param("id", id)
                .query(EventRepository::map)
                .optional();
    }

    /** Locks the event's row: everything that moves places or the waiting list goes through this lock. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Event> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM event WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(EventRepository::map)
                .optional();
    }

    /**
     * Locks the event's row to register people: the event as it stands once the lock is held (the
     * newest version, even when the lock had to wait for another transaction), with the last
     * waiting-list sequence number that only registering reads.
     *
     * @return empty when the catalog never told this service of {@code id}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Locked> lockToRegister(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + ", waitlist_seq, questions FROM event WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query((rs, row) ->
                        new Locked(map(rs, row), rs.getLong("waitlist_seq"), readQuestions(rs.getString("questions"))))
                .optional();
    }

    /**
     * An event read under its row lock.
     *
     * @param waitlistSeq the order of acceptance last given on its waiting list (0 before the first)
     * @param questions its current registration questions, in order, that the answers are judged by
     */
    public record Locked(Event event, long waitlistSeq, List<Question> questions) {}

    /**
     * The event's current registration questions, in the catalog's order, without a lock.
     *
     * @return empty when the event asks none, or is unknown
     */
    public List<Question> questions(UUID id) {
        return jdbc.sql("SELECT questions FROM event WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .optional()
                .map(this::readQuestions)
                .orElse(List.of());
    }

    /**
     * The event's format as the catalog last sent it (issue 16).
     *
     * @return {@code ONLINE}, {@code IN_PERSON} or {@code HYBRID}; empty when unknown (an event stored
     *     before formats were kept, until its next catalog message) or no such event
     */
    public Optional<String> format(UUID id) {
        return jdbc.sql("SELECT format FROM event WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> Optional.ofNullable(rs.getString("format")))
                .optional()
                .flatMap(f -> f);
    }

    /** Stores the catalog's description of the event, its questions replacing the former ones, keeping the counters. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void save(EventSnapshot e) {
        jdbc.sql(
                        """
                        INSERT INTO event (id, organisation, status, capacity, requires_approval, waitlist_enabled,
                                            opens_at, closes_at, starts_at, ends_at, version, questions, format,
                                            partner_organisations, series_id)
                        VALUES (:id, :organisation, :status, :capacity, :requiresApproval, :waitlist,
                                :opensAt, :closesAt, :startsAt, :endsAt, :version, CAST(:questions AS jsonb),
                                :format, :partners, :seriesId)
                        ON CONFLICT (id) DO UPDATE SET
                            organisation = excluded.organisation, status = excluded.status,
                            capacity = excluded.capacity, requires_approval = excluded.requires_approval,
                            waitlist_enabled = excluded.waitlist_enabled, opens_at = excluded.opens_at,
                            closes_at = excluded.closes_at, starts_at = excluded.starts_at,
                            ends_at = excluded.ends_at, version = excluded.version, questions = excluded.questions,
                            format = excluded.format, partner_organisations = excluded.partner_organisations,
                            series_id = excluded.series_id
                        """)
                .param("id", e.id())
                .param("organisation", e.organisation())
                .param("status", e.status())
                .param("capacity", e.capacity())
                .param("requiresApproval", e.requiresApproval())
                .param("waitlist", e.waitlist())
                .param("opensAt", ts(e.opensAt()))
                .param("closesAt", ts(e.closesAt()))
                .param("startsAt", ts(e.startsAt()))
                .param("endsAt", ts(e.endsAt()))
                .param("version", e.version())
                .param("questions", json.writeValueAsString(e.questions()))
                .param("format", e.format())
                .param("partners", e.partnerOrganisations().toArray(new String[0]))
                .param("seriesId", e.seriesId())
                .update();
        saveReconfirmation(e);
    }

    /**
     * Stores the event's reconfirmation policy (issue 17) as the instants it gives for this version's
     * start, or none.
     */
    private void saveReconfirmation(EventSnapshot e) {
        ReconfirmationPolicy p = e.reconfirmation();
        jdbc.sql(
                        """
                        UPDATE event SET reconfirmation_before = :before, reconfirmation_deadline = :deadline,
                            reconfirmation_ask_at = :askAt, reconfirmation_remind_at = :remindAt,
                            reconfirmation_due_at = :dueAt, reconfirmation_release_silent = :releaseSilent
                        WHERE id = :id
                        """)
                .param("before", p == null ? null : p.before())
                .param("deadline", p == null ? null : p.deadline())
                .param("askAt", p == null ? null : ts(p.askAt(e.startsAt())))
                .param("remindAt", p == null ? null : ts(p.remindAt(e.startsAt())))
                .param("dueAt", p == null ? null : ts(p.dueAt(e.startsAt())))
                .param("releaseSilent", p != null && p.releaseSilent())
                .param("id", e.id())
                .update();
    }

    /**
     * The occurrences of a series open for registration at {@code now} (issue 17): PUBLISHED, not
     * started, within their registration window; by start.
     */
    public List<UUID> openOccurrences(UUID seriesId, Instant now) {
        return jdbc.sql(
                        """
                        SELECT id FROM event WHERE series_id = :seriesId AND status = 'PUBLISHED'
                        AND starts_at > :now AND (opens_at IS NULL OR opens_at <= :now)
                        AND (closes_at IS NULL OR closes_at > :now)
                        ORDER BY starts_at, id
                        """)
                .param("seriesId", seriesId)
                .param("now", ts(now))
                .query(UUID.class)
                .list();
    }

    /**
     * The organisations (slugs) owning the events this service knows of a series (issue 17); empty
     * when it knows none.
     */
    public List<String> seriesOrganisations(UUID seriesId) {
        return jdbc.sql("SELECT DISTINCT organisation FROM event WHERE series_id = :seriesId ORDER BY organisation")
                .param("seriesId", seriesId)
                .query(String.class)
                .list();
    }

    /** The series of the event (issue 17); empty when the event is unknown or in no series. */
    public Optional<UUID> seriesOf(UUID eventId) {
        return jdbc.sql("SELECT series_id FROM event WHERE id = :id AND series_id IS NOT NULL")
                .param("id", eventId)
                .query(UUID.class)
                .optional();
    }

    /** Recounts the places from the registrations; call while holding {@link #lock}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recount(UUID id) {
        jdbc.sql(
                        """
                        UPDATE event SET
                            taken = (SELECT count(*) FROM registration r
                                     WHERE r.event_id = :id AND r.status IN ('CONFIRMED', 'PENDING')),
                            waitlisted = (SELECT count(*) FROM registration r
                                          WHERE r.event_id = :id AND r.status = 'WAITLISTED')
                        WHERE id = :id
                        """)
                .param("id", id)
                .update();
    }

    /**
     * Events whose personal data is due for erasure: ended before {@code instant}, not purged yet,
     * the 100 that ended first.
     */
    public List<UUID> endedBefore(Instant instant) {
        return jdbc.sql(
                        """
                        SELECT id FROM event WHERE ends_at < :instant AND personal_data_purged_at IS NULL
                        ORDER BY ends_at LIMIT 100
                        """)
                .param("instant", ts(instant))
                .query(UUID.class)
                .list();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void markPurged(UUID id, Instant now) {
        jdbc.sql("UPDATE event SET personal_data_purged_at = :now WHERE id = :id")
                .param("now", ts(now))
                .param("id", id)
                .update();
    }

    private static Event map(ResultSet rs, int row) throws SQLException {
        return new Event(
                rs.getObject("id", UUID.class),
                rs.getString("organisation"),
                rs.getString("status"),
                (Integer) rs.getObject("capacity"),
                rs.getBoolean("requires_approval"),
                rs.getBoolean("waitlist_enabled"),
                instant(rs, "opens_at"),
                instant(rs, "closes_at"),
                instant(rs, "starts_at"),
                instant(rs, "ends_at"),
                rs.getLong("version"),
                rs.getInt("taken"),
                rs.getInt("waitlisted"),
                partners(rs));
    }

    private static List<String> partners(ResultSet rs) throws SQLException {
        java.sql.Array array = rs.getArray("partner_organisations");
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private List<Question> readQuestions(String stored) {
        // Most events ask nothing: no parsing under the registering lock for them.
        return stored == null || stored.equals("[]") ? List.of() : json.readValue(stored, QUESTIONS);
    }

    // timestamptz read and written as UTC offsets: java.sql.Timestamp would go through the JVM's
    // default zone (pgjdbc formats it in that zone), and nothing here should depend on it.
    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
