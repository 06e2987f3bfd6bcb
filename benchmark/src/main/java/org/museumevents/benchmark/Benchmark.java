package org.museumevents.benchmark;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The benchmark of issue 13, run by {@code ./run-benchmark}: starts an SMTP sink and the local
 * platform (separate processes, their own databases and Kafka), runs the parts asked for, prints
 * the table with the machine it ran on, writes it to {@code results.md} beside Gatling's reports,
 * and stops every process it started, also on failure and Ctrl-C.
 *
 * <p>Parts run in the order 2, 6, 4, 3, 5, 1, 7: the idle measurements first, the ones that leave
 * a backlog of emails later; each figure says how many emails were still unsent when its part
 * began. Nothing here asserts a time: the figures are printed, whatever they are.
 */
public final class Benchmark {

    private static final String DOMAIN = "@bench.museum-events.org";

    private final Options options;
    private final LocalPlatform platform;
    private final SmtpSink sink;
    private final ResultTable table;
    private final Api api;
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final List<String> reports = new ArrayList<>();
    private double ceiling = -1;

    private Benchmark(Options options, LocalPlatform platform, SmtpSink sink, ResultTable table) {
        this.options = options;
        this.platform = platform;
        this.sink = sink;
        this.table = table;
        this.api = new Api(platform);
    }

