package org.museumevents.gateway.ratelimit;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Requests allowed per client (its address as the gateway sees it; set
 * {@code server.forward-headers-strategy} behind a trusted proxy) and {@code period}, refilled
 * gradually: {@code registrations} registrations and, in a bucket of their own,
 * {@code cancellations} cancellations. Zero turns that limit off.
 */
@Validated
@ConfigurationProperties("gateway.rate-limit")
record RateLimitProperties(
        @DefaultValue("20") @Min(0) int registrations,
        @DefaultValue("20") @Min(0) int cancellations,
        @DefaultValue("PT1M") Duration period,
        @DefaultValue("100000") @Min(1) int clientsTracked) {}
