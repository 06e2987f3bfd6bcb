package org.museumevents.catalog.outbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one writer of outgoing messages. Must be called inside the transaction that makes the
 * change, so the change and its message commit or roll back together.
 */
@Component
public class Outbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final CurrentTrace trace;

    Outbox(JdbcClient jdbc, JsonMapper json, CurrentTrace trace) {
        this.jdbc = jdbc;
        this.json = json;
        this.trace = trace;
    }

    /**
     * Stores {@code message} for {@code destination}, keyed by {@code key}, with the current trace.
     *
     * @param type the message type, e.g. {@code EventPublished}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void add(String destination, String key, String type, UUID messageId, Instant occurredAt, Object message) {
        jdbc.sql(
                        """
                        INSERT INTO outbox (message_id, destination, message_key, type, payload, occurred_at,
                            traceparent)
                        VALUES (:messageId, :destination, :key, :type, :payload, :occurredAt, :traceparent)
                        """)
                .param("messageId", messageId)
                .param("destination", destination)
                .param("key", key)
                .param("type", type)
                .param("payload", json.writeValueAsString(message))
                .param("occurredAt", Timestamp.from(occurredAt))
                .param("traceparent", trace.traceparent())
                .update();
    }
}
