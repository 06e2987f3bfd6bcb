package org.museumevents.gateway.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.Serializable;
import java.util.UUID;

/** The answer to a registration; the token opens the registration's own page later. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Registered(UUID id, UUID eventId, String status, Integer waitlistPosition, String token)
        implements Serializable {

    /** Whether the registration still holds or awaits a place, so that managing or cancelling it applies. */
    public boolean isActive() {
        return "CONFIRMED".equals(status) || "WAITLISTED".equals(status) || "PENDING".equals(status);
    }
}
