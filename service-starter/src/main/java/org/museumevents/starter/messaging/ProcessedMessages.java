package org.museumevents.starter.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The idempotent consumer's memory: a message's id is recorded in the transaction of its effect,
 * so a redelivered message finds it and changes nothing (the contract: "the same message delivered
 * twice changes nothing the second time").
 *
 * <p>The service's schema holds the table: {@code processed_message(message_id uuid primary key,
 * topic text, type text, processed_at timestamptz)}.
 */
public class ProcessedMessages {

    private final JdbcClient jdbc;
    private final Clock clock;

    public ProcessedMessages(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records the message; must run in the transaction that applies its effect.
     *
     * @param messageId the message's {@code id} (CloudEvents {@code ce_id})
     * @param topic where it came from, for the operator reading the table
     * @param type its type, e.g. {@code EventPublished}
     * @return true the first time; false when it was processed before. A concurrent second delivery
     *     waits on the first one's row and gets false once the first commits.
     * @throws org.springframework.transaction.IllegalTransactionStateException outside a transaction
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean firstTime(UUID messageId, String topic, String type) {
        return jdbc.sql(
                                """
                        INSERT INTO processed_message (message_id, topic, type, processed_at)
                        VALUES (:id, :topic, :type, :now) ON CONFLICT (message_id) DO NOTHING
                        """)
                        .param("id", messageId)
                        .param("topic", topic)
                        .param("type", type)
                        .param("now", Timestamp.from(clock.instant()))
                        .update()
                == 1;
    }
}
