package org.museumevents.starter.outbox;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.museumevents.starter.ServiceAutoConfiguration;
import org.museumevents.starter.scheduling.SchedulingAutoConfiguration;
import org.museumevents.starter.tracing.TracingAutoConfiguration;
import org.museumevents.testsupport.TestServers;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Not a test: how fast the relay empties a filled outbox into the embedded broker, and how long a
 * message written at 20/s waits before it is marked sent. Prints figures, asserts nothing. Run with
 * {@code -Drelay.benchmark=true -Dtest=OutboxRelayBenchmark}; {@code -Drelay.batch-size} and {@code
 * -Drelay.messages} change the load (defaults 100, the services' setting, and 5,000, the issue's
 * burst).
 */
@EnabledIfSystemProperty(named = "relay.benchmark", matches = "true")
class OutboxRelayBenchmark {

    private static final int MESSAGES = Integer.getInteger("relay.messages", 5_000);
    private static final int BATCH_SIZE = Integer.getInteger("relay.batch-size", 100);

    private ApplicationContextRunner service(String interval) {
        TestServers.DatabaseCoordinates db = TestServers.newDatabase();
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        DataSourceAutoConfiguration.class,
                        DataSourceTransactionManagerAutoConfiguration.class,
                        TransactionAutoConfiguration.class,
                        JdbcTemplateAutoConfiguration.class,
                        JdbcClientAutoConfiguration.class,
                        KafkaAutoConfiguration.class,
                        ServiceAutoConfiguration.class,
                        TracingAutoConfiguration.class,
                        SchedulingAutoConfiguration.class,
                        OutboxAutoConfiguration.class))
                .withBean(JsonMapper.class, JsonMapper::new)
                .withPropertyValues(
                        "spring.application.name=bench-service",
                        "bench.outbox.enabled=true",
                        "bench.outbox.relay-interval=" + interval,
                        "bench.outbox.batch-size=" + BATCH_SIZE,
                        "spring.datasource.url=" + db.url(),
                        "spring.datasource.username=" + db.username(),
                        "spring.datasource.password=" + db.password(),
                        "spring.kafka.bootstrap-servers=" + TestServers.kafkaBootstrapServers(),
                        "spring.kafka.producer.key-serializer=org.apache.kafka.common.serialization.ByteArraySerializer",
                        "spring.kafka.producer.value-serializer=org.apache.kafka.common.serialization.ByteArraySerializer",
                        "spring.kafka.producer.acks=all",
                        "spring.kafka.producer.properties.enable.idempotence=true")
                .withInitializer(context -> createSchema(db));
    }

    @Test
    void relayedMessagesPerSecond() {
        String topic = "bench-" + UUID.randomUUID();
        // The first figure is not one: a topic just created answers its first requests slowly.
        backToBack(topic, "warm-up");
        // As deployed: the services' 500 ms poll (and whatever the relay does between polls).
        service("500ms").run(context -> {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            fill(jdbc, topic, 200);
            await().atMost(Duration.ofMinutes(10))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> unsent(jdbc) == 0);
            fill(jdbc, topic, MESSAGES);
            long start = System.nanoTime();
            await().atMost(Duration.ofMinutes(10))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> unsent(jdbc) == 0);
            report("500 ms poll", start, -1);
        });
        backToBack(topic, "back-to-back runs");
    }

    private void backToBack(String topic, String label) {
        // Warm-up: the topic exists and the producer has its metadata before the clock starts.
        service("1h").run(context -> {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            fill(jdbc, topic, 200);
            context.getBean(OutboxRelay.class).relayUnderLock();
            while (unsent(jdbc) > 0) {
                context.getBean(OutboxRelay.class).relayUnderLock();
            }
            fill(jdbc, topic, MESSAGES);
            long start = System.nanoTime();
            int runs = 0;
            while (unsent(jdbc) > 0) {
                context.getBean(OutboxRelay.class).relayUnderLock();
                runs++;
            }
            report(label, start, runs);
        });
    }

    @Test
    void waitBeforeSendingAt20PerSecond() throws Exception {
        String topic = "bench-" + UUID.randomUUID();
        service("500ms").run(context -> {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            Outbox outbox = context.getBean(Outbox.class);
            TransactionTemplate tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
            tx.executeWithoutResult(s -> outbox.add(topic, "warm", "Bench", UUID.randomUUID(), Instant.now(), "{}"));
            await().atMost(Duration.ofMinutes(1)).until(() -> unsent(jdbc) == 0);
            jdbc.sql("DELETE FROM outbox").update();
            for (int i = 0; i < 400; i++) {
                tx.executeWithoutResult(s -> outbox.add(
                        topic, "k" + (System.nanoTime() % 20), "Bench", UUID.randomUUID(), Instant.now(), Map.of()));
                Thread.sleep(50);
            }
            await().atMost(Duration.ofMinutes(1)).until(() -> unsent(jdbc) == 0);
            Map<String, Object> wait = jdbc.sql(
                            """
                            SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50,
                                   percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99, max(ms) AS max
                            FROM (SELECT extract(epoch FROM published_at - occurred_at) * 1000 AS ms FROM outbox) w
                            """)
                    .query()
                    .singleRow();
            System.out.printf(
                    "RELAY-BENCH wait from write to ack at 20/s, 400 messages: p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                    ((Number) wait.get("p50")).doubleValue(),
                    ((Number) wait.get("p99")).doubleValue(),
                    ((Number) wait.get("max")).doubleValue());
        });
    }

    private static void report(String mode, long start, int runs) {
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "RELAY-BENCH %s: %d messages, batch size %d, in %.2f s: %.0f messages/s%s%n",
                mode, MESSAGES, BATCH_SIZE, seconds, MESSAGES / seconds, runs < 0 ? "" : " (" + runs + " runs)");
    }

    /** {@code count} messages of about 700 bytes over 100 keys, as a burst of registrations would leave. */
    private static void fill(JdbcClient jdbc, String topic, int count) {
        jdbc.sql(
                        """
                        INSERT INTO outbox (message_id, destination, message_key, type, payload, occurred_at)
                        SELECT gen_random_uuid(), :topic, 'event-' || (n % 100), 'RegistrationConfirmed',
                               '{"n":' || n || ',"pad":"' || repeat('x', 680) || '"}', now()
                        FROM generate_series(1, :count) n
                        """)
                .param("topic", topic)
                .param("count", count)
                .update();
    }

    private static long unsent(JdbcClient jdbc) {
        return jdbc.sql("SELECT count(*) FROM outbox WHERE published_at IS NULL")
                .query(Long.class)
                .single();
    }

    private static void createSchema(TestServers.DatabaseCoordinates db) {
        try (Connection connection = java.sql.DriverManager.getConnection(db.url(), db.username(), db.password());
                Statement statement = connection.createStatement()) {
            statement.execute(
                    """
                    CREATE TABLE IF NOT EXISTS outbox (
                        id bigserial PRIMARY KEY, message_id uuid NOT NULL UNIQUE,
                        destination varchar(100) NOT NULL, message_key varchar(100) NOT NULL,
                        type varchar(100) NOT NULL, payload text NOT NULL, occurred_at timestamptz NOT NULL,
                        published_at timestamptz, traceparent varchar(128));
                    CREATE INDEX IF NOT EXISTS outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
                    CREATE TABLE IF NOT EXISTS shedlock (
                        name varchar(64) PRIMARY KEY, lock_until timestamp NOT NULL,
                        locked_at timestamp NOT NULL, locked_by varchar(255) NOT NULL);
                    """);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
