package org.museumevents.local.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.museumevents.local.LocalPlatformProperties;
import org.museumevents.local.servers.KafkaBroker;
import org.museumevents.local.servers.Phases;
import org.museumevents.local.servers.Postgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts catalog-service, registration-service, notification-service and the gateway from their
 * jars ({@code <module>/target/<module>-*.jar}) with the standard properties, waits until each
 * reports healthy, and on stop sends each a SIGTERM (a graceful Spring Boot shutdown) before the
 * servers go down.
 */
@Component
public class ServiceProcesses implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ServiceProcesses.class);
    private static final Duration GRACE = Duration.ofSeconds(30);

    private final LocalPlatformProperties properties;
    private final Postgres postgres;
    private final KafkaBroker kafka;
    private final Map<String, Process> running = new LinkedHashMap<>();
    /** Processes ended on purpose by {@link #kill}: their exit is not reported as an error. */
    private final Set<Process> killed = ConcurrentHashMap.newKeySet();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile boolean stopping;

    ServiceProcesses(LocalPlatformProperties properties, Postgres postgres, KafkaBroker kafka) {
        this.properties = properties;
        this.postgres = postgres;
        this.kafka = kafka;
    }

    /** Where the services listen: never another interface (see {@link #withResourceServer}). */
    static final String LOOPBACK = "127.0.0.1";

    List<Service> services() {
        LocalPlatformProperties.Ports ports = properties.ports();
        String gateway = "http://localhost:" + ports.gateway();
        String profiles = String.join(",", properties.profiles());
        Path signingKey = SigningKey.ensure(properties.data().resolve("gateway-signing-key.pem"));
        List<Service> services = new ArrayList<>(List.of(
                new Service(
                        "catalog-service",
                        ports.catalog(),
                        withResourceServer(Map.of(
                                "SERVER_PORT",
                                String.valueOf(ports.catalog()),
                                "SPRING_PROFILES_ACTIVE",
                                profiles,
                                "SPRING_DATASOURCE_URL",
                                postgres.jdbcUrl("catalog"),
                                "SPRING_DATASOURCE_USERNAME",
                                Postgres.USER,
                                "SPRING_KAFKA_BOOTSTRAP_SERVERS",
                                kafka.bootstrapServers(),
                                "CATALOG_PUBLIC_BASE_URL",
                                gateway))),
                new Service(
                        "registration-service",
                        ports.registration(),
                        withResourceServer(Map.of(
                                "SERVER_PORT",
                                String.valueOf(ports.registration()),
                                "SPRING_PROFILES_ACTIVE",
                                profiles,
                                "SPRING_DATASOURCE_URL",
                                postgres.jdbcUrl("registration"),
                                "SPRING_DATASOURCE_USERNAME",
                                Postgres.USER,
                                "SPRING_KAFKA_BOOTSTRAP_SERVERS",
                                kafka.bootstrapServers(),
                                "REGISTRATION_PUBLIC_BASE_URL",
                                gateway))),
                new Service(
                        "notification-service",
                        ports.notification(),
                        withResourceServer(Map.of(
                                "SERVER_PORT",
                                String.valueOf(ports.notification()),
                                "SPRING_PROFILES_ACTIVE",
                                profiles,
                                "SPRING_DATASOURCE_URL",
                                postgres.jdbcUrl("notification"),
                                "SPRING_DATASOURCE_USERNAME",
                                Postgres.USER,
                                "SPRING_KAFKA_BOOTSTRAP_SERVERS",
                                kafka.bootstrapServers(),
                                "SPRING_MAIL_HOST",
                                "localhost",
                                "SPRING_MAIL_PORT",
                                String.valueOf(ports.smtp()),
                                "NOTIFICATION_EMAIL_PUBLIC_BASE_URL",
                                gateway))),
                new Service(
                        "gateway",
                        ports.gateway(),
                        Map.of(
                                "SERVER_PORT",
                                String.valueOf(ports.gateway()),
                                "SPRING_PROFILES_ACTIVE",
                                profiles,
                                "GATEWAY_SERVICES_CATALOG",
                                instanceUrls("catalog-service", ports.catalog()),
                                "GATEWAY_SERVICES_REGISTRATION",
                                instanceUrls("registration-service", ports.registration()),
                                "GATEWAY_SERVICES_NOTIFICATION",
                                instanceUrls("notification-service", ports.notification()),
                                "GATEWAY_IDENTITY_ISSUER",
                                gateway,
                                "GATEWAY_IDENTITY_SIGNING_KEY",
                                "file:" + signingKey,
                                "GATEWAY_IDENTITY_WEB_REDIRECT_URI",
                                gateway + "/login/oauth2/code/museum-events",
                                // Issue 18: rate limits, failed logins, sessions and authorizations.
                                "SPRING_DATASOURCE_URL",
                                postgres.jdbcUrl("gateway"),
                                "SPRING_DATASOURCE_USERNAME",
                                Postgres.USER))));
        // The same database, broker, consumer group, SMTP server (and, for the gateway, signing key,
        // issuer and database): more instances as in production.
        List<Service> extras = new ArrayList<>();
        for (Service first : services) {
            extras.addAll(extraInstances(first, properties.instancePorts(first.module(), first.port())));
        }
        services.addAll(extras);
        return services;
    }

    /**
     * {@code <module>-2}, {@code <module>-3}, ... on {@code ports} after the first, otherwise as
     * {@code first}.
     */
    private static List<Service> extraInstances(Service first, List<Integer> ports) {
        List<Service> extras = new ArrayList<>();
        for (int i = 1; i < ports.size(); i++) {
            Map<String, String> environment = new LinkedHashMap<>(first.environment());
            environment.put("SERVER_PORT", String.valueOf(ports.get(i)));
            extras.add(new Service(first.module(), first.module() + "-" + (i + 1), ports.get(i), environment));
        }
        return extras;
    }

    /** Every instance of a service, comma-separated, for the gateway's {@code gateway.services.*}. */
    private String instanceUrls(String module, int firstPort) {
        return String.join(
                ",",
                properties.instancePorts(module, firstPort).stream()
                        .map(port -> "http://" + LOOPBACK + ":" + port)
                        .toList());
    }

    /**
     * The services listen on the loopback interface only: the gateway, with its rate limits and
     * login, is the one door, and a service's own port is no side door around it. They verify
     * organisers' tokens against the gateway's published keys.
     */
    private Map<String, String> withResourceServer(Map<String, String> environment) {
        Map<String, String> all = new LinkedHashMap<>(environment);
        all.put("SERVER_ADDRESS", LOOPBACK);
        all.put(
                "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI",
                "http://localhost:" + properties.ports().gateway() + "/oauth2/jwks");
        // With jwk-set-uri, issuer-uri only adds the check of the tokens' iss (no discovery call).
        all.put(
                "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI",
                "http://localhost:" + properties.ports().gateway());
        return all;
    }

    @Override
    public void start() {
        stopping = false;
        List<Service> services = services();
        long began = System.nanoTime();
        synchronized (running) {
            for (Service service : services) {
                running.put(service.name(), launch(service));
            }
        }
        for (Service service : services) {
            awaitHealthy(service, began);
        }
    }

    private Process launch(Service service) {
        Path jar = jarOf(service.module());
        Path logFile = logOf(service.name());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(properties.javaOptions());
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(properties.serviceArguments().getOrDefault(service.module(), List.of()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(properties.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(logFile.toFile()));
        // Only what the platform passes: settings of this shell must not leak into the services.
        builder.environment().keySet().removeIf(ServiceProcesses::isServiceSetting);
        builder.environment().putAll(service.environment());
        try {
            Process process = builder.start();
            process.onExit().thenAccept(exited -> {
                if (!stopping && !killed.remove(exited)) {
                    log.error("{} exited with code {}; see {}", service.name(), exited.exitValue(), logFile);
                }
            });
            log.info(
                    "{}: started from {} (log: {})",
                    service.name(),
                    properties.root().relativize(jar),
                    logFile);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + service.name(), e);
        }
    }

    /**
     * The names of the service processes, in their order of start: the module's name, and {@code
     * <module>-2}, ... for extra instances.
     */
    public List<String> names() {
        return services().stream().map(Service::name).toList();
    }

    /**
     * The operating system's id of a service's process.
     *
     * @throws IllegalArgumentException if no process of that name runs
     */
    public long pid(String name) {
        return processOf(name).pid();
    }

    /**
     * Ends a service's process with SIGKILL, as a crash or the out-of-memory killer would: no
     * shutdown hook, no graceful stop. Returns once the process has exited.
     *
     * @throws IllegalArgumentException if no process of that name runs
     */
    public void kill(String name) {
        Process process = processOf(name);
        killed.add(process);
        process.destroyForcibly();
        process.onExit().join();
        synchronized (running) {
            running.remove(name, process);
        }
        log.info("{}: killed (SIGKILL)", name);
    }

    /**
     * Stops a service's process with SIGTERM, as an orchestrator stopping an instance does (a rolling
     * update, a scale-in, a drained node): Spring Boot's graceful shutdown finishes the requests in
     * flight, the email batch and the outbox run under way. Returns once the process has exited; one
     * still running after 30 s is killed.
     *
     * @return how long it took to exit
     * @throws IllegalArgumentException if no process of that name runs
     * @throws IllegalStateException if it had to be killed, or exited with a code other than 0 or 143
     *     (128 + SIGTERM)
     */
    public Duration terminate(String name) {
        Process process = processOf(name);
        killed.add(process);
        long began = System.nanoTime();
        process.destroy();
        boolean exited;
        try {
            exited = process.waitFor(GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping " + name, e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        synchronized (running) {
            running.remove(name, process);
        }
        if (!exited) {
            process.destroyForcibly();
            throw new IllegalStateException("%s did not stop within %s of SIGTERM; killed".formatted(name, GRACE));
        }
        if (process.exitValue() != 0 && process.exitValue() != 143) {
            throw new IllegalStateException(
                    "%s exited with code %d on SIGTERM; see %s".formatted(name, process.exitValue(), logOf(name)));
        }
        log.info("{}: stopped (SIGTERM) in {} ms", name, took.toMillis());
        return took;
    }

    /**
     * Freezes ({@code SIGSTOP}) or thaws ({@code SIGCONT}) a service's process, as a process stuck in
     * a full garbage collection or swapped out would look: its port still accepts connections, it
     * answers nothing.
     *
     * @param frozen {@code true} to stop it, {@code false} to let it go on
     * @throws IllegalArgumentException if no process of that name runs
     */
    public void freeze(String name, boolean frozen) {
        long pid = pid(name);
        try {
            Process signal = new ProcessBuilder("kill", frozen ? "-STOP" : "-CONT", String.valueOf(pid))
                    .redirectErrorStream(true)
                    .start();
            if (signal.waitFor() != 0) {
                throw new IllegalStateException("kill -%s %d failed".formatted(frozen ? "STOP" : "CONT", pid));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while signalling " + name, e);
        }
        log.info("{}: {}", name, frozen ? "frozen (SIGSTOP)" : "thawed (SIGCONT)");
    }

    /**
     * Starts a service that was {@linkplain #kill killed} again, with the same port and settings, and
     * waits until it reports healthy (at most {@code local-platform.startup-timeout}).
     *
     * @throws IllegalArgumentException if the name is not one of {@link #names()}
     * @throws IllegalStateException if it is still running, or does not become healthy in time
     */
    public void relaunch(String name) {
        Service service = services().stream()
                .filter(candidate -> candidate.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service named " + name));
        synchronized (running) {
            Process previous = running.get(name);
            if (previous != null && previous.isAlive()) {
                throw new IllegalStateException(name + " is still running");
            }
            running.put(name, launch(service));
        }
        awaitHealthy(service, System.nanoTime());
    }

    private Process processOf(String name) {
        synchronized (running) {
            Process process = running.get(name);
            if (process == null) {
                throw new IllegalArgumentException("No process named " + name + " runs");
            }
            return process;
        }
    }

    private static boolean isServiceSetting(String name) {
        return Stream.of(
                        "SPRING_",
                        "SERVER_",
                        "MANAGEMENT_",
                        "LOGGING_",
                        "CATALOG_",
                        "REGISTRATION_",
                        "NOTIFICATION_",
                        "GATEWAY_",
                        "JAVA_TOOL_OPTIONS")
                .anyMatch(name::startsWith);
    }

    private Path jarOf(String module) {
        Path target = properties.root().resolve(module).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> {
                        String name = file.getFileName().toString();
                        return name.startsWith(module + "-") && name.endsWith(".jar");
                    })
                    .findFirst()
                    .orElseThrow(() -> notBuilt(module));
        } catch (IOException e) {
            throw notBuilt(module);
        }
    }

    private IllegalStateException notBuilt(String module) {
        return new IllegalStateException("No jar in %s/%s/target: build first with ./mvnw -DskipTests package"
                .formatted(properties.root(), module));
    }

    private Path logOf(String service) {
        Path file = properties.data().resolve("logs").resolve(service + ".log");
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private void awaitHealthy(Service service, long began) {
        long deadline = began + properties.startupTimeout().toNanos();
        URI health = URI.create("http://%s:%d/actuator/health".formatted(LOOPBACK, service.port()));
        Process process = processOf(service.name());
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("%s stopped during start-up (exit code %d); see %s"
                        .formatted(service.name(), process.exitValue(), logOf(service.name())));
            }
            if (isUp(health)) {
                log.info(
                        "{}: healthy on port {} after {} s",
                        service.name(),
                        service.port(),
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began));
                return;
            }
            sleep(Duration.ofMillis(500));
        }
        throw new IllegalStateException("%s not healthy after %s; see %s"
                .formatted(service.name(), properties.startupTimeout(), logOf(service.name())));
    }

    private boolean isUp(URI health) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(health)
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the services", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the services", e);
        }
    }

    @Override
    public void stop() {
        stopping = true;
        Map<String, Process> all;
        synchronized (running) {
            all = new LinkedHashMap<>(running);
        }
        all.values().forEach(Process::destroy);
        all.forEach((name, process) -> {
            try {
                if (!process.waitFor(GRACE.toSeconds(), TimeUnit.SECONDS)) {
                    log.warn("{} did not stop within {}; killing it", name, GRACE);
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        });
        synchronized (running) {
            running.clear();
        }
    }

    /** Also when the platform fails to start: nothing is left running. */
    @Override
    public void destroy() {
        stop();
    }

    @Override
    public boolean isRunning() {
        synchronized (running) {
            return !running.isEmpty();
        }
    }

    @Override
    public int getPhase() {
        return Phases.SERVICES;
    }
}
