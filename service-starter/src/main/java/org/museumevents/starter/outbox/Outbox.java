package org.museumevents.starter.outbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.museumevents.starter.tracing.TraceContexts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one writer of outgoing messages. Must be called inside the transaction that makes the
 * change, so the change and its message commit or roll back together; {@link OutboxRelay} sends
 * them later.
 *
 * <p>The service's schema holds the table: {@code outbox(id bigserial, message_id uuid,
 * destination text, message_key text, type text, payload text (JSON), occurred_at timestamptz,
 * published_at timestamptz null, traceparent text null)} with a partial index on the unsent rows.
 */
public class Outbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TraceContexts traces;

    public Outbox(JdbcClient jdbc, JsonMapper json, TraceContexts traces) {
        this.jdbc = jdbc;
        this.json = json;
        this.traces = traces;
    }

    /**
     * Stores {@code message} for {@code destination}, keyed by {@code key}, with the current trace.
     *
     * @param destination the Kafka topic
     * @param key the record key (messages of one key keep their order), e.g. an event id
     * @param type the message type, e.g. {@code EventPublished}: the CloudEvents {@code type}
     * @param messageId the message's unique id: the CloudEvents {@code id}, and what consumers
     *     recognise a redelivery by
     * @param occurredAt when the change happened (UTC instant): the CloudEvents {@code time}
     * @param message the body, written as JSON with the application's mapper
     * @throws org.springframework.transaction.IllegalTransactionStateException outside a transaction
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
                .param("traceparent", traces.traceparent())
                .update();
    }

    /**
     * Deletes the messages already sent that happened before {@code instant}: relayed messages may
     * carry personal data and are not kept longer than the data they came from.
     *
     * @return how many rows were deleted
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int forgetPublishedBefore(Instant instant) {
        return jdbc.sql("DELETE FROM outbox WHERE published_at IS NOT NULL AND occurred_at < :instant")
                .param("instant", Timestamp.from(instant))
                .update();
    }
}
