package org.museumevents.registration.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;

/**
 * Sends the outbox to Kafka in order. One instance at a time (ShedLock) so that messages of one
 * event keep their order; a failed send stops the batch and is retried on the next tick, so a
 * Kafka outage delays messages and loses none. A crash between send and mark resends: consumers
 * are idempotent on the message id.
 */
@Component
class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final String SOURCE = "/registration-service";

    private final JdbcClient jdbc;
    private final StreamBridge streamBridge;
    private final OutboxProperties properties;

    OutboxRelay(JdbcClient jdbc, StreamBridge streamBridge, OutboxProperties properties) {
        this.jdbc = jdbc;
        this.streamBridge = streamBridge;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${registration.outbox.relay-interval:500ms}")
    @SchedulerLock(name = "registration-outbox-relay", lockAtMostFor = "PT2M")
    void relay() {
        List<Pending> batch = jdbc.sql(
                        """
                        SELECT id, message_id, destination, message_key, type, payload, occurred_at
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
                        rs.getTimestamp("occurred_at").toInstant()))
                .list();
        for (Pending pending : batch) {
            try {
                streamBridge.send(pending.destination(), pending.toMessage());
            } catch (RuntimeException e) {
                log.warn(
                        "Outbox relay paused: could not send message {} to {} ({}); will retry",
                        pending.messageId(),
                        pending.destination(),
                        e.getMessage());
                return;
            }
            jdbc.sql("UPDATE outbox SET published_at = :now WHERE id = :id")
                    .param("now", Timestamp.from(Instant.now()))
                    .param("id", pending.id())
                    .update();
        }
    }

    private record Pending(
            long id, UUID messageId, String destination, String key, String type, String payload, Instant occurredAt) {

        /** JSON value, the key, and the CloudEvents attributes as plain UTF-8 headers (binary mode). */
        Message<byte[]> toMessage() {
            return MessageBuilder.withPayload(payload.getBytes(StandardCharsets.UTF_8))
                    .setHeader(KafkaHeaders.KEY, key.getBytes(StandardCharsets.UTF_8))
                    .setHeader("contentType", MimeTypeUtils.APPLICATION_JSON_VALUE)
                    .setHeader("ce_specversion", bytes("1.0"))
                    .setHeader("ce_id", bytes(messageId.toString()))
                    .setHeader("ce_type", bytes(type))
                    .setHeader("ce_source", bytes(SOURCE))
                    .setHeader("ce_time", bytes(occurredAt.toString()))
                    .build();
        }

        private static byte[] bytes(String value) {
            return value.getBytes(StandardCharsets.UTF_8);
        }
    }
}
