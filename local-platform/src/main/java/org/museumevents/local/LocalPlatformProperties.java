package org.museumevents.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * @param instances per module name ({@code catalog-service}, {@code registration-service}, {@code
 *     notification-service}, {@code gateway}), how many processes of it run: 1 to 9, 1 when not
 *     given. Every instance of a service has the same database, broker (and consumer group) and
 *     SMTP server as the first; the gateway spreads each service's requests over all its instances,
 *     and every gateway instance shares the first's signing key (issue 18)
 * @param extraPorts per module name, the ports of its second, third, ... instance; an instance
 *     without one here listens on the first's port plus 100 times its number less one (8182 for
 *     the second registration-service). Giving more ports than {@code instances} asks for starts
 *     one instance per port
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
        Map<String, Integer> instances,
        Map<String, List<Integer>> extraPorts) {

    /** The modules the platform starts, in their order of start. */
    public static final List<String> MODULES =
            List.of("catalog-service", "registration-service", "notification-service", "gateway");

    /** At most this many instances of one service: each is a JVM on the same machine. */
    static final int MAX_INSTANCES = 9;

    /**
     * @throws IllegalArgumentException if {@code instances} or {@code extraPorts} names a module not
     *     in {@link #MODULES}, or asks for fewer than 1 or more than {@value #MAX_INSTANCES} instances
     */
    public LocalPlatformProperties {
        serviceArguments = serviceArguments == null ? Map.of() : Map.copyOf(serviceArguments);
        instances = instances == null ? Map.of() : Map.copyOf(instances);
        extraPorts = extraPorts == null ? Map.of() : Map.copyOf(extraPorts);
        instances.forEach((module, count) -> {
            requireModule("instances", module);
            if (count == null || count < 1 || count > MAX_INSTANCES) {
                throw new IllegalArgumentException("local-platform.instances.%s must be between 1 and %d, not %s"
                        .formatted(module, MAX_INSTANCES, count));
            }
        });
        extraPorts.forEach((module, list) -> {
            requireModule("extra-ports", module);
            if (list.size() + 1 > MAX_INSTANCES) {
                throw new IllegalArgumentException(
                        "local-platform.extra-ports.%s gives more than %d ports".formatted(module, MAX_INSTANCES - 1));
            }
        });
    }

    private static void requireModule(String setting, String module) {
        if (!MODULES.contains(module)) {
            throw new IllegalArgumentException(
                    "local-platform.%s.%s: no such module; one of %s".formatted(setting, module, MODULES));
        }
    }

    /**
     * The ports of every instance of a module, the first's ({@code firstPort}) first.
     *
     * @param module one of {@link #MODULES}
     * @param firstPort the first instance's port, from {@link #ports()}
     * @return one port per instance: {@code instances.<module>} of them (or one per extra port and
     *     the first, if more), extra instances on {@code extra-ports.<module>} or else {@code
     *     firstPort + 100 * (n - 1)} for the n-th
     */
    public List<Integer> instancePorts(String module, int firstPort) {
        List<Integer> extra = extraPorts.getOrDefault(module, List.of());
        int count = Math.max(instances.getOrDefault(module, 1), extra.size() + 1);
        List<Integer> all = new ArrayList<>(count);
        all.add(firstPort);
        for (int n = 2; n <= count; n++) {
            all.add(n - 2 < extra.size() ? extra.get(n - 2) : firstPort + 100 * (n - 1));
        }
        return List.copyOf(all);
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
