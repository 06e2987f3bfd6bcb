package org.museumevents.registration.registration;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/** The answer to a registration: the token is shown once and opens the registration later. */
record Registered(
        UUID id,
        UUID eventId,
        @Schema(allowableValues = {"CONFIRMED", "WAITLISTED", "PENDING"}) String status,
        @Schema(description = "1 for the first on the waiting list; null when not waitlisted") Integer waitlistPosition,
        @Schema(description = "shown once: opens the registration with `?token=`") String token) {}
