package org.museumevents.local.servers;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.lang.reflect.Field;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private boolean ownShutdown;
    private Path directory;

    Postgres(LocalPlatformProperties properties) {
        this.properties = properties;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:%d/%s".formatted(properties.ports().postgres(), database);
    }

    @Override
    public void start() {
        directory = properties.data().resolve("postgres");
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
        ownShutdown = takeOverShutdown(server);
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

    /**
     * zonky stops PostgreSQL from its own JVM shutdown hook, which runs at the same time as Spring's
     * and so took the database away from services still shutting down (Ctrl-C). This disarms that
     * hook (a private field of zonky 2.2.x; with another version the hook stays as it is), so that
     * {@link #stop()} runs in its phase, after the services.
     */
    private static boolean takeOverShutdown(EmbeddedPostgres server) {
        try {
            Field closed = EmbeddedPostgres.class.getDeclaredField("closed");
            closed.setAccessible(true);
            ((AtomicBoolean) closed.get(server)).set(true);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("Could not take over PostgreSQL's shutdown from zonky", e);
            return false;
        }
    }

    /**
     * SIGTERM to the postmaster: PostgreSQL's "smart" shutdown, which waits for open sessions; by
     * now the services, its only clients, have stopped.
     */
    @Override
    public void stop() {
        if (server == null) {
            return;
        }
        try {
            if (!ownShutdown) {
                server.close();
                return;
            }
            Path pidFile = directory.resolve("postmaster.pid");
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            Optional<ProcessHandle> postmaster = ProcessHandle.of(pid);
            if (postmaster.isPresent() && postmaster.get().destroy()) {
                postmaster.get().onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (IOException | ExecutionException | TimeoutException | RuntimeException e) {
            log.warn(
                    "PostgreSQL did not stop cleanly; see {}", properties.data().resolve("logs/postgres.log"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            releaseLock(server);
            server = null;
        }
    }

    /**
     * Takes PostgreSQL away at once, as a crash of its server would: SIGQUIT to the postmaster, its
     * "immediate" shutdown, which ends every session without waiting for it and replays the WAL at
     * the next start. For the fault tests; {@link #start()} brings it back on the same port and data.
     * Returns once the postmaster has exited (at most 30 s).
     *
     * @throws IllegalStateException if it is not running or does not exit in time
     */
    public void crash() {
        if (server == null) {
            throw new IllegalStateException("PostgreSQL is not running");
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(directory.resolve("postmaster.pid"))
                    .get(0)
                    .strip());
            ProcessHandle postmaster =
                    ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("No postmaster " + pid));
            Process signal = new ProcessBuilder("kill", "-QUIT", String.valueOf(pid)).start();
            if (signal.waitFor() != 0) {
                throw new IllegalStateException("kill -QUIT " + pid + " failed");
            }
            postmaster.onExit().get(30, TimeUnit.SECONDS);
            log.info("PostgreSQL: crashed on purpose (immediate shutdown)");
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("PostgreSQL did not go down", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while crashing PostgreSQL", e);
        } finally {
            releaseLock(server);
            server = null;
        }
    }

    /** What zonky's own close would do after stopping: free its lock on the data folder, for a restart. */
    private static void releaseLock(EmbeddedPostgres server) {
        try {
            Field lock = EmbeddedPostgres.class.getDeclaredField("lock");
            Field stream = EmbeddedPostgres.class.getDeclaredField("lockStream");
            lock.setAccessible(true);
            stream.setAccessible(true);
            ((FileLock) lock.get(server)).release();
            ((Closeable) stream.get(server)).close();
        } catch (ReflectiveOperationException | IOException | RuntimeException e) {
            log.debug("Could not release zonky's lock on the data folder", e);
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
