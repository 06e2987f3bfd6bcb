package org.museumevents.registration.attendees;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.UUID;

/** One line of the attendee list. */
record Attendee(
        UUID id,
        @Schema(allowableValues = {"CONFIRMED", "WAITLISTED", "PENDING", "REJECTED", "CANCELLED"}) String status,
        Integer waitlistPosition,
        String name,
        String email,
        String organisation,
        String language,
        String timeZone,
        String interpretationLanguage,
        String cancelledBy,
        Instant registeredAt) {}
