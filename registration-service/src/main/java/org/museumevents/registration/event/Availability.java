package org.museumevents.registration.event;

import java.util.UUID;

/**
 * What anyone may know about an event's places before registering: counts only, never who.
 *
 * @param capacity null when unlimited
 * @param placesLeft null when unlimited
 * @param waitlist whether a full event still takes registrations onto its waiting list
 * @param waitlisted how many wait
 * @param open whether a registration made now would be accepted (as confirmed, waiting or pending)
 * @param reason why not, when not: {@code event-cancelled}, {@code event-past},
 *     {@code registration-not-open}, {@code registration-closed} or {@code event-full}
 */
public record Availability(
        UUID eventId,
        Integer capacity,
        Integer placesLeft,
        boolean waitlist,
        int waitlisted,
        boolean requiresApproval,
        boolean open,
        String reason) {

    static Availability of(Event event, java.time.Instant now) {
        Integer left = event.capacity() == null ? null : event.freePlaces();
        Refusal refusal = event.refusalAt(now)
                .orElse(left != null && left == 0 && !event.waitlistEnabled() ? Refusal.EVENT_FULL : null);
        String reason = refusal == null ? null : refusal.reason();
        return new Availability(
                event.id(),
                event.capacity(),
                left,
                event.waitlistEnabled(),
                event.waitlisted(),
                event.requiresApproval(),
                reason == null,
                reason);
    }
}
