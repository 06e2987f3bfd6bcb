package org.museumevents.notification;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.museumevents.notification.delivery.DeliveryLogEntry;
import org.museumevents.notification.delivery.NotificationRepository;
import org.museumevents.testsupport.RealServers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A message flow on the real servers: PostgreSQL, the shared Kafka broker, GreenMail. Each class
 * has its own database and its own consumer group reading from the latest offsets, and its
 * context is closed after it, so no other class consumes its messages or sends its emails.
 */
@SpringBootTest(
        properties = {
            "spring.cloud.stream.kafka.bindings.catalogEvents-in-0.consumer.start-offset=latest",
            "spring.cloud.stream.kafka.bindings.registrationEvents-in-0.consumer.start-offset=latest",
            "spring.cloud.stream.bindings.catalogEvents-in-0.consumer.back-off-initial-interval=100",
            "spring.cloud.stream.bindings.registrationEvents-in-0.consumer.back-off-initial-interval=100",
            "notification.delivery.poll-interval=200ms",
            "notification.delivery.first-retry-after=10s",
            "notification.delivery.longest-retry-after=1m",
            "notification.delivery.give-up-after=2h",
            "spring.mail.properties.mail.smtp.connectiontimeout=2000",
            "spring.mail.properties.mail.smtp.timeout=3000",
            "spring.mail.properties.mail.smtp.writetimeout=3000",
            "logging.level.org.apache.kafka=WARN"
        })
@RealServers
@Import(TestClockConfig.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class FlowTest {

    private static final Set<String> READY_GROUPS = ConcurrentHashMap.newKeySet();

    static {
        Broker.createTopics();
    }

    @Autowired
    TestClock clock;

    @Autowired
    Environment environment;

    @Autowired
    NotificationRepository notifications;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void ownConsumerGroup(DynamicPropertyRegistry registry) {
        String group = "notification-test-" + UUID.randomUUID();
        registry.add("spring.cloud.stream.bindings.catalogEvents-in-0.group", () -> group);
        registry.add("spring.cloud.stream.bindings.registrationEvents-in-0.group", () -> group);
    }

    @BeforeEach
    void consumersOwnTheirPartitions() {
        String group = group();
        if (!READY_GROUPS.contains(group)) {
            Broker.awaitAssigned(group);
            READY_GROUPS.add(group);
        }
    }

    String group() {
        return environment.getRequiredProperty("spring.cloud.stream.bindings.catalogEvents-in-0.group");
    }

    /** The delivery log of an event, as the organisers' endpoint answers it. */
    List<DeliveryLogEntry> log(UUID eventId) {
        return notifications.logOf(eventId);
    }

    List<DeliveryLogEntry> log(UUID eventId, String kind) {
        return log(eventId).stream().filter(e -> e.kind().equals(kind)).toList();
    }

    /** The emails counter, e.g. {@code emails("confirmation", "sent")}. */
    double emails(String kind, String status) {
        return meters.get("museum.emails")
                .tag("kind", kind)
                .tag("status", status)
                .counter()
                .count();
    }
}
