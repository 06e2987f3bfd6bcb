package org.museumevents.gateway.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A registration as its registrant (with the token) or its event's organisers see it; {@code
 * answers} are its answers to the event's questions by question id (a string, a list of choice ids
 * or a boolean, docs/api.md), empty when none. Issue 16: {@code checkInCode} (22 base64url
 * characters; only while CONFIRMED for an event that is not online, else null), {@code checkedInAt}
 * (UTC, null when not checked in) and {@code attended}. Issue 17: {@code subscriptionId} (the series
 * subscription that made it, null when registered by hand) and {@code reconfirmedAt} (UTC, when the
 * registrant last said "I'm coming", null otherwise); status {@code RELEASED} for a place given back
 * to the waiting list after a reconfirmation went unanswered.
 */
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
        Map<String, Object> answers,
        String checkInCode,
        Instant checkedInAt,
        Boolean attended,
        UUID subscriptionId,
        Instant reconfirmedAt) {

    public Registration {
        answers = answers == null ? Map.of() : answers;
    }

    private static final Set<String> ACTIVE = Set.of("CONFIRMED", "WAITLISTED", "PENDING");

    public boolean isActive() {
        return status != null && ACTIVE.contains(status);
    }

    /** Whether attended: checked in, marked or imported (docs/api.md); a registrant's view has {@code checkedInAt} only. */
    public boolean isAttended() {
        return Boolean.TRUE.equals(attended) || checkedInAt != null;
    }

    public boolean isConfirmed() {
        return "CONFIRMED".equals(status);
    }

    /** Released after an unanswered reconfirmation (issue 17): the registrant may take a place back. */
    public boolean isReleased() {
        return "RELEASED".equals(status);
    }

    public boolean isPending() {
        return "PENDING".equals(status);
    }
}
