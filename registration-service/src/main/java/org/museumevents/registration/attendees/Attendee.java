package org.museumevents.registration.attendees;

import java.time.Instant;
import java.util.UUID;

/** One line of the attendee list. */
record Attendee(
        UUID id,
        String status,
        Integer waitlistPosition,
        String name,
        String email,
        String organisation,
        String language,
        String timeZone,
        String interpretationLanguage,
        String cancelledBy,
        Instant registeredAt) {}
