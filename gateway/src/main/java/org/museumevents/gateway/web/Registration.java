package org.museumevents.gateway.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A registration as its registrant (with the token) or its event's organisers see it, with its answers. */
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
        Instant registeredAt,
        Map<String, Object> answers) {

    /**
     * {@code answers} by question id as registration-service keeps them (a string, a list of choice
     * ids or a boolean, docs/api.md); empty when there are none.
     */
    public Registration {
        answers = answers == null ? Map.of() : answers;
    }

    private static final Set<String> ACTIVE = Set.of("CONFIRMED", "WAITLISTED", "PENDING");

    public boolean isActive() {
        return status != null && ACTIVE.contains(status);
    }

    public boolean isPending() {
        return "PENDING".equals(status);
    }
}
