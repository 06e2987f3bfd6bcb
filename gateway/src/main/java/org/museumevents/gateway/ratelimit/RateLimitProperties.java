package org.museumevents.gateway.ratelimit;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Registration requests allowed per client (its address as the gateway sees it; set
 * {@code server.forward-headers-strategy} behind a trusted proxy): {@code registrations} per
 * {@code period}, refilled gradually. Zero turns the limit off.
 */
@Validated
@ConfigurationProperties("gateway.rate-limit")
record RateLimitProperties(
        @DefaultValue("20") @Min(0) int registrations,
        @DefaultValue("PT1M") Duration period,
        @DefaultValue("100000") @Min(1) int clientsTracked) {}
