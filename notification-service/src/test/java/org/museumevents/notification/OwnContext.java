package org.museumevents.notification;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/** For the classes that need an application context of their own (see {@link NotificationIntegrationTest}). */
final class OwnContext {

    private OwnContext() {}

    /**
     * Gives the class's context a consumer group of its own, read from the latest offsets: it gets
     * every message from its start on, as the shared context does, and takes no partition from it.
     * Call it from the class's {@code @DynamicPropertySource} method.
     */
    static void ownConsumerGroup(DynamicPropertyRegistry registry) {
        String group = "notification-test-" + UUID.randomUUID();
        registry.add("spring.cloud.stream.bindings.catalogEvents-in-0.group", () -> group);
        registry.add("spring.cloud.stream.bindings.registrationEvents-in-0.group", () -> group);
    }
}
