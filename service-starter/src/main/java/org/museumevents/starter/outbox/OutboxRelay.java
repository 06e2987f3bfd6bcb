package org.museumevents.starter.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.museumevents.starter.ServiceSettings;
import org.museumevents.starter.tracing.TraceContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Sends the outbox to Kafka in order, with a plain {@link KafkaTemplate}: StreamBridge's dynamic
 * binding, provisioned on first send, was left without a subscriber when that first send met a
 * broker outage (seen in catalog-service's BrokerOutageTest), and the relay must survive exactly
 * that.
 *
 * <p>Runs every {@code <prefix>.outbox.relay-interval} on one instance at a time (a ShedLock row
 * named by {@link ServiceSettings#outboxLockName()}) so that messages of one key keep their order;
 * a failed send stops the batch and is retried on the next run, so a Kafka outage delays messages
 * and loses none. A crash between send and mark resends: consumers are idempotent on the message
 * id.
 *
 * <p>Each record: the JSON value, the key, and the CloudEvents attributes as plain UTF-8 headers
 * (CloudEvents Kafka protocol binding, binary mode: {@code ce_id}, {@code ce_type}, {@code
 * ce_source}, {@code ce_time}, {@code ce_specversion}), plus the {@code traceparent} of the request
 * that wrote the message.
 */
public class OutboxRelay implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcClient jdbc;
    private final KafkaTemplate<byte[], byte[]> kafka;
    private final LockingTaskExecutor locks;
    private final ServiceSettings settings;

    public OutboxRelay(
            JdbcClient jdbc, KafkaTemplate<byte[], byte[]> kafka, LockingTaskExecutor locks, ServiceSettings settings) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.locks = locks;
        this.settings = settings;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        Duration interval = settings.outbox().relayInterval();
        // The first run waits one interval too: the application is started by then.
        registrar.addFixedDelayTask(new FixedDelayTask(this::relayUnderLock, interval, interval));
    }

    /** One run, when no other instance holds the relay's lock; skipped otherwise. */
    public void relayUnderLock() {
        locks.executeWithLock(
                (Runnable) this::relay,
                new LockConfiguration(
                        Instant.now(),
                        settings.outboxLockName(),
                        settings.outbox().lockAtMostFor(),
                        Duration.ZERO));
    }

    // Wall-clock time, not the service's Clock: a test's fixed clock must not freeze the lock or the marks.

    /** Sends up to one batch of unsent messages, oldest first, and marks each sent after Kafka's ack. */
    void relay() {
        List<Pending> batch = jdbc.sql(
                        """
                        SELECT id, message_id, destination, message_key, type, payload, occurred_at, traceparent
                        FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT :limit
                        """)
                .param("limit", settings.outbox().batchSize())
                .query((rs, n) -> new Pending(
                        rs.getLong("id"),
                        rs.getObject("message_id", UUID.class),
                        rs.getString("destination"),
                        rs.getString("message_key"),
                        rs.getString("type"),
                        rs.getString("payload"),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("traceparent")))
                .list();
        for (Pending pending : batch) {
            try {
                kafka.send(pending.toRecord(settings.messageSource()))
                        .get(settings.outbox().sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                log.warn(
                        "Outbox relay paused: could not send message {} to {} ({}); will retry",
                        pending.messageId(),
                        pending.destination(),
                        cause.toString());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            jdbc.sql("UPDATE outbox SET published_at = :now WHERE id = :id")
                    .param("now", Timestamp.from(Instant.now()))
                    .param("id", pending.id())
                    .update();
        }
    }

    private record Pending(
            long id,
            UUID messageId,
            String destination,
            String key,
            String type,
            String payload,
            Instant occurredAt,
            String traceparent) {

        ProducerRecord<byte[], byte[]> toRecord(String source) {
            ProducerRecord<byte[], byte[]> record =
                    new ProducerRecord<>(destination, bytes(key), payload.getBytes(StandardCharsets.UTF_8));
            record.headers()
                    .add(new RecordHeader("content-type", bytes("application/json")))
                    .add(new RecordHeader("ce_specversion", bytes("1.0")))
                    .add(new RecordHeader("ce_id", bytes(messageId.toString())))
                    .add(new RecordHeader("ce_type", bytes(type)))
                    .add(new RecordHeader("ce_source", bytes(source)))
                    .add(new RecordHeader("ce_time", bytes(occurredAt.toString())));
            if (traceparent != null) {
                record.headers().add(new RecordHeader(TraceContexts.TRACEPARENT, bytes(traceparent)));
            }
            return record;
        }

        private static byte[] bytes(String value) {
            return value.getBytes(StandardCharsets.UTF_8);
        }
    }
}
