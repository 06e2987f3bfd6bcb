package org.museumevents.starter.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.museumevents.starter.ServiceAutoConfiguration;
import org.museumevents.starter.scheduling.SchedulingAutoConfiguration;
import org.museumevents.starter.scheduling.SchedulingLocks;
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
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The relay on a real PostgreSQL database (one of its own per test) and the shared embedded Kafka
 * broker (a topic of its own per test), wired by the starter's auto-configuration. Its poll is set
 * to one hour, so a message that arrives was sent by a run the test started or by a wake.
 */
class OutboxRelayTest {

    private static final int BATCH_SIZE = 10;

    private final String topic = "relay-test-" + UUID.randomUUID();

    private ApplicationContextRunner service(String... properties) {
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
                        "spring.application.name=relaytest-service",
                        "relaytest.outbox.enabled=true",
                        "relaytest.outbox.relay-interval=1h",
                        "relaytest.outbox.batch-size=" + BATCH_SIZE,
                        "spring.datasource.url=" + db.url(),
                        "spring.datasource.username=" + db.username(),
                        "spring.datasource.password=" + db.password(),
                        "spring.kafka.bootstrap-servers=" + TestServers.kafkaBootstrapServers(),
                        "spring.kafka.producer.key-serializer=org.apache.kafka.common.serialization.ByteArraySerializer",
                        "spring.kafka.producer.value-serializer=org.apache.kafka.common.serialization.ByteArraySerializer",
                        "spring.kafka.producer.acks=all")
                .withPropertyValues(properties)
                .withInitializer(context -> createSchema(db));
    }

    @Test
    void aBatchLargerThanTheBatchSizeLeavesInOneRunInOrder() {
        service().run(context -> {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            Map<String, List<String>> written = new java.util.TreeMap<>();
            int count = 3 * BATCH_SIZE + 5;
            for (int n = 0; n < count; n++) {
                String key = "key-" + (n % 3);
                written.computeIfAbsent(key, k -> new ArrayList<>()).add(insert(jdbc, key, n));
            }

            context.getBean(OutboxRelay.class).relayUnderLock();

            assertThat(unsent(jdbc)).isZero();
            Map<String, List<String>> received = new java.util.TreeMap<>();
            read(count).forEach(r -> received.computeIfAbsent(r.key(), k -> new ArrayList<>())
                    .add(messageId(r)));
            assertThat(received).isEqualTo(written);
        });
    }

    @Test
    void aFailureMidBatchLeavesTheRestUnsentAndTheOrderIntactOnRetry() {
        // A record over the producer's max.request.size fails as it is handed over, as a real
        // refusal would; fixing the row lets the retry through.
        service("spring.kafka.producer.properties.max.request.size=20000").run(context -> {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            OutboxRelay relay = context.getBean(OutboxRelay.class);
            List<String> written = new ArrayList<>();
            for (int n = 0; n < 8; n++) {
                written.add(insert(jdbc, "one-key", n));
            }
            jdbc.sql("UPDATE outbox SET payload = :big WHERE message_id = :id")
                    .param("big", "{\"n\":\"" + "x".repeat(50_000) + "\"}")
                    .param("id", UUID.fromString(written.get(3)))
                    .update();

            relay.relayUnderLock();

            assertThat(sentIds(jdbc)).containsExactlyElementsOf(written.subList(0, 3));

            jdbc.sql("UPDATE outbox SET payload = '{\"n\":3}' WHERE message_id = :id")
                    .param("id", UUID.fromString(written.get(3)))
                    .update();
            relay.relayUnderLock();

            assertThat(unsent(jdbc)).isZero();
            // Resends are allowed (consumers skip a message id they have seen): in the order of
            // first arrival, every message comes once, in the order written.
            Set<String> firstArrivals = new LinkedHashSet<>();
            readAtLeast(written.size(), records -> {
                records.forEach(r -> firstArrivals.add(messageId(r)));
                return firstArrivals.size() == written.size();
            });
            assertThat(firstArrivals).containsExactlyElementsOf(written);
        });
    }

    @Test
    void aMessageWrittenInATransactionLeavesWhenItCommitsNotOnThePoll() {
        service().run(context -> {
            Outbox outbox = context.getBean(Outbox.class);
            UUID id = UUID.randomUUID();
            new TransactionTemplate(context.getBean(org.springframework.transaction.PlatformTransactionManager.class))
                    .executeWithoutResult(tx -> outbox.add(topic, "k", "Tested", id, Instant.now(), Map.of("n", 1)));

            assertThat(read(1)).extracting(OutboxRelayTest::messageId).containsExactly(id.toString());
        });
    }

    @Test
    void aWriterWithItsOwnStatementWakesTheRelayAfterIt() {
        service().run(context -> {
            String id = insert(context.getBean(JdbcClient.class), "k", 1);

            context.getBean(Outbox.class).wakeRelay();

            assertThat(read(1)).extracting(OutboxRelayTest::messageId).containsExactly(id);
        });
    }

    @Test
    void aWakeDuringARunIsServedRightAfterIt() {
        service().run(context -> {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            OutboxRelay relay = context.getBean(OutboxRelay.class);
            String first = insert(jdbc, "k", 1);
            try (Connection blocker = context.getBean(DataSource.class).getConnection()) {
                // Holds the first row so that the run, having sent it, waits to mark it.
                blocker.setAutoCommit(false);
                try (Statement statement = blocker.createStatement()) {
                    statement.execute("SELECT id FROM outbox WHERE message_id = '" + first + "' FOR UPDATE");
                }
                relay.wake();
                read(1); // the run has read its batch and sent it
                await().atMost(Duration.ofSeconds(30)).until(() -> markWaitsForALock(jdbc));

                String second = insert(jdbc, "k", 2);
                relay.wake();
                blocker.rollback();

                assertThat(readAtLeast(2, records -> records.size() >= 2))
                        .extracting(OutboxRelayTest::messageId)
                        .containsExactly(first, second);
            }
        });
    }

    @Test
    void aWakeWhileAnotherInstanceHoldsTheLockIsServedWhenItIsReleased() {
        service().withUserConfiguration(CountingLocks.class).run(context -> {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            LockProvider otherInstance = SchedulingLocks.onDatabaseClock(context.getBean(DataSource.class));
            SimpleLock held = otherInstance
                    .lock(new LockConfiguration(
                            Instant.now(), "relaytest-outbox-relay", Duration.ofMinutes(10), Duration.ZERO))
                    .orElseThrow();
            String id = insert(jdbc, "k", 1);

            context.getBean(OutboxRelay.class).wake();
            CountingLocks locks = context.getBean(CountingLocks.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> locks.refusals.get() >= 1);
            assertThat(unsent(jdbc)).isEqualTo(1);
            held.unlock();

            assertThat(read(1)).extracting(OutboxRelayTest::messageId).containsExactly(id);
        });
    }

    @Test
    void aProducerThatCouldReorderAKeysMessagesIsRefused() {
        assertThatThrownBy(() -> OutboxRelay.requireOrderedProducer(Map.of("acks", "1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("acks=all");
        assertThatThrownBy(() -> OutboxRelay.requireOrderedProducer(Map.of("enable.idempotence", "false")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> OutboxRelay.requireOrderedProducer(Map.of("max.in.flight.requests.per.connection", 6)))
                .isInstanceOf(IllegalStateException.class);
        OutboxRelay.requireOrderedProducer(
                Map.of("acks", "all", "enable.idempotence", true, "max.in.flight.requests.per.connection", 5));
        OutboxRelay.requireOrderedProducer(Map.of());
    }

    /** The starter's lock provider, counting the times the lock was found taken. */
    static class CountingLocks implements LockProvider {

        final AtomicInteger refusals = new AtomicInteger();
        private final LockProvider locks;

        CountingLocks(DataSource dataSource) {
            this.locks = SchedulingLocks.onDatabaseClock(dataSource);
        }

        @Override
        public Optional<SimpleLock> lock(LockConfiguration configuration) {
            Optional<SimpleLock> lock = locks.lock(configuration);
            if (lock.isEmpty()) {
                refusals.incrementAndGet();
            }
            return lock;
        }
    }

    // --- the outbox table and the topic ---

    private static void createSchema(TestServers.DatabaseCoordinates db) {
        try (Connection connection = java.sql.DriverManager.getConnection(db.url(), db.username(), db.password());
                Statement statement = connection.createStatement()) {
            statement.execute(
                    """
                    CREATE TABLE IF NOT EXISTS outbox (
                        id bigserial PRIMARY KEY,
                        message_id uuid NOT NULL UNIQUE,
                        destination varchar(100) NOT NULL,
                        message_key varchar(100) NOT NULL,
                        type varchar(100) NOT NULL,
                        payload text NOT NULL,
                        occurred_at timestamptz NOT NULL,
                        published_at timestamptz,
                        traceparent varchar(128));
                    CREATE INDEX IF NOT EXISTS outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
                    CREATE TABLE IF NOT EXISTS shedlock (
                        name varchar(64) PRIMARY KEY,
                        lock_until timestamp NOT NULL,
                        locked_at timestamp NOT NULL,
                        locked_by varchar(255) NOT NULL);
                    """);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A message written with the service's own SQL, as registration-service does: no wake. */
    private String insert(JdbcClient jdbc, String key, int n) {
        UUID id = UUID.randomUUID();
        jdbc.sql(
                        """
                        INSERT INTO outbox (message_id, destination, message_key, type, payload, occurred_at)
                        VALUES (:id, :topic, :key, 'Tested', :payload, now())
                        """)
                .param("id", id)
                .param("topic", topic)
                .param("key", key)
                .param("payload", "{\"n\":" + n + "}")
                .update();
        return id.toString();
    }

    private long unsent(JdbcClient jdbc) {
        return jdbc.sql("SELECT count(*) FROM outbox WHERE destination = :topic AND published_at IS NULL")
                .param("topic", topic)
                .query(Long.class)
                .single();
    }

    private List<String> sentIds(JdbcClient jdbc) {
        return jdbc.sql("SELECT message_id::text FROM outbox WHERE published_at IS NOT NULL ORDER BY id")
                .query(String.class)
                .list();
    }

    private static boolean markWaitsForALock(JdbcClient jdbc) {
        return jdbc.sql(
                                """
                        SELECT count(*) FROM pg_stat_activity
                        WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE outbox SET published_at%'
                        """)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private List<ConsumerRecord<String, String>> read(int count) {
        return readAtLeast(count, records -> records.size() >= count);
    }

    /** Reads the topic from its start until {@code enough} holds for what was read (at most 30 s). */
    private List<ConsumerRecord<String, String>> readAtLeast(
            int count, java.util.function.Predicate<List<ConsumerRecord<String, String>>> enough) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "relay-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return enough.test(records);
            });
        }
        // One key per test keeps a total order; with several keys, order holds per key.
        records.sort(java.util.Comparator.comparing((ConsumerRecord<String, String> r) -> r.partition())
                .thenComparing(ConsumerRecord::offset));
        return records;
    }

    private static String messageId(ConsumerRecord<String, String> record) {
        return new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
    }
}
