package org.museumevents.catalog.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How often and how much the relay sends. */
@ConfigurationProperties("catalog.outbox")
record OutboxProperties(@DefaultValue("500ms") Duration relayInterval, @DefaultValue("100") int batchSize) {}
