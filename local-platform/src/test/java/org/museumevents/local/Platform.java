package org.museumevents.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * The local platform as the tests run it: the real launcher with the jars built by this reactor
 * (the module is last in the build), on free ports and a data folder of the test's choosing.
 */
final class Platform implements AutoCloseable {

    final Path data;
    final int gateway;
    final int registration;
    final int catalog;
    final int mailPage;
    /** The second gateway instance: same signing key, issuer and services as the first. */
    final int secondGateway;

    private final int[] allPorts;
    private final List<String> arguments = new ArrayList<>();
    private ConfigurableApplicationContext context;

    private Platform(Path data, int[] ports) {
        this.data = data;
        this.allPorts = ports.clone();
        this.gateway = ports[0];
        this.catalog = ports[1];
        this.registration = ports[2];
        this.mailPage = ports[8];
        this.secondGateway = ports[12];
        arguments.addAll(List.of(
                "--local-platform.root-directory=..",
                "--local-platform.data-directory=" + data.toAbsolutePath(),
                "--local-platform.ports.gateway=" + ports[0],
                "--local-platform.ports.catalog=" + ports[1],
                "--local-platform.ports.registration=" + ports[2],
                "--local-platform.ports.notification=" + ports[3],
                "--local-platform.ports.postgres=" + ports[4],
                "--local-platform.ports.kafka=" + ports[5],
                "--local-platform.ports.kafka-controller=" + ports[6],
                "--local-platform.ports.smtp=" + ports[7],
                "--server.port=" + ports[8],
                // Two of everything, as in production (issue 18, TwoOfEverythingTest): a
                // notification-service instance can be killed while the other goes on (RebalanceFaultTest,
                // NotificationKillFaultTest), a registration-service instance while the gateway sends
                // every request to the other (RegistrationKillFaultTest).
                "--local-platform.extra-ports.notification-service=" + ports[9],
                "--local-platform.extra-ports.registration-service=" + ports[10],
                "--local-platform.extra-ports.catalog-service=" + ports[11],
                "--local-platform.extra-ports.gateway=" + ports[12],
                // A burst through the gateway (RegistrationKillFaultTest) comes from one address: the
                // limit stays on, above what the tests send (20 a minute by default).
                "--local-platform.service-arguments.gateway=--gateway.rate-limit.registrations=1000",
                // A reminder may fall due a minute after its registration (NotificationKillFaultTest);
                // 30 minutes by default.
                "--local-platform.service-arguments.notification-service="
                        + "--notification.reminders.min-lead-after-planning=5s",
                // Issue 17: reconfirmations asked and subscriptions' sessions enrolled within seconds,
                // not a minute (ReconfirmationBrowserTest, SeriesSubscriptionBrowserTest).
                "--local-platform.service-arguments.registration-service="
                        + "--registration.reconfirmation.interval=PT5S,"
                        + "--registration.subscriptions.sweep-interval=PT10S",
                // The services run in the test JVM's zone, far from UTC (the build's test.timeZone):
                // what they show and send must not depend on it (issue 12).
                "--local-platform.java-options=-Xmx384m,-XX:TieredStopAtLevel=1,-XX:+UseSerialGC,-Duser.timezone="
                        + TimeZone.getDefault().getID()));
    }

    private static Platform shared;

    /**
     * One platform for all the test classes of this JVM, on a fresh data folder under target/; the
     * launcher's own shutdown hook stops it when the test JVM ends.
     */
    static synchronized Platform shared() {
        if (shared == null) {
            Path data = Path.of("target", "platform-data").toAbsolutePath();
            FileSystemUtils.deleteRecursively(data.toFile());
            shared = start(data);
        }
        return shared;
    }

    /** Starts a platform on free ports; {@link #restart()} reuses them and the data. */
    static Platform start(Path data) {
        Platform platform = new Platform(data, freePorts(13));
        platform.restart();
        return platform;
    }

    void restart() {
        stop();
        context = SpringApplication.run(LocalPlatformApplication.class, arguments.toArray(String[]::new));
    }

    void stop() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    /**
     * One of the launcher's components, to break it on purpose: {@code ServiceProcesses} (kill,
     * freeze, relaunch a service), {@code Postgres}, {@code KafkaBroker}, {@code Smtp} (stop, start).
     *
     * @throws IllegalStateException if the platform is stopped
     */
    <T> T component(Class<T> type) {
        if (context == null) {
            throw new IllegalStateException("The platform is stopped");
        }
        return context.getBean(type);
    }

    /** registration-service's own port, behind the gateway's rate limits (loopback only). */
    String registrationUrl(String path) {
        return "http://127.0.0.1:" + registration + path;
    }

    String gatewayUrl(String path) {
        return "http://localhost:" + gateway + path;
    }

    /**
     * Every instance of a module, first first, as {@code http://127.0.0.1:<port>}: the services' own
     * ports (loopback only, behind no gateway).
     *
     * @param module {@code catalog-service}, {@code registration-service} or {@code notification-service}
     */
    List<String> instanceUrls(String module) {
        List<Integer> ports =
                switch (module) {
                    case "catalog-service" -> List.of(catalog, allPorts[11]);
                    case "registration-service" -> List.of(registration, allPorts[10]);
                    case "notification-service" -> List.of(allPorts[3], allPorts[9]);
                    default -> throw new IllegalArgumentException(module);
                };
        return ports.stream().map(port -> "http://127.0.0.1:" + port).toList();
    }

    /** The same path on the second gateway instance. */
    String secondGatewayUrl(String path) {
        return "http://localhost:" + secondGateway + path;
    }

    String mailUrl(String path) {
        return "http://localhost:" + mailPage + path;
    }

    @Override
    public void close() {
        stop();
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
            throw new IllegalStateException(e);
        } finally {
            sockets.forEach(socket -> {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a probe socket
                }
            });
        }
    }
}
