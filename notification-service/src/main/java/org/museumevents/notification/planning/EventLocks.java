package org.museumevents.notification.planning;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Serialises the work on one event, which both topics touch (a registration message and a catalog
 * message of the same event may arrive on two consumer threads), with a transaction-scoped
 * PostgreSQL advisory lock keyed by the event id. Public because erasing personal data takes the
 * same lock, so that no change of the event writes an address back meanwhile.
 */
@Component
public class EventLocks {

    private final JdbcClient jdbc;

    /** @param jdbc the service's database, where the lock is taken */
    EventLocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Waits for, then holds until the transaction ends, the lock of {@code eventId}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lock(UUID eventId) {
        jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(:key)")
                .param("key", eventId.getMostSignificantBits() ^ eventId.getLeastSignificantBits())
                .query(Integer.class)
                .single();
    }
}
