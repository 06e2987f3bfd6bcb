package org.museumevents.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The local platform ({@code local-platform/target/local-platform.jar}) started as a process of its
 * own on free ports with a fresh data folder: it runs PostgreSQL, Kafka and its own SMTP server, and
 * starts each service as a further process with the given JVM options. Notification-service runs
 * twice and sends to the benchmark's SMTP sink; the gateway's registration limit is off.
 */
final class LocalPlatform implements AutoCloseable {

    static final List<String> MODULES =
            List.of("gateway", "catalog-service", "registration-service", "notification-service");

    final int gateway;
    final int catalog;
    final int registration;
    final int notification;
    final int secondNotification;
    final int postgres;
    final Path log;
    private final Process process;

    private LocalPlatform(int[] ports, Path log, Process process) {
        this.gateway = ports[0];
        this.catalog = ports[1];
        this.registration = ports[2];
        this.notification = ports[3];
        this.secondNotification = ports[4];
        this.postgres = ports[5];
        this.log = log;
        this.process = process;
    }

    /**
     * Starts the platform and waits until it reports every service healthy.
     *
     * @param smtpSink the port of the SMTP server notification-service sends to
     * @param reminderLead notification-service's {@code notification.reminders.min-lead-after-planning}
     * @throws IllegalStateException when the jar is missing, or the platform stops or is not up
     *     within {@code timeout} (it is stopped then)
     */
    static LocalPlatform start(Options options, int smtpSink, Duration reminderLead, Duration timeout) {
        Path jar = options.root().resolve("local-platform/target/local-platform.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("No " + jar + ": build first (./run-benchmark does)");
        }
        Path data = options.output().resolve("platform-data");
        deleteRecursively(data);
        Path log = options.output().resolve("local-platform.log");
        int[] ports = freePorts(11);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-jar",
                jar.toString(),
                "--local-platform.root-directory=" + options.root(),
                "--local-platform.data-directory=" + data,
                "--local-platform.ports.gateway=" + ports[0],
                "--local-platform.ports.catalog=" + ports[1],
                "--local-platform.ports.registration=" + ports[2],
                "--local-platform.ports.notification=" + ports[3],
                "--local-platform.extra-ports.notification-service=" + ports[4],
                "--local-platform.ports.postgres=" + ports[5],
                "--local-platform.ports.kafka=" + ports[6],
                "--local-platform.ports.kafka-controller=" + ports[7],
                "--local-platform.ports.smtp=" + ports[8],
                "--server.port=" + ports[9],
                "--local-platform.java-options=" + String.join(",", options.javaOptions()),
                "--local-platform.startup-timeout=" + timeout,
                "--local-platform.service-arguments.gateway=--gateway.rate-limit.registrations=0",
                "--local-platform.service-arguments.notification-service=--spring.mail.port=" + smtpSink
                        + ",--notification.reminders.min-lead-after-planning=" + reminderLead.toSeconds() + "s"));
        try {
            Files.createDirectories(options.output());
            Files.deleteIfExists(log);
            Process process = new ProcessBuilder(command)
                    .directory(options.root().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(log.toFile()))
                    .start();
            LocalPlatform platform = new LocalPlatform(ports, log, process);
            platform.awaitUp(timeout.plusMinutes(1));
            return platform;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitUp(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The local platform stopped while starting; see " + log);
            }
            if (Files.exists(log) && Files.readString(log).contains("The platform is up")) {
                return;
            }
            sleep(Duration.ofSeconds(1));
        }
        close();
        throw new IllegalStateException("The local platform was not up after " + timeout + "; see " + log);
    }

    String gatewayUrl() {
        return "http://localhost:" + gateway;
    }

    String registrationUrl() {
        return "http://127.0.0.1:" + registration;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:%d/%s".formatted(postgres, database);
    }

    /** The local platform's own process (its JVM runs the Kafka broker and starts the services). */
    ProcessHandle process() {
        return process.toHandle();
    }

    /**
     * The service processes, by module, in the order they were started (a module running twice has
     * two entries, {@code notification-service} and {@code notification-service #2}).
     */
    Map<String, ProcessHandle> services() {
        Map<String, ProcessHandle> found = new LinkedHashMap<>();
        List<ProcessHandle> children = process.children()
                .sorted(Comparator.comparingLong(ProcessHandle::pid))
                .toList();
        for (String module : MODULES) {
            int n = 0;
            for (ProcessHandle child : children) {
                String line = child.info().commandLine().orElse("");
                if (line.contains("/" + module + "/target/" + module + "-")) {
                    n++;
                    found.put(n == 1 ? module : module + " #" + n, child);
                }
            }
        }
        return found;
    }

    /**
     * A process's peak resident set size (VmHWM in /proc/pid/status), in MB.
     *
     * @return empty off Linux or when the process has gone
     */
    static Optional<Long> peakRssMegabytes(ProcessHandle process) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            return lines.filter(line -> line.startsWith("VmHWM:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")) / 1024)
                    .findFirst();
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** SIGTERM (the platform stops the services gracefully, then its servers), then a kill after 90 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // a probe socket
                }
            }
        }
    }

    static int freePort() {
        return freePorts(1)[0];
    }

    private static void deleteRecursively(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + folder, e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
