package org.museumevents.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.museumevents.registration.Api.Response;
import org.museumevents.registration.event.EventSnapshot;
import org.museumevents.testsupport.TcpProxy;
import org.museumevents.testsupport.TestServers;
import org.museumevents.testsupport.TestTokens;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * With its database unreachable the service answers 503 problem+json within seconds, leaves the
 * load balancer's rotation (readiness DOWN) without being restarted (liveness UP), and serves again
 * by itself when the database returns. The instance reaches its database
 * through a proxy that the test cuts; the shared PostgreSQL server stays up.
 *
 * <p>Its instance is its own ({@link TestInstance}, not the shared test context), on its own
 * database and catalog topic, and is closed when the test ends: nothing of it outlives the test to
 * take the shared context's messages. Tagged {@code outage}: {@code -Pfast} leaves it out.
 */
@Tag("outage")
class DatabaseOutageTest {

    /** Hikari's connection timeout is 3 s; a bound well above it, not a speed measurement. */
    private static final Duration QUICKLY = Duration.ofSeconds(10);

    /**
     * Far above the socket timeout given below (5 s; the service's default is 30 s), so that reaching
     * it means a wait that would never have ended: a bound that stops a hung test, not a speed
     * measurement.
     */
    private static final Duration NEVER_ENDING = Duration.ofSeconds(60);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aDatabaseOutageAnswers503QuicklyAndTheServiceHealsByItself() throws Exception {
        try (TcpProxy proxy = new TcpProxy();
                ConfigurableApplicationContext app = TestInstance.start(
                        TestServers.newDatabase().behind(proxy),
                        TestServers.kafkaBootstrapServers(),
                        // A topic of its own, so this instance takes no partitions from other tests' consumers.
                        "--spring.cloud.stream.bindings.catalogEvents-in-0.destination=catalog.events.db-outage")) {
            Api api = TestInstance.api(app);
            EventSnapshot event = TestCatalog.apply(app, TestCatalog.event("icom-france", 10));
            assertThat(api.register(event.id(), email()).status()).isEqualTo(201);

            proxy.cut();
            long started = System.nanoTime();
            Response during = api.register(event.id(), email());
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(during.status()).as(during.toString()).isEqualTo(503);
            assertThat(during.contentType()).startsWith("application/problem+json");
            assertThat(during.json().get("status").asInt()).isEqualTo(503);
            assertThat(took).isLessThan(QUICKLY);
            Response reading = stats(api, event);
            assertThat(reading.status()).as(reading.toString()).isEqualTo(503);
            assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(503);
            assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
            // Metrics still answer: the outbox gauges are unknown (NaN), not an error.
            assertThat(api.prometheus().text()).contains("museum_outbox_backlog NaN");

            proxy.restore();
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> api.register(event.id(), email()).status() == 201);
            Response stats = stats(api, event);
            // The one before the outage and the one that went through after it; the refused one left nothing.
            assertThat(stats.json().get("confirmed").asInt()).isEqualTo(2);
            assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
        }
    }

    /**
     * A database that stops answering and comes back elsewhere (a frozen host, a partition, a
     * fail-over): the connections to it stay open but silent for ever. A statement on one fails at
     * the JDBC driver's socket timeout instead of waiting for ever (the service-starter's {@code
     * DatabaseConnectionDefaults}); without it, the registration group's leader would wait on its
     * connection for ever and every registration for the event behind it. Registrations answer
     * 503, and when new connections reach the database again the service registers again without
     * a restart.
     */
    @Test
    void aDatabaseThatStopsAnsweringIsLeftBehindAndTheServiceHealsByItself() throws Exception {
        try (TcpProxy proxy = new TcpProxy();
                ConfigurableApplicationContext app = TestInstance.start(
                        TestServers.newDatabase().behind(proxy),
                        TestServers.kafkaBootstrapServers(),
                        "--spring.cloud.stream.bindings.catalogEvents-in-0.destination=catalog.events.db-silence",
                        "--spring.datasource.hikari.data-source-properties.socketTimeout=5")) {
            Api api = TestInstance.api(app);
            EventSnapshot event = TestCatalog.apply(app, TestCatalog.event("icom-france", 10));
            assertThat(api.register(event.id(), email()).status()).isEqualTo(201);

            // The service-starter's defaults reached this service's pool, and a setting of its own wins.
            Properties driver =
                    app.getBean(DataSource.class).unwrap(HikariDataSource.class).getDataSourceProperties();
            assertThat(driver.getProperty("tcpKeepAlive")).isEqualTo("true");
            assertThat(driver.getProperty("logServerErrorDetail")).isEqualTo("false");
            assertThat(driver.getProperty("socketTimeout")).isEqualTo("5");
            // Closing the connection is a statement too (its rollback): inside the bound as well.
            assertTimeoutPreemptively(NEVER_ENDING, () -> {
                try (Connection held = app.getBean(DataSource.class).getConnection()) {
                    proxy.silence();
                    assertThatThrownBy(() -> held.createStatement().execute("SELECT 1"))
                            .isInstanceOf(SQLException.class);
                }
            });
            Response during = assertTimeoutPreemptively(NEVER_ENDING, () -> api.register(event.id(), email()));
            assertThat(during.status()).as(during.toString()).isEqualTo(503);
            assertThat(during.contentType()).startsWith("application/problem+json");

            proxy.restore();
            await().atMost(NEVER_ENDING)
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> api.register(event.id(), email()).status() == 201);
            Response stats = stats(api, event);
            assertThat(stats.json().get("confirmed").asInt()).isEqualTo(2);
        }
    }

    /**
     * A catalog message that arrives while the database is out of reach, for longer than the
     * binding's {@code max-attempts} take, is applied when it returns, not dead-lettered: the
     * starter's {@code ConsumerRetries} retries a database outage for as long as it lasts. Without
     * it, the binder tried the message 3 times in about 12 s and wrote it to {@code
     * error.<topic>.registration-service}: the event never opened here.
     */
    @Test
    void aCatalogMessageThatArrivesDuringAnOutageIsAppliedWhenTheDatabaseReturns() throws Exception {
        String topic = "catalog.events.db-outage-messages";
        String deadLetters = "error." + topic + ".registration-service";
        try (TcpProxy proxy = new TcpProxy();
                ConfigurableApplicationContext app = TestInstance.start(
                        TestServers.newDatabase().behind(proxy),
                        TestServers.kafkaBootstrapServers(),
                        "--spring.cloud.stream.bindings.catalogEvents-in-0.destination=" + topic);
                KafkaProbe dlq = new KafkaProbe(TestServers.kafkaBootstrapServers(), deadLetters)) {
            // The binding is up and reading: an event published before the outage is applied.
            UUID before = publish(topic);
            await().atMost(NEVER_ENDING).until(() -> events(app, before) == 1);

            proxy.cut();
            UUID during = publish(topic);
            // Not dead-lettered for longer than the binding's 3 attempts (each waiting up to the
            // pool's 3 s timeout, with 1 s and 2 s of back-off between them) took to dead-letter it.
            await().during(Duration.ofSeconds(20))
                    .atMost(Duration.ofSeconds(30))
                    .until(() ->
                            dlq.poll().stream().noneMatch(r -> during.toString().equals(KafkaProbe.key(r))));

            proxy.restore();
            await().atMost(NEVER_ENDING)
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> events(app, during) == 1);
            assertThat(dlq.poll()).as("dead letters").isEmpty();
        }
    }

    /** Sends catalog-service's example EventPublished for a new event to {@code topic}; its id. */
    private static UUID publish(String topic) throws Exception {
        ObjectNode message = (ObjectNode) JSON.readTree(
                Files.readAllBytes(Path.of("../catalog-service/src/test/resources/messages/EventPublished.json")));
        UUID event = UUID.randomUUID();
        message.put("id", UUID.randomUUID().toString());
        ((ObjectNode) message.get("event")).put("id", event.toString());
        KafkaProbe.send(
                TestServers.kafkaBootstrapServers(),
                topic,
                event.toString(),
                JSON.writeValueAsBytes(message),
                Map.of(
                        "ce_specversion", "1.0",
                        "ce_id", message.get("id").asString(),
                        "ce_type", "EventPublished",
                        "ce_source", "/catalog-service",
                        "ce_time", message.get("occurredAt").asString()));
        return event;
    }

    /** How many rows the instance's database has for {@code event}. */
    private static long events(ConfigurableApplicationContext app, UUID event) {
        return app.getBean(JdbcClient.class)
                .sql("SELECT count(*) FROM event WHERE id = :id")
                .param("id", event)
                .query(Long.class)
                .single();
    }

    /** The organiser's registration statistics of {@code event}. */
    private static Response stats(Api api, EventSnapshot event) {
        return api.get(
                "/api/events/" + event.id() + "/registration-stats", "Authorization", TestTokens.bearer("icom-france"));
    }

    private static String email() {
        return "outage-" + UUID.randomUUID() + "@example.org";
    }
}
