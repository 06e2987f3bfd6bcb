package org.museumevents.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Proves a service's scheduling locks (ShedLock rows: the outbox relay's, the reminders', the
 * purges') the same whatever the time zone of the process that takes or reads them.
 *
 * <p>The PostgreSQL JDBC driver sets each session's {@code TimeZone} from the JVM's default zone,
 * so a service restarted with another {@code TZ} reads what its previous run wrote in another
 * session zone. This check plays that with sessions set to zones far apart ({@link #ZONES}): for
 * every ordered pair, a lock taken and released in the first is free in the second at once, and a
 * lock taken and held in the first is refused in the second. Before the fix of issue 12 the first
 * half failed for a writer in UTC and a reader in Auckland (the lock seemed held for 13 more hours),
 * the second for a writer in Auckland and a reader in UTC (the lock did not hold at all).
 */
public final class LockTimeZones {

    /** UTC, and zones 13 hours east, 5 west and 1 east of it (in November). */
    public static final List<String> ZONES = List.of("UTC", "Pacific/Auckland", "America/New_York", "Europe/Paris");

    private static final Duration HELD_FOR = Duration.ofMinutes(10);

    private LockTimeZones() {}

    /**
     * Runs the check on the given database.
     *
     * @param dataSource the service's database, with its {@code shedlock} table migrated; each
     *     check borrows one connection at a time and gives it back with its zone reset
     * @param providers how the service builds its lock provider on a data source (the starter's
     *     {@code SchedulingLocks::onDatabaseClock})
     * @throws AssertionError naming the two zones when a lock differs between them
     */
    public static void assertIndependentOfSessionZone(
            DataSource dataSource, Function<DataSource, LockProvider> providers) {
        for (String writer : ZONES) {
            for (String reader : ZONES) {
                if (writer.equals(reader)) {
                    continue;
                }
                String released = "zone-check-" + UUID.randomUUID();
                inZone(dataSource, writer, providers, provider -> take(provider, released)
                        .orElseThrow(() -> new AssertionError("could not take a new lock in " + writer))
                        .unlock());
                inZone(dataSource, reader, providers, provider -> {
                    Optional<SimpleLock> again = take(provider, released);
                    if (again.isEmpty()) {
                        throw new AssertionError("a lock released in " + writer + " still seemed held in " + reader);
                    }
                    again.get().unlock();
                });

                String held = "zone-check-" + UUID.randomUUID();
                inZone(dataSource, writer, providers, provider -> take(provider, held)
                        .orElseThrow(() -> new AssertionError("could not take a new lock in " + writer)));
                inZone(dataSource, reader, providers, provider -> {
                    if (take(provider, held).isPresent()) {
                        throw new AssertionError(
                                "a lock held for " + HELD_FOR + " in " + writer + " was taken again in " + reader);
                    }
                });
            }
        }
    }

    private static Optional<SimpleLock> take(LockProvider provider, String name) {
        return provider.lock(new LockConfiguration(Instant.now(), name, HELD_FOR, Duration.ZERO));
    }

    private interface Check {
        void run(LockProvider provider);
    }

    private static void inZone(
            DataSource dataSource, String zone, Function<DataSource, LockProvider> providers, Check check) {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TIME ZONE '" + zone + "'");
            }
            try {
                check.run(providers.apply(new SingleConnectionDataSource(connection, true)));
            } finally {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("RESET TIME ZONE");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not borrow a connection in " + zone, e);
        }
    }
}
