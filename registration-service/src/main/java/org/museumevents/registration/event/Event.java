package org.museumevents.registration.event;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** An event with its place counters, as read from the database. */
public record Event(
        UUID id,
        String organisation,
        String status,
        Integer capacity,
        boolean requiresApproval,
        boolean waitlistEnabled,
        Instant opensAt,
        Instant closesAt,
        Instant startsAt,
        Instant endsAt,
        long version,
        int taken,
        int waitlisted) {

    /**
     * The registration window, and the one place it is decided: why nobody may register at {@code
     * now}, if so. Registering applies it to one {@link #version()} of the event and takes the place
     * only if the event still has that version (see {@code RegisterStatement}); the availability
     * shows it. Whether a place is left is not decided here but by the place-taking statement.
     *
     * @param now the instant of the request
     * @return the first refusal that applies, in this order: cancelled, started, not open yet,
     *     closed; empty when the event takes registrations at {@code now}
     */
    public Optional<Refusal> refusalAt(Instant now) {
        if ("CANCELLED".equals(status)) {
            return Optional.of(Refusal.EVENT_CANCELLED);
        }
        if (!now.isBefore(startsAt)) {
            return Optional.of(Refusal.EVENT_PAST);
        }
        if (opensAt != null && now.isBefore(opensAt)) {
            return Optional.of(Refusal.REGISTRATION_NOT_OPEN);
        }
        if (closesAt != null && !now.isBefore(closesAt)) {
            return Optional.of(Refusal.REGISTRATION_CLOSED);
        }
        return Optional.empty();
    }

    public boolean isVisible() {
        return "PUBLISHED".equals(status) || "CANCELLED".equals(status);
    }

    public boolean isCancelled() {
        return "CANCELLED".equals(status);
    }

    public boolean hasStarted(Instant now) {
        return !now.isBefore(startsAt);
    }

    /** Places a waiting registrant could take now; {@link Integer#MAX_VALUE} when unlimited. */
    public int freePlaces() {
        return capacity == null ? Integer.MAX_VALUE : Math.max(0, capacity - taken);
    }
}
