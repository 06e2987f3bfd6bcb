package org.museumevents.notification.delivery;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import org.museumevents.notification.email.EmailKind;

/**
 * One line of the delivery log, as the contract names its fields.
 *
 * @param recipient the address, or null once the registrant's personal data is erased
 * @param reason an extension of the contract: why a FAILED email ended without being retried to
 *     its give-up time ({@link FailureReason}): {@code SUPERSEDED}, while its address was over the
 *     per-recipient limit, a later email about the same event replaced it; {@code
 *     UNDELIVERABLE_ADDRESS}, its address is not one that can be delivered to, so it was never
 *     offered to the SMTP server; {@code RECIPIENT_REFUSED}, the SMTP server refused it for good (a
 *     5yz reply). Null otherwise, e.g. on a FAILED line given up after retries.
 */
public record DeliveryLogEntry(
        UUID registrationId,
        String recipient,
        @Schema(implementation = EmailKind.class) String kind,
        @Schema(implementation = DeliveryStatus.class) String status,
        int attempts,
        Instant scheduledFor,
        Instant sentAt,
        @Schema(implementation = FailureReason.class) String reason) {}
