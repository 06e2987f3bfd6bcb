package org.museumevents.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs one Gatling simulation in a JVM of its own (the load generator never shares a heap or JIT
 * with the code that watches the platform), with this JVM's class path, and reads back the figures
 * of Gatling's console summary; the HTML report stays in the results folder.
 */
final class GatlingRun {

    /**
     * What Gatling reported for all requests of the run.
     *
     * @param ok requests whose checks passed
     * @param ko requests that failed (a status other than the expected one, a timeout, a refused
     *     connection)
     * @param perSecond mean requests per second over the run
     * @param p50, p95, p99 response-time percentiles in milliseconds
     * @param report the folder of the HTML report ({@code index.html}), if one was written
     */
    record Summary(long ok, long ko, double perSecond, long p50, long p95, long p99, Optional<Path> report) {}

    private GatlingRun() {}

    /**
     * @param simulation a class with a public no-argument constructor extending Gatling's {@code
     *     Simulation}
     * @param results the folder the report goes under
     * @param settings system properties for the simulation ({@code bench.*})
     * @throws IllegalStateException when Gatling does not finish, or prints no summary
     */
    static Summary run(Class<?> simulation, Path results, String description, Map<String, String> settings) {
        try {
            Files.createDirectories(results);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx1g");
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add("-Dgatling.data.enableAnalytics=false");
            command.add("-Dgatling.data.console.light=true");
            command.add("-Dgatling.data.console.writePeriod=10");
            settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.addAll(List.of(
                    "io.gatling.app.Gatling",
                    "--simulation",
                    simulation.getName(),
                    "--results-folder",
                    results.toString(),
                    "--run-description",
                    description));
            Path output = results.resolve(simulation.getSimpleName() + "-" + System.currentTimeMillis() + ".out");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.to(output.toFile()))
                    .start();
            int exit = process.waitFor();
            String console = Files.readString(output);
            return parse(console, newestReport(results, simulation))
                    .orElseThrow(() -> new IllegalStateException(
                            "Gatling ended with %d and no summary; see %s".formatted(exit, output)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static final Pattern COUNT =
            Pattern.compile("request count\\s+(\\d+)\\s+\\(OK=(\\d+)\\s+KO=(-|\\d+)\\s*\\)");
    private static final Pattern PERCENTILE =
            Pattern.compile("response time (\\d+)(?:st|nd|rd|th) percentile\\s+(\\d+)");
    private static final Pattern PER_SECOND = Pattern.compile("mean throughput\\s+([\\d.,]+)");
    private static final Pattern PER_SECOND_OLD = Pattern.compile("mean requests/sec\\s+([\\d.,]+)");

    /**
     * Reads Gatling's closing console summary (the block after "Global Information").
     *
     * @return empty when the text has no such summary
     */
    static Optional<Summary> parse(String console, Optional<Path> report) {
        int global = console.lastIndexOf("Global Information");
        if (global < 0) {
            return Optional.empty();
        }
        String block = console.substring(global);
        Matcher count = COUNT.matcher(block);
        if (!count.find()) {
            return Optional.empty();
        }
        Map<Integer, Long> percentiles = new LinkedHashMap<>();
        Matcher percentile = PERCENTILE.matcher(block);
        while (percentile.find()) {
            percentiles.putIfAbsent(Integer.parseInt(percentile.group(1)), Long.parseLong(percentile.group(2)));
        }
        Matcher rate = PER_SECOND.matcher(block);
        if (!rate.find()) {
            rate = PER_SECOND_OLD.matcher(block);
            rate.find();
        }
        double perSecond;
        try {
            perSecond = Double.parseDouble(rate.group(1).replace(",", ""));
        } catch (IllegalStateException e) {
            perSecond = -1;
        }
        String ko = count.group(3);
        return Optional.of(new Summary(
                Long.parseLong(count.group(2)),
                ko.equals("-") ? 0 : Long.parseLong(ko),
                perSecond,
                percentiles.getOrDefault(50, -1L),
                percentiles.getOrDefault(95, -1L),
                percentiles.getOrDefault(99, -1L),
                report));
    }

    private static Optional<Path> newestReport(Path results, Class<?> simulation) throws IOException {
        String prefix = simulation.getSimpleName().toLowerCase();
        try (Stream<Path> folders = Files.list(results)) {
            return folders.filter(Files::isDirectory)
                    .filter(folder ->
                            folder.getFileName().toString().toLowerCase().startsWith(prefix))
                    .max(Comparator.comparing(folder -> folder.toFile().lastModified()));
        }
    }
}
