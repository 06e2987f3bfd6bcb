package org.museumevents.registration.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How often and how much the relay sends. */
@ConfigurationProperties("registration.outbox")
record OutboxProperties(@DefaultValue("500ms") Duration relayInterval, @DefaultValue("100") int batchSize) {}
