package org.museumevents.notification.message;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.museumevents.notification.delivery.MessageTexts;
import org.museumevents.notification.email.EmailKind;
import org.museumevents.notification.email.MessageText;
import org.museumevents.notification.event.FollowUp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The organisers' messages and the events' follow-ups (table {@code message}); also where the
 * dispatcher reads a message's text ({@link MessageTexts}).
 */
@Repository
class MessageRepository implements MessageTexts {

    private static final TypeReference<Map<String, String>> TEXTS = new TypeReference<>() {};
    private static final TypeReference<List<String>> STATUSES = new TypeReference<>() {};
    private static final TypeReference<List<FollowUp.Link>> LINKS = new TypeReference<>() {};
    private static final String COLUMNS =
            "id, event_id, kind, recipients, subject, body, links, send_at, planned_at, planned_count, created_at, request_hash";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    MessageRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * A message as stored: an organiser's ({@code MESSAGE}) or an event's follow-up ({@code
     * FOLLOW_UP}, one per event at most, its subject empty: the email writes it from the title).
     *
     * @param kind {@code MESSAGE} or {@code FOLLOW_UP}, the kind of its emails
     * @param links a follow-up's links; empty for a message
     * @param plannedAt when its emails were planned (UTC instant); null until it falls due
     * @param plannedCount how many emails were planned then; null until then (and for a message
     *     planned before the count was kept)
     * @param requestHash the SHA-256 of the request that created it, when it came with an
     *     Idempotency-Key; null otherwise
     */
    record Stored(
            UUID id,
            UUID eventId,
            EmailKind kind,
            List<String> recipients,
            Map<String, String> subject,
            Map<String, String> body,
            List<FollowUp.Link> links,
            Instant sendAt,
            Instant plannedAt,
            Integer plannedCount,
            Instant createdAt,
            byte[] requestHash) {}

    /**
     * Adds the message unless the event already has one under the same Idempotency-Key.
     *
     * @param idempotencyKey the key, or null
     * @return whether it was added
     */
    boolean add(Stored message, String idempotencyKey) {
        return jdbc.sql(
                                """
                        INSERT INTO message (id, event_id, recipients, subject, body, send_at, created_at,
                            idempotency_key, request_hash)
                        VALUES (:id, :eventId, CAST(:recipients AS jsonb), CAST(:subject AS jsonb),
                            CAST(:body AS jsonb), :sendAt, :createdAt, :key, :hash)
                        ON CONFLICT DO NOTHING
                        """)
                        .param("id", message.id())
                        .param("eventId", message.eventId())
                        .param("recipients", json.writeValueAsString(message.recipients()))
                        .param("subject", json.writeValueAsString(message.subject()))
                        .param("body", json.writeValueAsString(message.body()))
                        .param("sendAt", Timestamp.from(message.sendAt()))
                        .param("createdAt", Timestamp.from(message.createdAt()))
                        .param("key", idempotencyKey)
                        .param("hash", message.requestHash())
                        .update()
                == 1;
    }

    Optional<Stored> findByKey(UUID eventId, String idempotencyKey) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM message WHERE event_id = :eventId AND idempotency_key = :key")
                .param("eventId", eventId)
                .param("key", idempotencyKey)
                .query(this::map)
                .optional();
    }

    Optional<Stored> load(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM message WHERE id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /** The event's messages, the newest posted first. */
    List<Stored> ofEvent(UUID eventId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM message WHERE event_id = :eventId ORDER BY created_at DESC, id")
                .param("eventId", eventId)
                .query(this::map)
                .list();
    }

    /**
     * Up to {@code limit} messages due by {@code now} whose emails are not planned yet, the
     * earliest due first, locked until the caller's transaction ends; those another instance is
     * planning are skipped.
     */
    List<Stored> lockDue(Instant now, int limit) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM message WHERE planned_at IS NULL AND send_at <= :now ORDER BY send_at, id"
                        + " LIMIT :limit FOR UPDATE SKIP LOCKED")
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query(this::map)
                .list();
    }

    /**
     * Marks the message planned, keeping how many emails it planned: that count is its {@code
     * counts.planned} for good, whatever personal data is erased afterwards.
     */
    void markPlanned(UUID id, Instant now, int plannedCount) {
        jdbc.sql("UPDATE message SET planned_at = :now, planned_count = :count WHERE id = :id")
                .param("id", id)
                .param("now", Timestamp.from(now))
                .param("count", plannedCount)
                .update();
    }

    /**
     * Plans the event's follow-up, or re-plans it while it is not planned yet: its text, links and
     * due time replace the ones kept. Once planned (its emails written), it stays as it was: a
     * follow-up is sent once, whatever the event becomes afterwards.
     *
     * @param sendAt when it falls due: the event's end plus the follow-up's delay (UTC instant)
     * @return whether it was added or changed
     */
    boolean saveFollowUp(UUID eventId, FollowUp followUp, Instant sendAt, Instant now) {
        return jdbc.sql(
                                """
                        INSERT INTO message (id, event_id, kind, recipients, subject, body, links, send_at, created_at)
                        VALUES (:id, :eventId, 'FOLLOW_UP', CAST(:recipients AS jsonb), CAST('{}' AS jsonb),
                            CAST(:body AS jsonb), CAST(:links AS jsonb), :sendAt, :now)
                        ON CONFLICT (event_id) WHERE kind = 'FOLLOW_UP'
                        DO UPDATE SET body = excluded.body, links = excluded.links, send_at = excluded.send_at,
                            recipients = excluded.recipients
                        WHERE message.planned_at IS NULL
                        """)
                        .param("id", UUID.randomUUID())
                        .param("eventId", eventId)
                        .param("recipients", json.writeValueAsString(followUp.recipients()))
                        .param("body", json.writeValueAsString(followUp.text()))
                        .param("links", json.writeValueAsString(followUp.links()))
                        .param("sendAt", Timestamp.from(sendAt))
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /** Forgets the event's follow-up unless it is planned already (then it went, or is going). */
    void dropUnplannedFollowUp(UUID eventId) {
        jdbc.sql("DELETE FROM message WHERE event_id = :eventId AND kind = 'FOLLOW_UP' AND planned_at IS NULL")
                .param("eventId", eventId)
                .update();
    }

    @Override
    public Optional<MessageText> find(UUID messageId) {
        return load(messageId).map(message -> new MessageText(message.subject(), message.body(), message.links()));
    }

    private Stored map(ResultSet rs, int row) throws SQLException {
        Timestamp planned = rs.getTimestamp("planned_at");
        return new Stored(
                rs.getObject("id", UUID.class),
                rs.getObject("event_id", UUID.class),
                EmailKind.valueOf(rs.getString("kind")),
                json.readValue(rs.getString("recipients"), STATUSES),
                json.readValue(rs.getString("subject"), TEXTS),
                json.readValue(rs.getString("body"), TEXTS),
                json.readValue(rs.getString("links"), LINKS),
                rs.getTimestamp("send_at").toInstant(),
                planned == null ? null : planned.toInstant(),
                rs.getObject("planned_count", Integer.class),
                rs.getTimestamp("created_at").toInstant(),
                rs.getBytes("request_hash"));
    }
}
