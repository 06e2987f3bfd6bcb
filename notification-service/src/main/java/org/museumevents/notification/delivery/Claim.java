package org.museumevents.notification.delivery;

import java.time.Instant;
import java.util.UUID;
import org.museumevents.notification.email.EmailKind;

/**
 * A due notification as this instance claimed it: what the email needs, and the claim ({@code
 * claimId}, valid until {@code claimedUntil}) that its outcome is written onto.
 */
record Claim(
        UUID claimId,
        Instant claimedUntil,
        UUID id,
        UUID eventId,
        UUID registrationId,
        String recipient,
        EmailKind kind,
        int attempts,
        Instant scheduledFor,
        Instant nextAttemptAt,
        Instant createdAt,
        boolean joinDetails,
        boolean calendar,
        Integer waitlistPosition,
        String reminderOffset,
        String traceId,
        String traceparent,
        UUID messageId) {}
