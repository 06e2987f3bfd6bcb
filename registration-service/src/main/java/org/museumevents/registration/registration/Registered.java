package org.museumevents.registration.registration;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/**
 * The answer to a registration: the token is shown once and opens the registration later. A replay
 * of the same {@code Idempotency-Key} answers the same id, status and position without a token.
 */
record Registered(
        UUID id,
        UUID eventId,
        @Schema(allowableValues = {"CONFIRMED", "WAITLISTED", "PENDING"}) String status,
        @Schema(description = "1 for the first on the waiting list; null when not waitlisted") Integer waitlistPosition,
        @Schema(
                        description = "shown once: opens the registration with `?token=`; absent from the"
                                + " answer to a replayed Idempotency-Key")
                @JsonInclude(JsonInclude.Include.NON_NULL)
                String token) {}
