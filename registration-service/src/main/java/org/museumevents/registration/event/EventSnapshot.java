package org.museumevents.registration.event;

import java.time.Instant;
import java.util.UUID;

/** An event as the catalog last described it, reduced to what registration needs. */
public record EventSnapshot(
        UUID id,
        String organisation,
        String status,
        Integer capacity,
        boolean requiresApproval,
        boolean waitlist,
        Instant opensAt,
        Instant closesAt,
        Instant startsAt,
        Instant endsAt,
        long version) {}
