package org.museumevents.gateway.identity;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Brute-force protection of the organiser login form and of {@code POST /oauth2/token}: after
 * {@code account-failures} failed attempts on one username or client id, or
 * {@code address-failures} from one client address, attempts are refused with 429 for
 * {@code initial-backoff}, doubling with each further failure up to {@code max-backoff}. A success
 * resets the account; failures are forgotten after {@code forget-after} without one. Zero turns
 * that count off. At most {@code tracked} accounts and addresses are remembered.
 */
@Validated
@ConfigurationProperties("gateway.login-protection")
record LoginProtectionProperties(
        @DefaultValue("5") @Min(0) int accountFailures,
        @DefaultValue("20") @Min(0) int addressFailures,
        @DefaultValue("PT30S") Duration initialBackoff,
        @DefaultValue("PT15M") Duration maxBackoff,
        @DefaultValue("PT1H") Duration forgetAfter,
        @DefaultValue("100000") @Min(1) int tracked) {}
