package org.museumevents.registration.attendees;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One line of the attendee list. {@code answers}: the answers to the event's questions by question
 * id, as stored (also those to questions the event no longer asks); empty when none, or erased.
 * Issue 16: {@code checkInCode} while CONFIRMED for an event that is not online (else null, and null
 * once erased); {@code checkedInAt} when first checked in at the door (UTC), null when not; {@code
 * attended} whether checked in.
 * Issue 17: {@code subscriptionId}, the series subscription that made the registration, else null;
 * {@code reconfirmedAt} when the registrant said "I come" (UTC), null when never; status RELEASED:
 * released for silence at the reconfirmation deadline.
 */
record Attendee(
        UUID id,
        @Schema(allowableValues = {"CONFIRMED", "WAITLISTED", "PENDING", "REJECTED", "CANCELLED", "RELEASED"})
                String status,
        Integer waitlistPosition,
        String name,
        String email,
        String organisation,
        String language,
        String timeZone,
        String interpretationLanguage,
        Map<String, Object> answers,
        String cancelledBy,
        Instant registeredAt,
        String checkInCode,
        Instant checkedInAt,
        boolean attended,
        UUID subscriptionId,
        Instant reconfirmedAt) {}
