package org.museumevents.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** What the figures were measured on: CPU, RAM, OS, Java, the services' JVM options, the date (UTC). */
final class Machine {

    private Machine() {}

    /**
     * @param serviceJavaOptions the JVM options every service process ran with
     * @return one Markdown paragraph, several lines
     */
    static String describe(List<String> serviceJavaOptions) {
        String cpu = line(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch"));
        String memory = line(Path.of("/proc/meminfo"), "MemTotal")
                .map(total -> Long.parseLong(total.replaceAll("\\D", "")) / 1024 / 1024 + " GB")
                .orElse("unknown");
        String os = line(Path.of("/etc/os-release"), "PRETTY_NAME")
                        .map(name -> name.replace("\"", ""))
                        .orElse(System.getProperty("os.name"))
                + " (kernel " + System.getProperty("os.version") + ")";
        return """
                - CPU: %s, %d cores available
                - RAM: %s
                - OS: %s
                - Java: %s %s (%s)
                - Services' JVM options: `%s`
                - Date: %s
                - Load average (1 min) when the table was written: %s"""
                .formatted(
                        cpu,
                        Runtime.getRuntime().availableProcessors(),
                        memory,
                        os,
                        System.getProperty("java.vm.name"),
                        System.getProperty("java.version"),
                        System.getProperty("java.vendor"),
                        String.join(" ", serviceJavaOptions),
                        Instant.now().truncatedTo(ChronoUnit.SECONDS),
                        loadAverage());
    }

    /** The 1-minute load average, a hint of what else ran on the machine; "unknown" off Linux. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static Optional<String> line(Path file, String key) {
        try {
            return Files.readAllLines(file).stream()
                    .filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(line.contains(":") ? ':' : '=') + 1)
                            .strip())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
