package org.museumevents.testsupport;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real servers the tests run against, started once per JVM and shared by every test class.
 *
 * <p>By default they are embedded: PostgreSQL from zonky's binaries, a KRaft Kafka broker from
 * spring-kafka-test and GreenMail for SMTP. With {@code -Dtest.servers=containers} (the Maven
 * {@code containers} profile) PostgreSQL and Kafka come from the images pinned in
 * docker-compose.yml instead, so the two never drift. GreenMail stays in both modes: it is a real
 * SMTP server whose inbox the tests read.
 */
public final class TestServers {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static Postgres postgres;
    private static String kafkaBootstrapServers;
    private static GreenMail smtp;

    private TestServers() {}

    /** A fresh, empty database on the shared PostgreSQL server. */
    public static synchronized DatabaseCoordinates newDatabase() {
        Postgres server = postgres();
        String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = server.adminConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database " + name, e);
        }
        return new DatabaseCoordinates(server.jdbcUrl(name), server.username(), server.password());
    }

    public static synchronized String kafkaBootstrapServers() {
        if (kafkaBootstrapServers == null) {
            if (containers()) {
                KafkaContainer kafka = new KafkaContainer(composeImage("apache/kafka"));
                kafka.start();
                kafkaBootstrapServers = kafka.getBootstrapServers();
            } else {
                kafkaBootstrapServers = startEmbeddedKafka().getBrokersAsString();
            }
        }
        return kafkaBootstrapServers;
    }

    /**
     * A broker of the caller's own that clients reach only through {@code proxy}, so a test can cut
     * the network to Kafka and restore it without disturbing the shared broker. (The KRaft test
     * broker cannot be restarted on a fixed port; an advertised proxy gives the same outage.)
     */
    public static EmbeddedKafkaKraftBroker startEmbeddedKafkaBehind(TcpProxy proxy) {
        EmbeddedKafkaKraftBroker broker = newBroker();
        broker.brokerProperty("advertised.listeners", "EXTERNAL://localhost:" + proxy.port());
        broker.afterPropertiesSet();
        String address = broker.getBrokersAsString().split(",")[0];
        proxy.forwardTo(Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)));
        return broker;
    }

    private static EmbeddedKafkaKraftBroker startEmbeddedKafka() {
        EmbeddedKafkaKraftBroker broker = newBroker();
        broker.afterPropertiesSet();
        return broker;
    }

    private static final java.util.concurrent.atomic.AtomicInteger BROKER_NAMES =
            new java.util.concurrent.atomic.AtomicInteger();

    private static EmbeddedKafkaKraftBroker newBroker() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
        // By default the broker writes its address into the JVM-wide system property
        // spring.kafka.bootstrap-servers, which then outranks the test's own settings: every context
        // started later would dial the last broker started, even one that is gone. Wiring happens only
        // through RealServers and the tests' explicit properties.
        broker.brokerListProperty("museumevents.test.kafka.brokers." + BROKER_NAMES.incrementAndGet());
        broker.brokerProperties(Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1",
                "auto.create.topics.enable", "true",
                "num.partitions", "3"));
        return broker;
    }

    public static synchronized GreenMail smtp() {
        if (smtp == null) {
            smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            Runtime.getRuntime().addShutdownHook(new Thread(smtp::stop));
        }
        return smtp;
    }

    public static int smtpPort() {
        return smtp().getSmtp().getPort();
    }

    static boolean containers() {
        return "containers".equals(System.getProperty("test.servers", "embedded"));
    }

    private static synchronized Postgres postgres() {
        if (postgres == null) {
            postgres = containers() ? Postgres.container() : Postgres.embedded();
        }
        return postgres;
    }

    /** The image of a service in docker-compose.yml at the repository root, e.g. {@code postgres:17.5-alpine}. */
    static String composeImage(String repository) {
        Path compose = findComposeFile();
        try {
            Matcher m = Pattern.compile("image:\\s*[\"']?(" + Pattern.quote(repository) + ":[\\w.\\-]+)")
                    .matcher(Files.readString(compose));
            if (!m.find()) {
                throw new IllegalStateException("No " + repository + " image in " + compose);
            }
            return m.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path findComposeFile() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("docker-compose.yml");
            if (Files.exists(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(
                "docker-compose.yml not found above " + Path.of("").toAbsolutePath());
    }

    public record DatabaseCoordinates(String url, String username, String password) {

        /** The same database reached only through {@code proxy}, so that a test can cut it off. */
        public DatabaseCoordinates behind(TcpProxy proxy) {
            java.net.URI server = java.net.URI.create(url.substring("jdbc:".length()));
            proxy.forwardTo(server.getPort());
            String query = server.getRawQuery() == null ? "" : "?" + server.getRawQuery();
            return new DatabaseCoordinates(
                    "jdbc:postgresql://localhost:" + proxy.port() + server.getRawPath() + query, username, password);
        }
    }

    private record Postgres(String host, int port, String username, String password) {

        static Postgres embedded() {
            try {
                EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException ignored) {
                        // the JVM is going away
                    }
                }));
                return new Postgres("localhost", pg.getPort(), "postgres", "postgres");
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
            }
        }

        static Postgres container() {
            PostgreSQLContainer pg = new PostgreSQLContainer(composeImage("postgres"));
            pg.start();
            return new Postgres(pg.getHost(), pg.getMappedPort(5432), pg.getUsername(), pg.getPassword());
        }

        String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        Connection adminConnection() throws SQLException {
            return java.sql.DriverManager.getConnection(jdbcUrl("postgres"), username, password);
        }
    }
}
