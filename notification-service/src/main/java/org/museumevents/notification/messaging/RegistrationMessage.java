package org.museumevents.notification.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;
import org.museumevents.notification.email.EmailKind;
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

    /** The email this outcome calls for; none for a cancellation caused by the event's (that one is EVENT_CANCELLED). */
    EmailKind kind() {
        return switch (type) {
            case "RegistrationConfirmed" -> EmailKind.CONFIRMATION;
            case "RegistrationWaitlisted" -> EmailKind.WAITLISTED;
            case "RegistrationPending" -> EmailKind.PENDING;
            case "RegistrationPromoted" -> EmailKind.PROMOTED;
            case "RegistrationRejected" -> EmailKind.REJECTED;
            case "RegistrationCancelled" -> byEventCancellation() ? null : EmailKind.CANCELLED;
            default -> null;
        };
    }

    boolean known() {
        return type != null && type.startsWith("Registration") && (kind() != null || byEventCancellation());
    }

    boolean byEventCancellation() {
        return "RegistrationCancelled".equals(type) && "EVENT_CANCELLED".equals(cancelledBy);
    }

    /** The status after this message; the type decides when the body leaves it out. */
    RegistrationStatus newStatus() {
        if (status != null) {
            return status;
        }
        return switch (type) {
            case "RegistrationConfirmed", "RegistrationPromoted" -> RegistrationStatus.CONFIRMED;
            case "RegistrationWaitlisted" -> RegistrationStatus.WAITLISTED;
            case "RegistrationPending" -> RegistrationStatus.PENDING;
            case "RegistrationRejected" -> RegistrationStatus.REJECTED;
            default -> RegistrationStatus.CANCELLED;
        };
    }

    Registrant registrant() {
        return new Registrant(
                registrationId,
                eventId,
                newStatus(),
                name,
                email,
                organisation,
                language,
                timeZone,
                manageUrl,
                newStatus() == RegistrationStatus.WAITLISTED ? waitlistPosition : null);
    }
}
