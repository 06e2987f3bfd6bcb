package org.museumevents.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The benchmark's settings, from {@code benchmark.*} system properties or {@code --benchmark.*=...}
 * arguments (arguments win). Durations are ISO-8601 ({@code PT20S}) or plain seconds ({@code 20}).
 *
 * @param only the parts to run, 1 to 7 ({@code benchmark.only=1,3}); all by default
 * @param root the repository checkout holding the services' and local-platform's jars
 * @param output where the table, Gatling's reports and the platform's data and logs go
 * @param javaOptions the services' JVM options: by default those of the Dockerfile in a 512 MB
 *     container (75% of it as heap, which is 384 MB; SerialGC, what the JVM picks there; C2 on)
 * @param warmUp how long the services are warmed up (JIT, pools, templates) before any part
 * @param hotWarmUp how long part 1 runs its own load, unmeasured, before measuring it through each
 *     door ({@code benchmark.hot-warm-up}, 15 s; 0 to skip)
 * @param duration how long each throughput part runs (parts 1, 2 and 6)
 * @param steadyDuration how long part 4 sends its 20 registrations per second
 * @param mailWait the longest wait for a part's emails to reach the SMTP server (parts 3, 4, 5)
 * @param reminders how many reminders part 5 fans out
 * @param burstAttempts, burstConcurrency, burstPlaces part 3's attempts, concurrency and places
 */
record Options(
        Set<Integer> only,
        Path root,
        Path output,
        List<String> javaOptions,
        Duration warmUp,
        Duration hotWarmUp,
        Duration duration,
        Duration steadyDuration,
        Duration mailWait,
        int reminders,
        int burstAttempts,
        int burstConcurrency,
        int burstPlaces) {

    static Options from(String[] args) {
        Map<String, String> given = Arrays.stream(args)
                .filter(arg -> arg.startsWith("--benchmark.") && arg.contains("="))
                .collect(Collectors.toMap(
                        arg -> arg.substring(2, arg.indexOf('=')), arg -> arg.substring(arg.indexOf('=') + 1)));
        Setting setting = (name, fallback) -> given.getOrDefault(name, System.getProperty(name, fallback));
        Set<Integer> only = new TreeSet<>();
        for (String part : setting.get("benchmark.only", "1,2,3,4,5,6,7").split(",")) {
            if (!part.isBlank()) {
                only.add(Integer.parseInt(part.strip()));
            }
        }
        Path root = Path.of(setting.get("benchmark.root", ".")).toAbsolutePath().normalize();
        return new Options(
                only,
                root,
                root.resolve(setting.get("benchmark.output", "benchmark/target/benchmark")),
                List.of(setting.get(
                                "benchmark.java-options",
                                "-Xmx256m,-XX:+UseSerialGC,-Xss512k,-XX:ReservedCodeCacheSize=64m,-XX:+ExitOnOutOfMemoryError")
                        .split(",")),
                duration(setting.get("benchmark.warm-up", "PT30S")),
                duration(setting.get("benchmark.hot-warm-up", "PT15S")),
                duration(setting.get("benchmark.duration", "PT20S")),
                duration(setting.get("benchmark.steady-duration", "PT20S")),
                duration(setting.get("benchmark.mail-wait", "PT3M")),
                Integer.parseInt(setting.get("benchmark.reminders", "10000")),
                Integer.parseInt(setting.get("benchmark.burst-attempts", "5000")),
                Integer.parseInt(setting.get("benchmark.burst-concurrency", "200")),
                Integer.parseInt(setting.get("benchmark.burst-places", "300")));
    }

    boolean runs(int part) {
        return only.contains(part);
    }

    private static Duration duration(String text) {
        return text.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(text)) : Duration.parse(text);
    }

    private interface Setting {
        String get(String name, String fallback);
    }
}
