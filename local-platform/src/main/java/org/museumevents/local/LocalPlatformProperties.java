package org.museumevents.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the local platform keeps its data, where it finds the services' jars, and its ports.
 *
 * @param rootDirectory the repository checkout holding {@code <service>/target/<service>-*.jar}
 * @param dataDirectory PostgreSQL's and Kafka's data, the gateway's signing key and the services'
 *     logs; kept across runs, relative to the root unless absolute
 * @param profiles the Spring profiles every service runs with ({@code demo}: the demo catalogue and
 *     the demo organisations)
 * @param javaOptions JVM options of each service process
 * @param startupTimeout how long the services may take to report healthy
 * @param serviceArguments per module name ({@code notification-service}, {@code gateway}, ...),
 *     command-line arguments given to each of its processes after the jar, e.g. {@code
 *     --notification.reminders.min-lead-after-planning=10s}: they override the platform's own
 *     settings (the benchmark uses them; empty by default)
 * @param extraNotificationPorts one more notification-service instance on each of these ports,
 *     with the same database, broker and SMTP server as the first (empty by default)
 * @param extraRegistrationPorts one more registration-service instance on each of these ports, with
 *     the same database and broker as the first; the gateway spreads registration requests over
 *     them all (empty by default)
 */
@Validated
@ConfigurationProperties("local-platform")
public record LocalPlatformProperties(
        @DefaultValue(".") String rootDirectory,
        @DefaultValue("local-data") String dataDirectory,
        @DefaultValue("demo") List<String> profiles,
        @DefaultValue({"-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"}) List<String> javaOptions,
        @DefaultValue("PT3M") Duration startupTimeout,
        @DefaultValue Ports ports,
        Map<String, List<String>> serviceArguments,
        List<Integer> extraNotificationPorts,
        List<Integer> extraRegistrationPorts) {

    public LocalPlatformProperties {
        serviceArguments = serviceArguments == null ? Map.of() : Map.copyOf(serviceArguments);
        extraNotificationPorts = extraNotificationPorts == null ? List.of() : List.copyOf(extraNotificationPorts);
        extraRegistrationPorts = extraRegistrationPorts == null ? List.of() : List.copyOf(extraRegistrationPorts);
    }

    /** The repository checkout, absolute. */
    public Path root() {
        return Path.of(rootDirectory).toAbsolutePath().normalize();
    }

    /** The data folder, absolute. */
    public Path data() {
        return root().resolve(dataDirectory).normalize();
    }

    public record Ports(
            @DefaultValue("8080") int gateway,
            @DefaultValue("8081") int catalog,
            @DefaultValue("8082") int registration,
            @DefaultValue("8083") int notification,
            @DefaultValue("15432") int postgres,
            @DefaultValue("9092") int kafka,
            @DefaultValue("9093") int kafkaController,
            @DefaultValue("1025") int smtp) {}
}
