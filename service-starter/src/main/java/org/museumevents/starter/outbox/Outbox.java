package org.museumevents.starter.outbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.museumevents.starter.tracing.TraceContexts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
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
    private final OutboxRelay relay;

    /** A writer that wakes no relay: its messages leave on the relay's next poll. */
    public Outbox(JdbcClient jdbc, JsonMapper json, TraceContexts traces) {
        this(jdbc, json, traces, null);
    }

    /**
     * @param relay the relay to wake after each commit that wrote a message; {@code null} for none
     *     (the messages then wait for its poll)
     */
    public Outbox(JdbcClient jdbc, JsonMapper json, TraceContexts traces, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.json = json;
        this.traces = traces;
        this.relay = relay;
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
        wakeRelay();
    }

    /**
     * Has the relay send what was just written to the outbox as soon as it is committed, rather
     * than on its next poll. {@link #add} calls it itself; a writer that inserts into the outbox
     * with its own SQL calls it right after (registration-service's one-statement registration,
     * say).
     *
     * <p>Inside a transaction with synchronisation (any Spring-managed one), the relay is woken
     * after the commit, and not at all on rollback; several calls in one transaction wake it once.
     * Outside one (an auto-commit statement, which has committed when it returns), at once. Never
     * blocks and never throws: the relay runs on its own thread ({@link OutboxRelay#wake()}).
     */
    public void wakeRelay() {
        if (relay == null) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            relay.wake();
            return;
        }
        // One synchronisation per transaction: a burst of adds in one transaction needs one wake.
        if (!TransactionSynchronizationManager.hasResource(this)) {
            TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    relay.wake();
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(Outbox.this);
                }
            });
        }
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
