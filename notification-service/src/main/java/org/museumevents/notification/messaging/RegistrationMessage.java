package org.museumevents.notification.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.museumevents.notification.planning.RegistrationOutcome;
import org.museumevents.notification.planning.RegistrationOutcome.Outcome;
import org.museumevents.notification.registrant.Registrant;
import org.museumevents.notification.registrant.RegistrationStatus;

/** A registration outcome on {@code registration.events}, with the fields the emails need. */
@JsonIgnoreProperties(ignoreUnknown = true)
record RegistrationMessage(
        UUID id,
        String type,
        Instant occurredAt,
        UUID registrationId,
        UUID eventId,
        RegistrationStatus status,
        RegistrationStatus previousStatus,
        Integer waitlistPosition,
        String name,
        String email,
        String organisation,
        String language,
        String timeZone,
        String manageUrl,
        String cancelledBy) {

    private static final Map<String, Outcome> OUTCOMES = Map.of(
            "RegistrationConfirmed", Outcome.CONFIRMED,
            "RegistrationWaitlisted", Outcome.WAITLISTED,
            "RegistrationPending", Outcome.PENDING,
            "RegistrationPromoted", Outcome.PROMOTED,
            "RegistrationRejected", Outcome.REJECTED,
            "RegistrationCancelled", Outcome.CANCELLED);

    /** One of the types this service reads; others are skipped, so the producer may add some. */
    boolean known() {
        return type != null && OUTCOMES.containsKey(type);
    }

    /** The announcement, for planning; only for a {@link #known()} type. */
    RegistrationOutcome outcome() {
        Outcome outcome = OUTCOMES.get(type);
        boolean byEventCancellation = outcome == Outcome.CANCELLED && "EVENT_CANCELLED".equals(cancelledBy);
        return new RegistrationOutcome(outcome, registrant(), previousStatus, byEventCancellation);
    }

    private Registrant registrant() {
        // The type decides the status when the body leaves it out.
        RegistrationStatus newStatus =
                status != null ? status : OUTCOMES.get(type).status();
        return new Registrant(
                registrationId,
                eventId,
                newStatus,
                name,
                email,
                organisation,
                language,
                timeZone,
                manageUrl,
                newStatus == RegistrationStatus.WAITLISTED ? waitlistPosition : null);
    }
}
