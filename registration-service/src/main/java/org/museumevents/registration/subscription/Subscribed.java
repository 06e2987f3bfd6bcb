package org.museumevents.registration.subscription;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

/**
 * The answer to a new subscription (issue 17): the token is shown once and opens the subscription;
 * the registrations made at once, one per occurrence open now.
 */
record Subscribed(
        UUID id,
        UUID seriesId,
        @Schema(description = "shown once: opens the subscription with `?token=`") String token,
        List<Made> registrations) {

    /**
     * @param status CONFIRMED, PENDING or WAITLISTED
     * @param waitlistPosition 1 for the first waiting, else null
     */
    record Made(UUID eventId, UUID id, String status, Integer waitlistPosition) {}
}
