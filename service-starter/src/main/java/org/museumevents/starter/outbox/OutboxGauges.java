package org.museumevents.starter.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How far the relay is behind, for Prometheus: {@code museum_outbox_backlog} (messages not yet sent)
 * and {@code museum_outbox_oldest_age_seconds} (how long the first of them has waited). Both come
 * from one query that reads only the unsent rows, through the partial index {@code
 * outbox_unpublished}, and is shared by the two gauges of a scrape. Every instance reports the same
 * table: aggregate with {@code max}, not {@code sum}. NaN while the database is unreachable.
 */
public class OutboxGauges implements MeterBinder {

    /** Long enough for both gauges of one scrape, short enough never to show a stale backlog. */
    private static final Duration FRESH = Duration.ofSeconds(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    private volatile Backlog last;

    public OutboxGauges(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("museum.outbox.backlog", this, gauges -> gauges.backlog().messages())
                .description("Messages written to the outbox and not yet sent to Kafka")
                .register(registry);
        Gauge.builder("museum.outbox.oldest.age", this, gauges -> gauges.backlog()
                        .oldestAgeSeconds())
                .description("How long the oldest message not yet sent to Kafka has waited (0 when none waits)")
                .baseUnit("seconds")
                .register(registry);
    }

    private Backlog backlog() {
        long now = System.nanoTime();
        Backlog backlog = last;
        if (backlog == null || now - backlog.readAt() > FRESH.toNanos()) {
            backlog = read(now);
            last = backlog;
        }
        return backlog;
    }

    private Backlog read(long readAt) {
        Instant now = clock.instant();
        try {
            return jdbc.sql(
                            """
                            SELECT (SELECT count(*) FROM outbox WHERE published_at IS NULL) AS messages,
                                   (SELECT occurred_at FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT 1)
                                       AS oldest
                            """)
                    .query((rs, n) -> {
                        Timestamp oldest = rs.getTimestamp("oldest");
                        double age = oldest == null
                                ? 0
                                : Math.max(
                                        0,
                                        Duration.between(oldest.toInstant(), now)
                                                        .toMillis()
                                                / 1000.0);
                        return new Backlog(readAt, rs.getLong("messages"), age);
                    })
                    .single();
        } catch (DataAccessException e) {
            return new Backlog(readAt, Double.NaN, Double.NaN);
        }
    }

    private record Backlog(long readAt, double messages, double oldestAgeSeconds) {}
}
