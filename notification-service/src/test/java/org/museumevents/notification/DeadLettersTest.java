package org.museumevents.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.museumevents.notification.Examples.announce;
import static org.museumevents.notification.Examples.registration;
import static org.museumevents.notification.Examples.unique;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.museumevents.starter.messaging.UnreadableMessage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.core.env.Environment;
import tools.jackson.databind.node.ObjectNode;

/**
 * On the real broker: an {@link UnreadableMessage} goes to the dead-letter topic ({@code
 * error.<topic>.<group>}) after one delivery, since no retry can make it readable; a readable
 * message whose handling fails is delivered {@code max-attempts} times first. The consumers' calls
 * are counted by record key ({@link ConsumerCalls}), and the dead letter is written only after the
 * last attempt, so the count is final once it is there.
 */
@NotificationIntegrationTest
class DeadLettersTest {

    @Autowired
    ConsumerCalls calls;

    @Autowired
    DeliveryLog log;

    @Autowired
    Environment environment;

    @Autowired
    BindingServiceProperties bindings;

    private String deadLetters(String topic) {
        return "error." + topic + "." + environment.getRequiredProperty(IntegrationTestExtension.GROUP);
    }

    private void awaitDeadLetter(String topic, String containing) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(Broker.readAll(deadLetters(topic)))
                .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .anyMatch(value -> value.contains(containing)));
    }

    @Test
    void bothBindingsTellTheBinderNotToRetryAnUnreadableMessage() {
        for (String binding : new String[] {"catalogEvents-in-0", "registrationEvents-in-0"}) {
            assertThat(bindings.getConsumerProperties(binding).getRetryableExceptions())
                    .as(binding)
                    .containsEntry(UnreadableMessage.class, false);
        }
    }

    @Test
    void anUnreadableMessageIsDeadLetteredAfterOneDeliveryAttempt() {
        UUID catalogKey = UUID.randomUUID();
        String notJson = "not JSON at all " + catalogKey;
        Broker.sendRaw(Broker.CATALOG, catalogKey.toString(), notJson.getBytes(StandardCharsets.UTF_8));
        UUID registrationKey = UUID.randomUUID();
        String withoutId = "{\"type\": \"RegistrationConfirmed\", \"eventId\": \"" + registrationKey
                + "\", \"registrationId\": \"" + UUID.randomUUID() + "\", \"email\": \"" + unique("no-id") + "\"}";
        Broker.sendRaw(Broker.REGISTRATIONS, registrationKey.toString(), withoutId.getBytes(StandardCharsets.UTF_8));

        awaitDeadLetter(Broker.CATALOG, notJson);
        awaitDeadLetter(Broker.REGISTRATIONS, withoutId);
        assertThat(calls.of(catalogKey)).as("deliveries of the catalog message").isEqualTo(1);
        assertThat(calls.of(registrationKey))
                .as("deliveries of the registration message")
                .isEqualTo(1);
    }

    @Test
    void aReadableMessageWhoseHandlingFailsIsRetriedMaxAttemptsTimesThenDeadLettered() {
        int maxAttempts = environment.getRequiredProperty(
                "spring.cloud.stream.bindings.registrationEvents-in-0.consumer.max-attempts", Integer.class);
        assertThat(maxAttempts).isGreaterThan(1);
        UUID eventId = UUID.randomUUID();
        ObjectNode confirmed = registration("RegistrationConfirmed", eventId, UUID.randomUUID(), unique("nameless"));
        // It reads and passes the consumer's checks, but registrant.name is NOT NULL: storing it fails every time.
        confirmed.putNull("name");
        announce(confirmed);

        awaitDeadLetter(Broker.REGISTRATIONS, confirmed.get("id").asString());
        assertThat(calls.of(eventId)).as("deliveries of the message").isEqualTo(maxAttempts);
        assertThat(log.of(eventId)).as("nothing of it was applied").isEmpty();
    }
}
