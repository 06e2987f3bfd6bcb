package org.museumevents.notification;

import static org.awaitility.Awaitility.await;
import static org.museumevents.notification.Examples.catalog;
import static org.museumevents.notification.Examples.publish;
import static org.museumevents.notification.Examples.registration;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.museumevents.testsupport.TestServers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The registration consumer's throughput on a backlog (issue 13), not a test: named so that
 * surefire runs it only when asked, {@code ./mvnw -B -o -pl notification-service -am verify
 * -Dtest=RegistrationBacklogBench -Dsurefire.failIfNoSpecifiedTests=false -Dbench.n=5000} (add
 * {@code JDK_JAVA_OPTIONS=-XX:StartFlightRecording=filename=/tmp/bench.jfr,settings=profile} to
 * profile it). It publishes an event, holds the event's lock while it sends {@code bench.n}
 * confirmations for it, then releases the lock and prints the messages applied per second.
 */
@NotificationIntegrationTest
class RegistrationBacklogBench {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Test
    void backlog() throws Exception {
        int n = Integer.getInteger("bench.n", 5000);
        UUID eventId = UUID.randomUUID();
        publish(catalog("EventPublished", eventId));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.sql("SELECT count(*) FROM known_event WHERE id = :id")
                                .param("id", eventId)
                                .query(Integer.class)
                                .single()
                        == 1);
        JsonMapper json = JsonMapper.builder().build();
        long key = eventId.getMostSignificantBits() ^ eventId.getLeastSignificantBits();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
                lock.setLong(1, key);
                lock.execute();
            }
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    TestServers.kafkaBootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                    ByteArraySerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    ByteArraySerializer.class,
                    ProducerConfig.LINGER_MS_CONFIG,
                    20))) {
                for (int i = 0; i < n; i++) {
                    ObjectNode m = registration(
                            "RegistrationConfirmed",
                            eventId,
                            UUID.randomUUID(),
                            "bench" + i + "-" + eventId.toString().substring(0, 8) + "@example.org");
                    m.put("language", "en");
                    ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(
                            Broker.REGISTRATIONS,
                            eventId.toString().getBytes(StandardCharsets.UTF_8),
                            json.writeValueAsBytes(m));
                    r.headers().add("ce_id", m.get("id").asString().getBytes(StandardCharsets.UTF_8));
                    r.headers().add("ce_type", "RegistrationConfirmed".getBytes(StandardCharsets.UTF_8));
                    producer.send(r);
                }
                producer.flush();
            }
            System.out.println("BENCH produced " + n);
            Thread.sleep(3000);
            long start = System.nanoTime();
            try (PreparedStatement unlock = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, key);
                unlock.execute();
            }
            long lastPrint = start;
            while (true) {
                int done = jdbc.sql("SELECT count(*) FROM registrant WHERE event_id = :id")
                        .param("id", eventId)
                        .query(Integer.class)
                        .single();
                long now = System.nanoTime();
                if (now - lastPrint > 10_000_000_000L) {
                    System.out.printf("BENCH %d done after %.1f s%n", done, (now - start) / 1e9);
                    lastPrint = now;
                }
                if (done >= n) {
                    double s = (now - start) / 1e9;
                    System.out.printf("BENCH %d messages in %.1f s: %.0f messages/s%n", n, s, n / s);
                    break;
                }
                Thread.sleep(100);
            }
        }
    }
}
