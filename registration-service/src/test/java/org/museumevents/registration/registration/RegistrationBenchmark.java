package org.museumevents.registration.registration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.museumevents.registration.Api;
import org.museumevents.registration.RegistrationApplication;
import org.museumevents.registration.TestCatalog;
import org.museumevents.registration.event.EventSnapshot;
import org.museumevents.testsupport.TestServers;
import org.museumevents.testsupport.TestTokens;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A throwaway measurement, not a test (no assertion, never run by the build): starts the service
 * on an embedded PostgreSQL and the embedded Kafka broker, then drives
 *
 * <ol>
 *   <li>{@code httpClients} (default 64) concurrent HTTP registrations on ONE event with places to
 *       spare, and
 *   <li>the ceiling: {@code jdbcClients} (default 8) JDBC connections each running, in auto-commit,
 *       the former one-statement registration (take a place, insert the registration, its token
 *       hash and its outbox row) on another event of the same database,
 * </ol>
 *
 * each for {@code seconds} (default 20) after a warm-up, and prints the rates and p50/p95/p99.
 *
 * <p>Run: {@code java -cp <test classpath> org.museumevents.registration.registration.RegistrationBenchmark
 * [seconds] [httpClients] [jdbcClients] [both|http|jdbc|service]}; {@code service} calls the
 * registration service from {@code httpClients} threads in-process, the path without HTTP.
 */
public final class RegistrationBenchmark {

    /** The former RegisterStatement (before group commit), as the ceiling's stand-in. */
    private static final String ONE_STATEMENT =
            """
            WITH place AS (
                UPDATE event SET
                    last_outcome = CASE WHEN (capacity IS NULL OR taken < capacity) AND waitlisted = 0 THEN 'PLACED'
                                        WHEN waitlist_enabled THEN 'WAITLISTED' ELSE 'FULL' END,
                    taken = taken + CASE WHEN (capacity IS NULL OR taken < capacity) AND waitlisted = 0 THEN 1 ELSE 0 END,
                    waitlisted = waitlisted
                        + CASE WHEN (capacity IS NULL OR taken < capacity) AND waitlisted = 0 THEN 0
                               WHEN waitlist_enabled THEN 1 ELSE 0 END,
                    waitlist_seq = waitlist_seq
                        + CASE WHEN (capacity IS NULL OR taken < capacity) AND waitlisted = 0 THEN 0
                               WHEN waitlist_enabled THEN 1 ELSE 0 END
                WHERE id = :eventId AND version = :eventVersion
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
                SELECT :id, event_id, status, seq, :name, :email, :emailKey, null, 'fr', 'Europe/Paris', null, :now, :now
                FROM decided WHERE status IS NOT NULL
                RETURNING id
            ), token AS (
                INSERT INTO registration_token (hash, registration_id, created_at)
                SELECT :tokenHash, id, :now FROM registered
            ), message AS (
                INSERT INTO outbox (message_id, destination, message_key, type, payload, occurred_at, traceparent)
                SELECT :messageId, 'registration.events', :messageKey, d.type,
                       jsonb_set(jsonb_set(jsonb_set(CAST(:template AS jsonb),
                           '{type}', to_jsonb(d.type)),
                           '{status}', to_jsonb(d.status)),
                           '{waitlistPosition}', COALESCE(to_jsonb(d.position), 'null'::jsonb))::text,
                       :now, null
                FROM decided d JOIN registered ON true
            )
            SELECT last_outcome, status, position FROM decided
            """;

    private RegistrationBenchmark() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int httpClients = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int jdbcClients = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        String only = args.length > 3 ? args[3] : "both";

