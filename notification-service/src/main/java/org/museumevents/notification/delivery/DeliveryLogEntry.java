package org.museumevents.notification.delivery;

import java.time.Instant;
import java.util.UUID;

/** One line of the delivery log, as the contract names its fields. */
public record DeliveryLogEntry(
        UUID registrationId,
        String recipient,
        String kind,
        String status,
        int attempts,
        Instant scheduledFor,
        Instant sentAt) {}
