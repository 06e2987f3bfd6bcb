package org.museumevents.gateway.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A registration as its registrant (with the token) or its event's organisers see it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Registration(
        UUID id,
        UUID eventId,
        String status,
        Integer waitlistPosition,
        String name,
        String email,
        String organisation,
        String language,
        String timeZone,
        String interpretationLanguage,
        String cancelledBy,
        Instant registeredAt) {

    private static final Set<String> ACTIVE = Set.of("CONFIRMED", "WAITLISTED", "PENDING");

    public boolean isActive() {
        return status != null && ACTIVE.contains(status);
    }

    public boolean isPending() {
        return "PENDING".equals(status);
    }
}
