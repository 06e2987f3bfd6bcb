package org.museumevents.catalog.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox to Kafka in order, with a plain {@link KafkaTemplate}: StreamBridge's dynamic
 * binding, provisioned on first send, was left without a subscriber when that first send met a
 * broker outage (seen in BrokerOutageTest), and the relay must survive exactly that.
 *
 * <p> One instance at a time (ShedLock) so that messages of one
 * event keep their order; a failed send stops the batch and is retried on the next tick, so a
 * Kafka outage delays messages and loses none. A crash between send and mark resends: consumers
 * are idempotent on the message id.
 */
@Component
class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final String SOURCE = "/catalog-service";

    private final JdbcClient jdbc;
    private final KafkaTemplate<byte[], byte[]> kafka;
    private final OutboxProperties properties;

    OutboxRelay(JdbcClient jdbc, KafkaTemplate<byte[], byte[]> kafka, OutboxProperties properties) {
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${catalog.outbox.relay-interval:500ms}")
    @SchedulerLock(name = "catalog-outbox-relay", lockAtMostFor = "PT2M")
    void relay() {
        List<Pending> batch = jdbc.sql(
                        """
                        SELECT id, message_id, destination, message_key, type, payload, occurred_at, traceparent
                        FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT :limit
                        """)
                .param("limit", properties.batchSize())
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
                kafka.send(pending.toRecord()).get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
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

        /**
         * JSON value, the key, and the CloudEvents attributes as plain UTF-8 headers (binary mode);
         * {@code traceparent} is the trace of the request that wrote the message, not the relay's own.
         */
        ProducerRecord<byte[], byte[]> toRecord() {
            ProducerRecord<byte[], byte[]> record =
                    new ProducerRecord<>(destination, bytes(key), payload.getBytes(StandardCharsets.UTF_8));
            record.headers()
                    .add(new RecordHeader("content-type", bytes("application/json")))
                    .add(new RecordHeader("ce_specversion", bytes("1.0")))
                    .add(new RecordHeader("ce_id", bytes(messageId.toString())))
                    .add(new RecordHeader("ce_type", bytes(type)))
                    .add(new RecordHeader("ce_source", bytes(SOURCE)))
                    .add(new RecordHeader("ce_time", bytes(occurredAt.toString())));
            if (traceparent != null) {
                record.headers().add(new RecordHeader(CurrentTrace.TRACEPARENT, bytes(traceparent)));
            }
            return record;
        }

        private static byte[] bytes(String value) {
            return value.getBytes(StandardCharsets.UTF_8);
        }
    }
}
