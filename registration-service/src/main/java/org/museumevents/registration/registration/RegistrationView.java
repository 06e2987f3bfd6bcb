package org.museumevents.registration.registration;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A registration as its registrant (with the token) or its event's organiser sees it; {@code
 * answers} are the answers to the event's questions by question id, as accepted ({@link Answers}),
 * and empty once the personal data is erased. {@code checkInCode} (issue 16): only on the
 * registrant's own view, while CONFIRMED, for an event that is not online; null otherwise.
 * {@code checkedInAt}: when first checked in at the door (UTC), null when not.
 * {@code subscriptionId} (issue 17): the series subscription that made the registration, else null.
 * {@code reconfirmedAt} (issue 17): when the registrant last said "I come" (UTC), null when never;
 * status RELEASED: the place was released for silence at the reconfirmation deadline.
 */
record RegistrationView(
        UUID id,
        UUID eventId,
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
        UUID subscriptionId,
        Instant reconfirmedAt) {

    /** This view with its check-in code (null: not shown) and check-in time (null: not checked in). */
    RegistrationView withCheckIn(String code, Instant at) {
        return new RegistrationView(
                id,
                eventId,
                status,
                waitlistPosition,
                name,
                email,
                organisation,
                language,
                timeZone,
                interpretationLanguage,
                answers,
                cancelledBy,
                registeredAt,
                code,
                at,
                subscriptionId,
                reconfirmedAt);
    }

    /** Issue 17: this view with when the registrant said they come (UTC), null when never. */
    RegistrationView withReconfirmedAt(Instant at) {
        return new RegistrationView(
                id,
                eventId,
                status,
                waitlistPosition,
                name,
                email,
                organisation,
                language,
                timeZone,
                interpretationLanguage,
                answers,
                cancelledBy,
                registeredAt,
                checkInCode,
                checkedInAt,
                subscriptionId,
                at);
    }

    static RegistrationView of(Registration r, Integer waitlistPosition) {
        return new RegistrationView(
                r.id(),
                r.eventId(),
                r.status().name(),
                waitlistPosition,
                r.name(),
                r.email(),
                r.organisation(),
                r.language(),
                r.timeZone(),
                r.interpretationLanguage(),
                r.answers(),
                r.cancelledBy() == null ? null : r.cancelledBy().name(),
                r.createdAt(),
                null,
                null,
                r.subscriptionId(),
                null);
    }
}
