package org.museumevents.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The raw-SQL ceiling of registering (part 2): registration-service's place-taking statement
 * ({@code RegisterStatement}: take a place on the event row with UPDATE ... RETURNING, insert the
 * registration, its token hash and its outbox row, as ONE statement, auto-commit) run by JDBC
 * clients in a loop on one hot event, against the same PostgreSQL server as the services.
 *
 * <p>It runs in a schema of its own in the registration database, whose tables are copies of the
 * service's ({@code LIKE ... INCLUDING ALL}, plus the foreign keys), so that its outbox rows are not
 * relayed to Kafka and its registrations are nobody's; the schema is dropped afterwards.
 */
final class SqlCeiling {

    private static final String SCHEMA = "benchmark_ceiling";

    private static final String PLACE = "(capacity IS NULL OR taken < capacity) AND waitlisted = 0";

    /** RegisterStatement's SQL with positional parameters; statuses and types as it passes them. */
    private static final String SQL =
            """
            WITH place AS (
                UPDATE event SET
                    last_outcome = CASE WHEN %1$s THEN 'PLACED' WHEN waitlist_enabled THEN 'WAITLISTED' ELSE 'FULL' END,
                    taken = taken + CASE WHEN %1$s THEN 1 ELSE 0 END,
                    waitlisted = waitlisted + CASE WHEN %1$s THEN 0 WHEN waitlist_enabled THEN 1 ELSE 0 END,
                    waitlist_seq = waitlist_seq + CASE WHEN %1$s THEN 0 WHEN waitlist_enabled THEN 1 ELSE 0 END
                WHERE id = ? AND version = 1
                RETURNING id, last_outcome, waitlisted, waitlist_seq
            ), decided AS (
                SELECT id AS event_id, last_outcome,
                       CASE last_outcome WHEN 'PLACED' THEN 'CONFIRMED' WHEN 'WAITLISTED' THEN 'WAITLISTED' END AS status,
                       CASE last_outcome WHEN 'PLACED' THEN 'RegistrationConfirmed'
                                         WHEN 'WAITLISTED' THEN 'RegistrationWaitlisted' END AS type,
                       CASE WHEN last_outcome = 'WAITLISTED' THEN waitlist_seq END AS seq,
                       CASE WHEN last_outcome = 'WAITLISTED' THEN waitlisted END AS position
                FROM place
            ), registered AS (
                INSERT INTO registration (id, event_id, status, waitlist_seq, name, email, email_key, organisation,
                                          language, time_zone, interpretation_language, created_at, updated_at)
                SELECT ?, event_id, status, seq, 'Bench Registrant', ?, ?, NULL, 'en', NULL, NULL, ?, ?
                FROM decided WHERE status IS NOT NULL
                RETURNING id
            ), token AS (
                INSERT INTO registration_token (hash, registration_id, created_at)
                SELECT ?, id, ? FROM registered
            ), message AS (
                INSERT INTO outbox (message_id, destination, message_key, type, payload, occurred_at, traceparent)
                SELECT ?, 'registration.events', ?, d.type,
                       jsonb_set(jsonb_set(jsonb_set(CAST(? AS jsonb),
                           '{type}', to_jsonb(d.type)),
                           '{status}', to_jsonb(d.status)),
                           '{waitlistPosition}', COALESCE(to_jsonb(d.position), 'null'::jsonb))::text,
                       ?, NULL
                FROM decided d JOIN registered ON true
            )
            SELECT last_outcome, status, position FROM decided
            """
                    .formatted(PLACE);

    /**
     * The result.
     *
     * @param statements statements committed
     * @param seconds how long the clients ran
     * @param latenciesMicros each statement's time, in microseconds
     */
    record Result(long statements, double seconds, List<Long> latenciesMicros) {
        double perSecond() {
            return statements / seconds;
        }
    }

    private SqlCeiling() {}

    /**
     * @param jdbcUrl the registration database
     * @param clients concurrent JDBC connections, each in its own thread
     * @param duration how long the clients run
     * @param mark called right before the clients start and right after the last has stopped
     *     (to read the CPU the statements cost, and nothing of the schema's setup)
     */
    static Result run(String jdbcUrl, int clients, Duration duration, Runnable mark) throws Exception {
        UUID eventId = UUID.randomUUID();
        try (Connection admin = DriverManager.getConnection(jdbcUrl, "postgres", "");
                Statement ddl = admin.createStatement()) {
            ddl.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            ddl.execute("CREATE SCHEMA " + SCHEMA);
            for (String table : List.of("event", "registration", "registration_token", "outbox")) {
                ddl.execute("CREATE TABLE %s.%s (LIKE public.%s INCLUDING ALL)".formatted(SCHEMA, table, table));
            }
            ddl.execute("ALTER TABLE %s.registration ADD FOREIGN KEY (event_id) REFERENCES %s.event (id)"
                    .formatted(SCHEMA, SCHEMA));
            ddl.execute(
                    "ALTER TABLE %s.registration_token ADD FOREIGN KEY (registration_id) REFERENCES %s.registration (id)"
                            .formatted(SCHEMA, SCHEMA));
            ddl.execute(
                    """
                    INSERT INTO %s.event (id, organisation, status, capacity, requires_approval, waitlist_enabled,
                                          starts_at, ends_at, version)
                    VALUES ('%s', 'icom-france', 'PUBLISHED', NULL, false, true, now() + interval '30 days',
                            now() + interval '30 days 1 hour', 1)"""
                            .formatted(SCHEMA, eventId));
        }
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        mark.run();
        long began = System.nanoTime();
        long end = began + duration.toNanos();
        try {
            List<Future<Long>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(pool.submit(() -> loop(jdbcUrl, eventId, end, latencies)));
            }
            long total = 0;
            for (Future<Long> f : done) {
                total += f.get();
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            mark.run();
            return new Result(total, seconds, latencies);
        } finally {
            pool.shutdownNow();
            try (Connection admin = DriverManager.getConnection(jdbcUrl, "postgres", "");
                    Statement ddl = admin.createStatement()) {
                ddl.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            }
        }
    }

    private static long loop(String jdbcUrl, UUID eventId, long end, List<Long> latencies) throws SQLException {
        String template =
                """
                {"id": "x", "type": null, "eventId": "%s", "status": null, "waitlistPosition": null,
                 "name": "Bench Registrant", "language": "en"}"""
                        .formatted(eventId);
        long count = 0;
        List<Long> own = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
            connection.setSchema(SCHEMA);
            try (PreparedStatement statement = connection.prepareStatement(SQL)) {
                while (System.nanoTime() < end) {
                    UUID id = UUID.randomUUID();
                    String email = "ceiling-" + id + "@bench.museum-events.org";
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    int i = 1;
                    statement.setObject(i++, eventId);
                    statement.setObject(i++, id);
                    statement.setString(i++, email);
                    statement.setString(i++, email);
                    statement.setObject(i++, now);
                    statement.setObject(i++, now);
                    statement.setBytes(i++, (id.toString() + "token").getBytes());
                    statement.setObject(i++, now);
                    statement.setObject(i++, UUID.randomUUID());
                    statement.setString(i++, eventId.toString());
                    statement.setString(i++, template);
                    statement.setObject(i, now);
                    long t0 = System.nanoTime();
                    try (ResultSet rows = statement.executeQuery()) {
                        rows.next();
                    }
                    own.add((System.nanoTime() - t0) / 1000);
                    count++;
                }
            }
        }
        latencies.addAll(own);
        return count;
    }
}
