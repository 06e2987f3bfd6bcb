package org.museumevents.registration;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The catalog's own example messages, as catalog-service commits them, fed through the real broker:
 * publication, a capacity raised (the waiting get places at once), the same message twice, an older
 * version, cancellation; and what goes out on registration.events has the committed example shape.
 */
@RegistrationIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class CatalogMessagesTest {

    /** The catalog's topic, as the shared context consumes it. */
    static final String TOPIC = "catalog.events";

    private static final Path CATALOG_MESSAGES = Path.of("../catalog-service/src/test/resources/messages");
    private static final Path OUR_MESSAGES = Path.of("src/test/resources/messages");
    private static final UUID EVENT = UUID.fromString("7f0c2a4e-5b1d-4c3e-9a8f-0d6e1b2c3a41");
    private static final String CATALOG_TRACE = "0af7651916cd43dd8448eb211c80319c";

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Test
    void catalogMessagesOpenRaiseCapacityAndCancelAnEvent(CapturedOutput output) throws Exception {
        String kafka = environment.getProperty("spring.kafka.bootstrap-servers");
        Api api = Api.onPort(port);
        try (KafkaProbe out = new KafkaProbe(kafka, "registration.events")) {
            sendCatalogExample("EventPublished");
            await().atMost(Duration.ofSeconds(60)).until(() -> version() == 2);
            assertThat(capacity()).isEqualTo(300);

            // 300 places and two more people: two wait.
            List<JsonNode> registered = registerConcurrently(api, 302);
            assertThat(registered)
                    .filteredOn(j -> j.get("status").asString().equals("CONFIRMED"))
                    .hasSize(300);
            List<String> waiting = registered.stream()
                    .filter(j -> j.get("status").asString().equals("WAITLISTED"))
                    .map(j -> j.get("id").asString())
                    .toList();
            assertThat(waiting).hasSize(2);

            // Capacity raised to 350: the two waiting are confirmed at once, in the catalog's trace.
            send(json.readTree(catalogExample("EventUpdated")), "00-" + CATALOG_TRACE + "-00f067aa0ba902b7-01");
            await().atMost(Duration.ofSeconds(60)).until(() -> count("CONFIRMED") == 302);
            assertThat(output.getAll()
                            .lines()
                            .filter(line -> line.contains("Applied EventUpdated c1a7d3e0-0000-4000-8000-000000000002")))
                    .singleElement(as(InstanceOfAssertFactories.STRING))
                    .contains(CATALOG_TRACE);
            assertThat(capacity()).isEqualTo(350);
            assertThat(count("WAITLISTED")).isZero();
            long outboxAfterUpdate = outboxCount();

            // The same message again changes nothing.
            sendCatalogExample("EventUpdated");
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> output.getAll().contains("Skipped EventUpdated c1a7d3e0-0000-4000-8000-000000000002"));
            assertThat(outboxCount()).isEqualTo(outboxAfterUpdate);
            assertThat(count("CONFIRMED")).isEqualTo(302);

            // An older version of the event, in a new message, changes nothing either.
            ObjectNode older = (ObjectNode) json.readTree(catalogExample("EventPublished"));
            older.put("id", UUID.randomUUID().toString());
            send(older);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> output.getAll().contains("Ignoring version 2 of event " + EVENT));
            assertThat(capacity()).isEqualTo(350);

            // Cancelled in the catalog: every registration is cancelled, and told so.
            sendCatalogExample("EventCancelled");
            await().atMost(Duration.ofSeconds(60)).until(() -> count("CANCELLED") == 302);
            assertThat(jdbc.sql("SELECT DISTINCT cancelled_by FROM registration WHERE event_id = :id")
                            .param("id", EVENT)
                            .query(String.class)
                            .list())
                    .containsExactly("EVENT_CANCELLED");
            assertThat(api.register(EVENT, "late@example.org")
                            .json()
                            .get("type")
                            .asString())
                    .endsWith("/event-cancelled");

            // What went out: 300 confirmed, 2 waitlisted, 2 promoted, 302 cancelled, keyed by the event.
            await().atMost(Duration.ofSeconds(60)).until(() -> ours(out.poll()).size() == 606);
            List<ConsumerRecord<byte[], byte[]>> messages = ours(out.poll());
            Map<String, Long> byType = new java.util.TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> record : messages) {
                JsonNode message = json.readTree(record.value());
                String type = message.get("type").asString();
                byType.merge(type, 1L, Long::sum);
                assertThat(KafkaProbe.header(record, "ce_type")).isEqualTo(type);
                assertThat(KafkaProbe.header(record, "ce_id"))
                        .isEqualTo(message.get("id").asString());
                assertThat(fieldNames(message)).as(type).isEqualTo(fieldNames(json.readTree(ourExample(type))));
                if (type.equals("RegistrationPromoted")) {
                    assertThat(waiting).contains(message.get("registrationId").asString());
                    assertThat(KafkaProbe.header(record, "traceparent")).startsWith("00-" + CATALOG_TRACE + "-");
                }
                if (type.equals("RegistrationCancelled")) {
                    assertThat(message.get("cancelledBy").asString()).isEqualTo("EVENT_CANCELLED");
                }
            }
            assertThat(byType)
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "RegistrationConfirmed", 300L,
                            "RegistrationWaitlisted", 2L,
                            "RegistrationPromoted", 2L,
                            "RegistrationCancelled", 302L));
        }
    }

    @Test
    void anUnreadableMessageGoesToTheDeadLetterTopic() {
        String kafka = environment.getProperty("spring.kafka.bootstrap-servers");
        try (KafkaProbe dlq = new KafkaProbe(kafka, "error." + TOPIC + ".registration-service")) {
            String marker = "not json " + UUID.randomUUID();
            KafkaProbe.send(
                    kafka, TOPIC, UUID.randomUUID().toString(), marker.getBytes(StandardCharsets.UTF_8), Map.of());
            await().atMost(Duration.ofSeconds(60)).until(() -> dlq.poll().stream()
                    .anyMatch(r -> new String(r.value(), StandardCharsets.UTF_8).equals(marker)));
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> ours(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream()
                .filter(r -> EVENT.toString().equals(KafkaProbe.key(r)))
                .toList();
    }

    private static Set<String> fieldNames(JsonNode node) {
        return new HashSet<>(node.propertyNames());
    }

    private List<JsonNode> registerConcurrently(Api api, int people) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (int i = 0; i < people; i++) {
                int n = i;
                futures.add(pool.submit(() -> registerAnswering(api, "catalog-" + n + "@example.org")));
            }
            List<JsonNode> answers = new ArrayList<>();
            for (Future<Api.Response> future : futures) {
                Api.Response response = future.get();
                assertThat(response.status()).as(response.toString()).isEqualTo(201);
                answers.add(response.json());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static byte[] catalogExample(String type) throws Exception {
        return Files.readAllBytes(CATALOG_MESSAGES.resolve(type + ".json"));
    }

    private static byte[] ourExample(String type) throws Exception {
        return Files.readAllBytes(OUR_MESSAGES.resolve(type + ".json"));
    }

    /**
     * A registration that answers the example event's required question ({@code institution}, in
     * catalog-service's example messages).
     */
    private static Api.Response registerAnswering(Api api, String email) {
        String body = Api.body("Élise Durand", email).strip();
        String answered = body.substring(0, body.length() - 1) + ", \"answers\": {\"institution\": \"museum\"}}";
        return api.post("/api/events/" + EVENT + "/registrations", answered);
    }

    private void sendCatalogExample(String type) throws Exception {
        send(json.readTree(catalogExample(type)));
    }

    private void send(JsonNode message) {
        send(message, null);
    }

    private void send(JsonNode message, String traceparent) {
        Map<String, String> headers = new HashMap<>(Map.of(
                "ce_specversion", "1.0",
                "ce_id", message.get("id").asString(),
                "ce_type", message.get("type").asString(),
                "ce_source", "/catalog-service",
                "ce_time", message.get("occurredAt").asString()));
        if (traceparent != null) {
            headers.put("traceparent", traceparent);
        }
        KafkaProbe.send(
                environment.getProperty("spring.kafka.bootstrap-servers"),
                TOPIC,
                message.get("event").get("id").asString(),
                json.writeValueAsBytes(message),
                headers);
    }

    private long version() {
        return jdbc.sql("SELECT coalesce(max(version), 0) FROM event WHERE id = :id")
                .param("id", EVENT)
                .query(Long.class)
                .single();
    }

    private int capacity() {
        return jdbc.sql("SELECT capacity FROM event WHERE id = :id")
                .param("id", EVENT)
                .query(Integer.class)
                .single();
    }

    private long count(String status) {
        return jdbc.sql("SELECT count(*) FROM registration WHERE event_id = :id AND status = :status")
                .param("id", EVENT)
                .param("status", status)
                .query(Long.class)
                .single();
    }

    private long outboxCount() {
        return jdbc.sql("SELECT count(*) FROM outbox WHERE message_key = :key")
                .param("key", EVENT.toString())
                .query(Long.class)
                .single();
    }
}
