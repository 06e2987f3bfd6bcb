package org.museumevents.local.servers;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.museumevents.local.LocalPlatformProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL from the embedded binaries, with its data folder kept across runs, and one database per
 * service (created when missing; each service creates its own schema with Flyway).
 */
@Component
public class Postgres implements SmartLifecycle, DisposableBean {

    /** The superuser the embedded server is initialised with (trust authentication on localhost). */
    public static final String USER = "postgres";

    private static final Logger log = LoggerFactory.getLogger(Postgres.class);

    private final LocalPlatformProperties properties;
    private EmbeddedPostgres server;

    Postgres(LocalPlatformProperties properties) {
        this.properties = properties;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:%d/%s".formatted(properties.ports().postgres(), database);
    }

    @Override
    public void start() {
        Path directory = properties.data().resolve("postgres");
        Path logFile = properties.data().resolve("logs/postgres.log");
        try {
            Files.createDirectories(logFile.getParent());
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPort(properties.ports().postgres())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOutputRedirector(Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start; see " + logFile, e);
        }
        JdbcTemplate admin = new JdbcTemplate(server.getPostgresDatabase());
        for (String database : ServiceDatabases.NAMES) {
            Integer found =
                    admin.queryForObject("SELECT count(*) FROM pg_database WHERE datname = ?", Integer.class, database);
            if (found == null || found == 0) {
                admin.execute("CREATE DATABASE \"" + database + "\"");
                log.info("PostgreSQL: created database {}", database);
            }
        }
        log.info(
                "PostgreSQL ready on localhost:{} (data in {})",
                properties.ports().postgres(),
                directory);
    }

    @Override
    public void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                log.warn("PostgreSQL did not stop cleanly", e);
            }
            server = null;
        }
    }

    /** Also when the platform fails to start: nothing is left running. */
    @Override
    public void destroy() {
        stop();
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    @Override
    public int getPhase() {
        return Phases.SERVERS;
    }
}
