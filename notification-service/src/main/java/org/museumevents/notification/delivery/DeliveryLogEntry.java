package org.museumevents.notification.delivery;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;
import org.museumevents.notification.email.EmailKind;

/** One line of the delivery log, as the contract names its fields. */
public record DeliveryLogEntry(
        UUID registrationId,
        String recipient,
        @Schema(implementation = EmailKind.class) String kind,
        @Schema(implementation = DeliveryStatus.class) String status,
        int attempts,
        Instant scheduledFor,
        Instant sentAt) {}
