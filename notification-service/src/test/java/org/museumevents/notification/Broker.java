package org.museumevents.notification;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.museumevents.testsupport.TestServers;

/** The shared real Kafka broker, seen as a producer of the two topics would see it. */
final class Broker {

    static final String CATALOG = "catalog.events";
    static final String REGISTRATIONS = "registration.events";

    private static KafkaProducer<byte[], byte[]> producer;

    private Broker() {}

    static synchronized void createTopics() {
        try (Admin admin = admin()) {
            for (String topic : List.of(CATALOG, REGISTRATIONS)) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1)))
                            .all()
                            .get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a value as the producers do: key = event id, CloudEvents attributes as UTF-8 headers. */
    static void send(String topic, String key, String messageId, String type, byte[] value) {
        send(topic, key, messageId, type, value, Map.of());
    }

    /** The same, with more headers, e.g. the {@code traceparent} the producers' relays add. */
    static void send(
            String topic, String key, String messageId, String type, byte[] value, Map<String, String> headers) {
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
        record.headers().add("ce_specversion", bytes("1.0"));
        record.headers().add("ce_id", bytes(messageId));
        record.headers().add("ce_type", bytes(type));
        record.headers().add("ce_source", bytes("/test"));
        record.headers().add("ce_time", bytes(java.time.Instant.now().toString()));
        headers.forEach((name, v) -> record.headers().add(name, bytes(v)));
        try {
            producer().send(record).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sendRaw(String topic, String key, byte[] value) {
        try {
            producer()
                    .send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value))
                    .get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until the group's consumers own every partition of both topics, so nothing sent is missed.
     * A group the broker does not know yet (its consumers have not joined) is not assigned yet.
     */
    static void awaitAssigned(String group) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .ignoreExceptionsMatching(
                        e -> e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException)
                .until(() -> {
                    try (Admin admin = admin()) {
                        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
                                .all()
                                .get()
                                .get(group);
                        Set<TopicPartition> assigned = new HashSet<>();
                        description
                                .members()
                                .forEach(m -> assigned.addAll(m.assignment().topicPartitions()));
                        int partitions = 0;
                        for (var topic : admin.describeTopics(List.of(CATALOG, REGISTRATIONS))
                                .allTopicNames()
                                .get()
                                .values()) {
                            partitions += topic.partitions().size();
                        }
                        return assigned.size() == partitions;
                    }
                });
    }

    /**
     * Waits until {@code group} has applied every message on both topics: its committed offsets
     * have reached the end of every partition that holds messages.
     */
    static void awaitConsumed(String group) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    try (Admin admin = admin()) {
                        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                                .partitionsToOffsetAndMetadata()
                                .get();
                        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                        for (var topic : admin.describeTopics(List.of(CATALOG, REGISTRATIONS))
                                .allTopicNames()
                                .get()
                                .values()) {
                            topic.partitions()
                                    .forEach(p -> partitions.put(
                                            new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
                        }
                        var ends = admin.listOffsets(partitions).all().get();
                        return ends.entrySet().stream().allMatch(end -> {
                            OffsetAndMetadata offset = committed.get(end.getKey());
                            long reached = offset == null ? 0 : offset.offset();
                            return reached >= end.getValue().offset();
                        });
                    }
                });
    }

    /** Every value on {@code topic} from the start to its end as it is now. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestServers.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            var infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos == null || infos.isEmpty()) {
                return records;
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long until = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < until
                    && partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    TestServers.kafkaBootstrapServers(),
                    ProducerConfig.ACKS_CONFIG,
                    "all",
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                    ByteArraySerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                    ByteArraySerializer.class));
        }
        return producer;
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestServers.kafkaBootstrapServers()));
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
