package org.museumevents.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
            // Gatling reads String internals for its log file writer.
            command.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
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
            // A benchmark stopped (Ctrl-C, kill) stops its load generator too.
            Thread stop = new Thread(process::destroyForcibly, "stop-gatling");
            Runtime.getRuntime().addShutdownHook(stop);
            int exit = process.waitFor();
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
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

    /**
     * Reads Gatling's closing console summary (the table after "Global Information", columns Total,
     * OK and KO): the rate and percentiles of the requests that passed their checks (of all requests
     * when none passed), and the counts.
     *
     * @return empty when the text has no such summary
     */
    static Optional<Summary> parse(String console, Optional<Path> report) {
        int global = console.lastIndexOf("Global Information");
        if (global < 0) {
            return Optional.empty();
        }
        String block = console.substring(global);
        Optional<String[]> count = row(block, "request count");
        if (count.isEmpty()) {
            return Optional.empty();
        }
        long ok = number(count.get()[1]).longValue();
        long ko = number(count.get()[2]).longValue();
        int column = ok > 0 ? 1 : 0;
        return Optional.of(new Summary(
                ok,
                ko,
                figure(block, "mean throughput", column),
                (long) figure(block, "response time 50th percentile", column),
                (long) figure(block, "response time 95th percentile", column),
                (long) figure(block, "response time 99th percentile", column),
                report));
    }

    /** The Total, OK and KO cells of the summary's row that starts with the label. */
    private static Optional<String[]> row(String block, String label) {
        return block.lines()
                .filter(line -> line.startsWith("> " + label))
                .findFirst()
                .map(line -> line.split("\\|"))
                .filter(cells -> cells.length >= 4)
                .map(cells -> new String[] {cells[1].strip(), cells[2].strip(), cells[3].strip()});
    }

    private static double figure(String block, String label, int column) {
        return row(block, label)
                .map(cells -> number(cells[column]).doubleValue())
                .orElse(-1.0);
    }

    /** A cell as a number; Gatling writes "-" for none. */
    private static Number number(String cell) {
        return cell.equals("-") ? 0 : Double.parseDouble(cell.replace(",", ""));
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
