package org.museumevents.starter.database;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults for the PostgreSQL JDBC driver's connections of every service, added below every other
 * property source, so a service's own {@code application.yml}, an environment variable or a
 * command-line argument still wins. They are HikariCP data-source properties, which the pool
 * passes to pgjdbc's driver with the JDBC URL (names from pgjdbc's "Connection Parameters"; the
 * same parameter in the URL wins over them):
 *
 * <ul>
 *   <li>{@code socketTimeout} = {@value #SOCKET_TIMEOUT_SECONDS} (seconds): the longest a connection
 *       waits for the server's next bytes. A database that stops answering without closing its
 *       connections (a frozen host, a network partition, a fail-over to another address) would
 *       otherwise hold every pooled connection for ever: TCP never gives up on a read, the pool
 *       never gets them back, and the service answers 503 until it is restarted. With it, those
 *       connections fail, the pool drops them and opens new ones, and the service heals by itself.
 *       It must exceed the longest wait for a row of any statement a service runs, Flyway's
 *       migrations at start included (they use the same pool): raise it before a migration that
 *       rewrites a large table. The server is not told: a statement cut off by it runs on there
 *       until it ends.
 *   <li>{@code tcpKeepAlive} = {@code true}: the operating system probes idle connections (after
 *       its own idle time, {@code net.ipv4.tcp_keepalive_time}, two hours by default), so a
 *       long-idle connection to a vanished server is found dead.
 *   <li>{@code logServerErrorDetail} = {@code false}: PostgreSQL's error detail quotes the failing
 *       row ("Key (email)=(ada@example.org) already exists"); it is kept out of exception messages,
 *       and so out of logs, problem details and dead letters' headers.
 * </ul>
 *
 * <p>Settings, e.g. {@code spring.datasource.hikari.data-source-properties.socketTimeout=120} (or
 * {@code SPRING_DATASOURCE_HIKARI_DATASOURCEPROPERTIES_SOCKETTIMEOUT}) for a service whose
 * operators run longer statements.
 */
class DatabaseConnectionDefaults implements EnvironmentPostProcessor {

    /** The default of {@code socketTimeout}, in seconds (pgjdbc's unit for it). */
    static final int SOCKET_TIMEOUT_SECONDS = 30;

    static final String PREFIX = "spring.datasource.hikari.data-source-properties.";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "service-starter-database-defaults",
                        Map.of(
                                PREFIX + "socketTimeout", String.valueOf(SOCKET_TIMEOUT_SECONDS),
                                PREFIX + "tcpKeepAlive", "true",
                                PREFIX + "logServerErrorDetail", "false")));
    }
}
