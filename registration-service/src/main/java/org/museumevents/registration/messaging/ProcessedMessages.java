package org.museumevents.registration.messaging;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The idempotent consumer's memory, written in the transaction of the message's effect. */
@Component
class ProcessedMessages {

    private final JdbcClient jdbc;

    ProcessedMessages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** True the first time; a concurrent second delivery waits for the first and gets false. */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean firstTime(UUID messageId, Instant now) {
        return jdbc.sql(
                                """
                        INSERT INTO processed_messages (message_id, processed_at) VALUES (:id, :now)
                        ON CONFLICT (message_id) DO NOTHING
                        """)
                        .param("id", messageId)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }
}
