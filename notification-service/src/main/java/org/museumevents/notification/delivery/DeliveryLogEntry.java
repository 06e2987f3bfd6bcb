package org.museumevents.notification.delivery;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import org.museumevents.notification.email.EmailKind;

/**
 * One line of the delivery log, as the contract names its fields.
 *
 * @param recipient the address, or null once the registrant's personal data is erased
 * @param reason an extension of the contract: why a FAILED email was never sent when no SMTP
 *     failure was the cause; {@code SUPERSEDED}: while its address was over the per-recipient limit,
 *     a later email about the same event replaced it. Null otherwise.
 */
public record DeliveryLogEntry(
        UUID registrationId,
        String recipient,
        @Schema(implementation = EmailKind.class) String kind,
        @Schema(implementation = DeliveryStatus.class) String status,
        int attempts,
        Instant scheduledFor,
        Instant sentAt,
        @Schema(allowableValues = "SUPERSEDED") String reason) {}
