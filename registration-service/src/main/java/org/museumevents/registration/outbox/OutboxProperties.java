package org.museumevents.registration.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often and how much the relay sends, and how long it waits for Kafka to acknowledge one
 * message before pausing until the next tick.
 */
@ConfigurationProperties("registration.outbox")
record OutboxProperties(
        @DefaultValue("500ms") Duration relayInterval,
        @DefaultValue("100") int batchSize,
        @DefaultValue("15s") Duration sendTimeout) {}