        TestServers.DatabaseCoordinates db = TestServers.newDatabase();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(RegistrationApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + db.url(),
                        "--spring.datasource.username=" + db.username(),
                        "--spring.datasource.password=" + db.password(),
                        "--spring.kafka.bootstrap-servers=" + TestServers.kafkaBootstrapServers(),
                        "--spring.security.oauth2.resourceserver.jwt.public-key-location="
                                + TestTokens.publicKeyLocation(),
                        "--logging.level.root=WARN",
                        "--spring.cloud.stream.bindings.catalogEvents-in-0.destination=catalog.events.benchmark");
        try {
            if (only.equals("both") || only.equals("http")) {
                EventSnapshot event = TestCatalog.apply(app, TestCatalog.event("bench", null));
                Api api = Api.onPort(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
                System.out.println("HTTP warm-up...");
                http(api, event.id(), httpClients, Math.max(3, seconds / 4));
                Result result = http(api, event.id(), httpClients, seconds);
                System.out.println("HTTP  " + httpClients + " connections, one event: " + result);
            }
            if (only.equals("service")) {
                // The registration path without HTTP: the service called by as many threads.
                EventSnapshot event = TestCatalog.apply(app, TestCatalog.event("bench", null));
                RegistrationService service = app.getBean(RegistrationService.class);
                System.out.println("Service warm-up...");
                service(service, event.id(), httpClients, Math.max(3, seconds / 4));
                Result result = service(service, event.id(), httpClients, seconds);
                System.out.println("SERVICE " + httpClients + " threads, one event: " + result);
            }
            if (only.equals("both") || only.equals("jdbc")) {
                EventSnapshot ceilingEvent = TestCatalog.apply(app, TestCatalog.event("bench", null));
                System.out.println("JDBC warm-up...");
                jdbc(db, ceilingEvent, jdbcClients, Math.max(3, seconds / 4));
                Result result = jdbc(db, ceilingEvent, jdbcClients, seconds);
                System.out.println("JDBC  " + jdbcClients + " clients, one statement, one event: " + result);
            }
        } finally {
            app.close();
            System.exit(0);
        }
    }

    private static Result http(Api api, UUID eventId, int clients, int seconds) throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        URI uri = URI.create(api.baseUrl() + "/api/events/" + eventId + "/registrations");
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        return drive(clients, seconds, statuses, () -> {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            Api.body("Élise Durand", "bench-" + UUID.randomUUID() + "@example.org")))
                    .build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        });
    }

    private static Result service(RegistrationService service, UUID eventId, int clients, int seconds)
            throws Exception {
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        return drive(clients, seconds, statuses, () -> {
            service.register(
                    eventId,
                    new RegistrationRequest(
                            "Élise Durand",
                            "bench-" + UUID.randomUUID() + "@example.org",
                            "Musée d'Orsay",
                            "fr",
                            "Europe/Paris",
                            "en",
                            true),
                    null);
            return 201;
        });
    }

    private static Result jdbc(TestServers.DatabaseCoordinates db, EventSnapshot event, int clients, int seconds)
            throws Exception {
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        List<SingleConnectionDataSource> connections = new ArrayList<>();
        ThreadLocal<JdbcClient> jdbc = ThreadLocal.withInitial(() -> {
            SingleConnectionDataSource ds =
                    new SingleConnectionDataSource(db.url(), db.username(), db.password(), true);
            synchronized (connections) {
                connections.add(ds);
            }
            return JdbcClient.create(ds);
        });
        try {
            return drive(clients, seconds, statuses, () -> {
                OffsetDateTime now =
                        OffsetDateTime.ofInstant(Instant.now().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
                String email = "ceiling-" + UUID.randomUUID() + "@example.org";
                List<String> outcome = jdbc.get()
                        .sql(ONE_STATEMENT)
                        .param("eventId", event.id())
                        .param("eventVersion", event.version())
                        .param("id", UUID.randomUUID())
                        .param("name", "Élise Durand")
                        .param("email", email)
                        .param("emailKey", email)
                        .param("now", now)
                        .param("tokenHash", UUID.randomUUID().toString().getBytes())
                        .param("messageId", UUID.randomUUID())
                        .param("messageKey", event.id().toString())
                        .param("template", "{\"name\": \"Élise Durand\", \"email\": \"" + email + "\"}")
                        .query((rs, n) -> rs.getString("status"))
                        .list();
                return outcome.size() == 1 && outcome.get(0) != null ? 201 : 500;
            });
        } finally {
            connections.forEach(SingleConnectionDataSource::destroy);
        }
    }

    interface Call {
        int run() throws Exception;
    }

    private static Result drive(int clients, int seconds, Map<Integer, AtomicLong> statuses, Call call)
            throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    long started = System.nanoTime();
                    int status;
                    try {
                        status = call.run();
                    } catch (Exception e) {
                        status = -1;
                    }
                    long took = System.nanoTime() - started;
                    statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                    if (n == mine.length) {
                        mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = took;
                }
                latencies[client] = mine;
                counts[client] = n;
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        return new Result(total / (double) seconds, pct(all, 50), pct(all, 95), pct(all, 99), Map.copyOf(statuses));
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    record Result(double perSecond, double p50, double p95, double p99, Map<Integer, AtomicLong> statuses) {
        @Override
        public String toString() {
            return "%.0f/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, statuses %s"
                    .formatted(perSecond, p50, p95, p99, statuses);
        }
    }
}