    /**
     * @param args {@code --benchmark.*=value} settings (see {@link Options})
     */
    public static void main(String[] args) throws Exception {
        Options options = Options.from(args);
        Files.createDirectories(options.output());
        ResultTable table = new ResultTable();
        String machineAtStart = "load average (1 min) at start: " + Machine.loadAverage();
        System.out.printf("Benchmark: parts %s, output in %s%n", options.only(), options.output());
        List<String> reports = List.of();
        try (SmtpSink sink = new SmtpSink(LocalPlatform.freePort())) {
            System.out.println("Starting the local platform (log: " + options.output() + "/local-platform.log)...");
            LocalPlatform platform =
                    LocalPlatform.start(options, sink.port, Duration.ofSeconds(10), Duration.ofMinutes(10));
            Thread stop = new Thread(platform::close, "stop-platform");
            Runtime.getRuntime().addShutdownHook(stop);
            Benchmark benchmark = new Benchmark(options, platform, sink, table);
            try {
                benchmark.runParts();
            } finally {
                if (options.runs(7)) {
                    benchmark.part("7", benchmark::memory);
                }
                System.out.println("Stopping the platform...");
                platform.close();
                try {
                    Runtime.getRuntime().removeShutdownHook(stop);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C: the hook runs anyway, and close() is idempotent
                }
            }
            reports = benchmark.reports;
        }
        String markdown = "# Benchmark results\n\n"
                + Machine.describe(options.javaOptions()) + "\n- " + machineAtStart + "\n\n"
                + table.markdown()
                + "\nCommand: `./run-benchmark"
                + (options.only().size() < 7
                        ? " --benchmark.only="
                                + options.only().stream().map(String::valueOf).collect(Collectors.joining(","))
                        : "")
                + "`\n\nGatling reports (index.html in each):\n\n"
                + reports.stream().map(r -> "- " + r + "\n").collect(Collectors.joining());
        Path file = options.output().resolve("results.md");
        Files.writeString(file, markdown, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(markdown);
        System.out.println("Written to " + file);
    }

    private void runParts() {
        part("warm-up", this::warmUp);
        if (options.runs(2)) {
            part("2", this::ceiling);
        }
        if (options.runs(6)) {
            part("6", this::visitors);
        }
        if (options.runs(4)) {
            part("4", this::steadyMail);
        }
        if (options.runs(3)) {
            part("3", this::burst);
        }
        if (options.runs(5)) {
            part("5", this::reminders);
        }
        if (options.runs(1)) {
            part("1", this::throughput);
        }
    }

    private interface Part {
        void run() throws Exception;
    }

    /** Runs a part; a failure is a row of the table, and the next part runs. */
    private void part(String number, Part part) {
        System.out.printf("%s part %s...%n", Instant.now().truncatedTo(ChronoUnit.SECONDS), number);
        try {
            part.run();
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            table.add(number, "did not complete", e.toString());
        }
    }

    private String backlog() {
        return "unsent emails at its start: " + api.unsentEmails();
    }

    /**
     * Production services are warm: 8 clients register (directly and through the gateway) and load
     * the home page and the event list for {@code warm-up}, so that the parts measure compiled code
     * and filled pools rather than the first minutes of a JVM. Its registrations' emails are part of
     * the backlog the next part reports.
     */
    private void warmUp() throws Exception {
        String eventId = api.publish(api.event("Benchmark warm-up " + run, null, Duration.ofDays(30), List.of()));
        long end = System.nanoTime() + options.warmUp().toNanos();
        AtomicInteger n = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            done.add(clients.submit(() -> {
                while (System.nanoTime() < end) {
                    int i = n.incrementAndGet();
                    String email = "w-" + run + "-" + i + DOMAIN;
                    api.register(i % 2 == 0 ? platform.registrationUrl() : platform.gatewayUrl(), eventId, email);
                    api.get(platform.gatewayUrl() + "/", "text/html");
                    api.get(platform.gatewayUrl() + "/api/events", "application/json");
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        clients.shutdown();
        System.out.printf("Warmed up with %d registrations and page loads%n", n.get());
    }

    // Part 2 -------------------------------------------------------------------------------------

    private void ceiling() throws Exception {
        List<CpuTimes.Reading> readings = new ArrayList<>();
        SqlCeiling.Result result =
                SqlCeiling.run(platform.jdbcUrl("registration"), 8, options.duration(), () -> CpuTimes.take(platform)
                        .ifPresent(readings::add));
        Percentiles latency = new Percentiles(result.latenciesMicros());
        ceiling = result.perSecond();
        table.add(
                "2",
                "raw-SQL ceiling: RegisterStatement's one statement (place + registration + token + outbox row), "
                        + "8 JDBC clients, %d s, same PostgreSQL server"
                                .formatted(options.duration().toSeconds()),
                "%.0f statements/s; p50 %.1f ms, p99 %.1f ms"
                        .formatted(ceiling, latency.of(50) / 1000.0, latency.of(99) / 1000.0));
        if (readings.size() == 2 && result.statements() > 0) {
            // What the ceiling costs where: beside part 1's CPU rows, PostgreSQL's time per statement
            // here against its time per registration there says whether the database is the limit.
            table.add(
                    "2",
                    "where the CPU went during the ceiling: each process's CPU per statement, and in cores (%d statements; the JDBC clients are in the benchmark's JVM)"
                            .formatted(result.statements()),
                    CpuTimes.between(readings.get(0), readings.get(1), result.statements()));
        }
    }

    // Part 6 -------------------------------------------------------------------------------------

    private void visitors() {
        String before = backlog();
        GatlingRun.Summary summary = gatling(
                VisitorsSimulation.class,
                "part 6: home page and event list, 100 visitors",
                Map.of(
                        "bench.baseUrl", platform.gatewayUrl(),
                        "bench.users", "100",
                        "bench.seconds", String.valueOf(options.duration().toSeconds())));
        table.add(
                "6",
                "public home page (`GET /`) then event list (`GET /api/events`) through the gateway, 100 concurrent "
                        + "visitors, %d s (%s)".formatted(options.duration().toSeconds(), before),
                "p99 %d ms (p50 %d, p95 %d); %.0f pages/s; errors %d"
                        .formatted(summary.p99(), summary.p50(), summary.p95(), summary.perSecond(), summary.ko()));
    }

    // Part 4 -------------------------------------------------------------------------------------

    private void steadyMail() throws Exception {
        String before = backlog();
        String eventId = api.publish(api.event("Benchmark steady " + run, null, Duration.ofDays(30), List.of()));
        String prefix = "b4-" + run + "-";
        Map<String, Long> sent = new ConcurrentHashMap<>();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger n = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(32);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        int total = (int) (options.steadyDuration().toSeconds() * 20);
        List<Future<?>> requests = new ArrayList<>();
        try {
            clock.scheduleAtFixedRate(
                            () -> {
                                int i = n.incrementAndGet();
                                if (i > total) {
                                    throw new IllegalStateException("done"); // ends the schedule
                                }
                                String email = prefix + i + DOMAIN;
                                synchronized (requests) {
                                    requests.add(senders.submit(() -> {
                                        long at = System.nanoTime();
                                        int status = api.register(platform.registrationUrl(), eventId, email);
                                        if (status == 201) {
                                            sent.put(email, at);
                                        } else {
                                            errors.incrementAndGet();
                                        }
                                    }));
                                }
                            },
                            0,
                            50,
                            TimeUnit.MILLISECONDS)
                    .get(options.steadyDuration().toSeconds() + 30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException expected) {
            // the schedule ended after its last registration
        } finally {
            clock.shutdownNow();
        }
        synchronized (requests) {
            for (Future<?> request : requests) {
                request.get();
            }
        }
        senders.shutdown();
        List<SmtpSink.Arrival> arrived = awaitEmails(to(prefix), sent.size());
        List<Long> latencies = new ArrayList<>();
        for (SmtpSink.Arrival arrival : firstPerRecipient(arrived).values()) {
            Long at = sent.get(arrival.recipient());
            if (at != null) {
                latencies.add((arrival.nanos() - at) / 1_000_000);
            }
        }
        Percentiles p = new Percentiles(latencies);
        table.add(
                "4",
                "registration-to-inbox latency of confirmations, 20 registrations/s for %d s on an idle platform (%s)"
                        .formatted(options.steadyDuration().toSeconds(), before),
                "p50 %d ms, p99 %d ms, max %d ms; %d of %d emails arrived%s; registration errors %d"
                        .formatted(
                                p.of(50),
                                p.of(99),
                                p.max(),
                                latencies.size(),
                                sent.size(),
                                latencies.size() < sent.size()
                                        ? " (not all arrived in "
                                                + options.mailWait().toSeconds() + " s)"
                                        : "",
                                errors.get()));
    }

    // Part 3 -------------------------------------------------------------------------------------

    private void burst() throws Exception {
        String before = backlog();
        int places = options.burstPlaces();
        String eventId = api.publish(api.event("Benchmark burst " + run, places, Duration.ofDays(30), List.of()));
        String prefix = "b3-" + run + "-";
        int users = options.burstConcurrency();
        int repeat = Math.max(1, options.burstAttempts() / users);
        GatlingRun.Summary summary = gatling(
                RegistrationSimulation.class,
                "part 3: %d attempts at %d concurrency on %d places".formatted(users * repeat, users, places),
                Map.of(
                        "bench.baseUrl", platform.registrationUrl(),
                        "bench.eventId", eventId,
                        "bench.users", String.valueOf(users),
                        "bench.repeat", String.valueOf(repeat),
                        "bench.emailPrefix", prefix));
        JsonNode stats = api.stats(eventId);
        long confirmed = stats.get("confirmed").asLong();
        long waitlisted = stats.get("waitlisted").asLong();
        table.add(
                "3",
                "%d attempts at %d concurrency on %d places, straight to registration-service (%s)"
                        .formatted(users * repeat, users, places, before),
                "confirmed %d, waitlisted %d, errors %d%s; %.0f attempts/s, p99 %d ms"
                        .formatted(
                                confirmed,
                                waitlisted,
                                summary.ko(),
                                confirmed > places ? " — OVERBOOKED" : "",
                                summary.perSecond(),
                                summary.p99()));
        Instant lastRegistration = Instant.ofEpochMilli(api.count(
                "registration",
                "SELECT (extract(epoch FROM max(created_at)) * 1000)::bigint FROM registration WHERE event_id = ?",
                UUID.fromString(eventId)));
        int expected = (int) summary.ok();
        List<SmtpSink.Arrival> arrived = awaitEmails(to(prefix), expected);
        Instant last = arrived.stream()
                .map(SmtpSink.Arrival::at)
                .max(Instant::compareTo)
                .orElse(lastRegistration);
        table.add(
                "4",
                "after part 3: from its last registration until its %d emails had reached the SMTP server"
                        .formatted(expected),
                arrived.size() >= expected
                        ? "%.1f s"
                                .formatted(
                                        Duration.between(lastRegistration, last).toMillis() / 1000.0)
                        : "not all arrived in %d s: %d of %d"
                                .formatted(options.mailWait().toSeconds(), arrived.size(), expected));
    }

    // Part 5 -------------------------------------------------------------------------------------

    private void reminders() throws Exception {
        String before = backlog();
        int count = options.reminders();
        Map<String, Object> event = api.event("Benchmark reminders " + run, null, Duration.ofDays(2), List.of());
        String eventId = api.publish(event);
        String prefix = "b5-" + run + "-";
        ExecutorService pool = Executors.newFixedThreadPool(64);
        AtomicInteger errors = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String email = prefix + i + DOMAIN;
            done.add(pool.submit(() -> {
                if (api.register(platform.registrationUrl(), eventId, email) != 201) {
                    errors.incrementAndGet();
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        int registered = count - errors.get();
        List<SmtpSink.Arrival> confirmations = awaitEmails(to(prefix), registered);
        // Every reminder due at the same instant, on a whole minute at least 45 s from now: the
        // event's only reminder offset is set to reach back from its start to that instant.
        Instant due =
                Instant.now().plusSeconds(45).truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        Duration offset = Duration.between(due, Api.startOf(event));
        Map<String, Object> withReminder = new HashMap<>(event);
        withReminder.put("reminders", List.of(offset.toString()));
        api.replace(eventId, withReminder);
        Predicate<SmtpSink.Arrival> reminder =
                to(prefix).and(arrival -> arrival.subject().startsWith("Reminder:"));
        List<SmtpSink.Arrival> reminders = awaitEmails(
                reminder, registered, Duration.between(Instant.now(), due).plus(options.mailWait()));
        long planned = api.count(
                "notification",
                "SELECT count(*) FROM notification WHERE event_id = ? AND kind = 'REMINDER'",
                UUID.fromString(eventId));
        Set<String> messageIds = new HashSet<>();
        long duplicates =
                reminders.stream().filter(a -> !messageIds.add(a.messageId())).count();
        long twice = reminders.stream()
                .collect(Collectors.groupingBy(SmtpSink.Arrival::recipient, Collectors.counting()))
                .values()
                .stream()
                .filter(c -> c > 1)
                .count();
        Instant last = reminders.stream()
                .map(SmtpSink.Arrival::at)
                .max(Instant::compareTo)
                .orElse(due);
        int distinct = messageIds.size();
        table.add(
                "5",
                "reminder fan-out: %d registrants (%d registration errors; %d of their confirmations arrived before), "
                                .formatted(registered, errors.get(), confirmations.size())
                        + "one reminder each due at %s, two notification-service instances; %d reminders planned (%s)"
                                .formatted(due, planned, before),
                (distinct >= registered
                                ? "last reached the SMTP server %.1f s after the due time"
                                        .formatted(Duration.between(due, last).toMillis() / 1000.0)
                                : "not all arrived in %d s after the due time: %d of %d"
                                        .formatted(options.mailWait().toSeconds(), distinct, registered))
                        + "; duplicates %d (same Message-ID), recipients with more than one reminder %d"
                                .formatted(duplicates, twice));
    }

    // Part 1 -------------------------------------------------------------------------------------

    private void throughput() {
        String eventId = api.publish(api.event("Benchmark hot event " + run, null, Duration.ofDays(30), List.of()));
        for (String door : List.of("registration-service directly", "the gateway, its limit off")) {
            boolean direct = door.startsWith("registration");
            String baseUrl = direct ? platform.registrationUrl() : platform.gatewayUrl();
            // The same load first, unmeasured: the general warm-up registers far fewer than this
            // path's hot methods need before C2 has compiled them (a profile of the measured
            // seconds without it showed a fifth of registration-service's CPU in the JIT).
            if (!options.hotWarmUp().isZero()) {
                GatlingRun.run(
                        RegistrationSimulation.class,
                        options.output().resolve("gatling-warm-up"),
                        "part 1 warm-up through " + door,
                        hotEventLoad(baseUrl, eventId, options.hotWarmUp(), "b1w-" + run + (direct ? "-d-" : "-g-")));
            }
            String before = backlog();
            // CPU read every second while Gatling runs; the readings inside the load's steady part
            // (as the registrations' created_at shows it) are compared below.
            List<CpuTimes.Reading> readings = new java.util.concurrent.CopyOnWriteArrayList<>();
            ScheduledExecutorService reader = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "cpu-readings");
                thread.setDaemon(true);
                return thread;
            });
            reader.scheduleAtFixedRate(() -> CpuTimes.take(platform).ifPresent(readings::add), 0, 1, TimeUnit.SECONDS);
            String prefix = "b1-" + run + (direct ? "-d-" : "-g-");
            GatlingRun.Summary summary;
            try {
                summary = gatling(
                        RegistrationSimulation.class,
                        "part 1: registrations on one hot event through " + door + ", 64 connections",
                        hotEventLoad(baseUrl, eventId, options.duration(), prefix));
            } finally {
                reader.shutdownNow();
            }
            table.add(
                    "1",
                    "registrations on one hot event with places to spare, HTTP through %s, 64 concurrent connections, %d s after %d s of the same unmeasured (%s)"
                            .formatted(
                                    door,
                                    options.duration().toSeconds(),
                                    options.hotWarmUp().toSeconds(),
                                    before),
                    "%.0f registrations/s; p50 %d ms, p95 %d ms, p99 %d ms; errors %d; %s of the SQL ceiling"
                            .formatted(
                                    summary.perSecond(),
                                    summary.p50(),
                                    summary.p95(),
                                    summary.p99(),
                                    summary.ko(),
                                    ceiling > 0 ? "%.0f%%".formatted(100 * summary.perSecond() / ceiling) : "n/a"));
            try {
                cpuPerRegistration(door, eventId, prefix, readings);
            } catch (RuntimeException e) {
                // A diagnostic: its failure must not cost the run through the other door.
                System.out.println("CPU per registration not measured through " + door + ": " + e);
            }
        }
    }

    /**
     * A row of where the CPU went during a part 1 run: the readings from 3 s after its first
     * registration to 3 s before its last (away from Gatling's start, its ramp and its report), and
     * the registrations made between them, counted in registration-service's database.
     */
    private void cpuPerRegistration(String door, String eventId, String prefix, List<CpuTimes.Reading> readings) {
        UUID event = UUID.fromString(eventId);
        String made = "FROM registration WHERE event_id = ? AND email LIKE ?";
        long first = api.count(
                "registration",
                "SELECT (extract(epoch FROM min(created_at)) * 1000)::bigint " + made,
                event,
                prefix + "%");
        long last = api.count(
                "registration",
                "SELECT (extract(epoch FROM max(created_at)) * 1000)::bigint " + made,
                event,
                prefix + "%");
        Optional<List<CpuTimes.Reading>> pair = CpuTimes.within(
                readings,
                Instant.ofEpochMilli(first).plusSeconds(3),
                Instant.ofEpochMilli(last).minusSeconds(3));
        if (pair.isEmpty()) {
            return;
        }
        CpuTimes.Reading from = pair.get().get(0);
        CpuTimes.Reading to = pair.get().get(1);
        long work = api.count(
                "registration",
                "SELECT count(*) " + made + " AND created_at >= ? AND created_at < ?",
                event,
                prefix + "%",
                java.sql.Timestamp.from(from.at()),
                java.sql.Timestamp.from(to.at()));
        if (work > 0) {
            table.add(
                    "1",
                    "where the CPU went during that run through %s: each process's CPU per registration, and in cores, over %d s of its steady load (%d registrations)"
                            .formatted(
                                    door,
                                    java.time.Duration.between(from.at(), to.at())
                                            .toSeconds(),
                                    work),
                    CpuTimes.between(from, to, work)
                            + (ceiling > 0
                                    ? "; half the SQL ceiling (%.0f/s) on these %d cores would leave %.2f ms per registration for all of them"
                                            .formatted(
                                                    ceiling / 2,
                                                    Runtime.getRuntime().availableProcessors(),
                                                    1000.0
                                                            * Runtime.getRuntime()
                                                                    .availableProcessors()
                                                            / (ceiling / 2))
                                    : ""));
        }
    }

    /** RegistrationSimulation's settings for part 1: 64 users registering new addresses for {@code duration}. */
    private static Map<String, String> hotEventLoad(
            String baseUrl, String eventId, Duration duration, String emailPrefix) {
        return Map.of(
                "bench.baseUrl", baseUrl,
                "bench.eventId", eventId,
                "bench.users", "64",
                "bench.seconds", String.valueOf(duration.toSeconds()),
                "bench.emailPrefix", emailPrefix);
    }

    // Part 7 -------------------------------------------------------------------------------------

    private void memory() {
        platform.services()
                .forEach((name, process) -> table.add(
                        "7",
                        "peak resident memory (VmHWM) of " + name,
                        LocalPlatform.peakRssMegabytes(process)
                                .map(mb -> mb + " MB")
                                .orElse("unknown")));
    }

    // --------------------------------------------------------------------------------------------

    private GatlingRun.Summary gatling(Class<?> simulation, String description, Map<String, String> settings) {
        GatlingRun.Summary summary =
                GatlingRun.run(simulation, options.output().resolve("gatling"), description, settings);
        summary.report()
                .ifPresent(folder -> reports.add(
                        description + ": `" + options.root().relativize(folder.resolve("index.html")) + "`"));
        return summary;
    }

    private static Predicate<SmtpSink.Arrival> to(String prefix) {
        return arrival -> arrival.recipient().startsWith(prefix);
    }

    private List<SmtpSink.Arrival> awaitEmails(Predicate<SmtpSink.Arrival> filter, int expected) {
        return awaitEmails(filter, expected, options.mailWait());
    }

    /** Waits until {@code expected} distinct emails matched, or the cap passed; answers what arrived. */
    private List<SmtpSink.Arrival> awaitEmails(Predicate<SmtpSink.Arrival> filter, int expected, Duration cap) {
        long deadline = System.nanoTime() + cap.toNanos();
        List<SmtpSink.Arrival> arrived = sink.arrivals(filter);
        while (distinctMessages(arrived) < expected && System.nanoTime() < deadline) {
            LocalPlatform.sleep(Duration.ofMillis(250));
            arrived = sink.arrivals(filter);
        }
        return arrived;
    }

    private static long distinctMessages(List<SmtpSink.Arrival> arrivals) {
        return arrivals.stream().map(SmtpSink.Arrival::messageId).distinct().count();
    }

    private static Map<String, SmtpSink.Arrival> firstPerRecipient(List<SmtpSink.Arrival> arrivals) {
        Map<String, SmtpSink.Arrival> first = new HashMap<>();
        arrivals.forEach(arrival -> first.putIfAbsent(arrival.recipient(), arrival));
        return first;
    }
}
