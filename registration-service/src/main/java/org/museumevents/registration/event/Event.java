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

    /** Why nobody may register at {@code now}, if so. A full event is decided by the counter itself. */
    public Optional<String> refusalAt(Instant now) {
        if ("CANCELLED".equals(status)) {
            return Optional.of("event-cancelled");
        }
        if (!now.isBefore(startsAt)) {
            return Optional.of("event-past");
        }
        if (opensAt != null && now.isBefore(opensAt)) {
            return Optional.of("registration-not-open");
        }
        if (closesAt != null && !now.isBefore(closesAt)) {
            return Optional.of("registration-closed");
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
