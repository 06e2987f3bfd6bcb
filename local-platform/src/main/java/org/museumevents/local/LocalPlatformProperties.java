package org.museumevents.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 */
@Validated
@ConfigurationProperties("local-platform")
public record LocalPlatformProperties(
        @DefaultValue(".") String rootDirectory,
        @DefaultValue("local-data") String dataDirectory,
        @DefaultValue("demo") List<String> profiles,
        @DefaultValue({"-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"}) List<String> javaOptions,
        @DefaultValue("PT3M") Duration startupTimeout,
        @DefaultValue Ports ports) {

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
