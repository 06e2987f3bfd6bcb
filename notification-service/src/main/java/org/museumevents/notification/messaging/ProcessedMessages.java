package org.museumevents.notification.messaging;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one idempotency helper: a message's id is recorded in the transaction of its effect, so a
 * redelivered message finds it and changes nothing. Also serialises the work on one event, which
 * both topics touch, with a transaction-scoped advisory lock.
 */
@Component
class ProcessedMessages {

    private final JdbcClient jdbc;

    ProcessedMessages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes the event's lock, then records the message; false if it was processed before. */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean firstTime(UUID eventId, UUID messageId, String topic, String type, Instant now) {
        jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(:key)")
                .param("key", eventId.getMostSignificantBits() ^ eventId.getLeastSignificantBits())
                .query(Integer.class)
                .single();
        return jdbc.sql(
                                """
                        INSERT INTO processed_message (message_id, topic, type, processed_at)
                        VALUES (:id, :topic, :type, :now) ON CONFLICT DO NOTHING
                        """)
                        .param("id", messageId)
                        .param("topic", topic)
                        .param("type", type)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }
}
