package org.museumevents.registration.event;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What anyone may know about an event's places before registering: counts only, never who.
 *
 * <p>The counts never contradict the event's state: an event that takes no registration now, and
 * will not later (cancelled, started or ended, registration closed), has no places left and no
 * waiting list to join, whatever its capacity; one whose registration is not open yet shows the
 * places it will open with.
 *
 * @param capacity the catalog's capacity; null when unlimited
 * @param placesLeft places a registration could still take; 0 when the event takes no registration
 *     now nor later; null when unlimited
 * @param waitlist whether a full event still takes registrations onto its waiting list (false when
 *     it takes no registration now nor later)
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

    /**
     * The availability of {@code event} at {@code now}.
     *
     * @param now the instant of the request, from the service's clock
     */
    static Availability of(Event event, Instant now) {
        Optional<Refusal> window = event.refusalAt(now);
        // Only "not open yet" will change by itself; every other refusal is final for this version.
        boolean never = window.isPresent() && window.get() != Refusal.REGISTRATION_NOT_OPEN;
        Integer left = never ? Integer.valueOf(0) : event.capacity() == null ? null : event.freePlaces();
        boolean waitlist = !never && event.waitlistEnabled();
        Refusal refusal = window.orElse(left != null && left == 0 && !waitlist ? Refusal.EVENT_FULL : null);
        String reason = refusal == null ? null : refusal.reason();
        return new Availability(
                event.id(),
                event.capacity(),
                left,
                waitlist,
                event.waitlisted(),
                event.requiresApproval(),
                reason == null,
                reason);
    }
}
