package org.museumevents.notification.registrant;

import java.util.UUID;

/**
 * Someone registered for an event, with what the emails need: where to write, in which language
 * and time zone, and the link to manage the registration.
 */
public record Registrant(
        UUID registrationId,
        UUID eventId,
        RegistrationStatus status,
        String name,
        String email,
        String organisation,
        String language,
        String timeZone,
        String manageUrl,
        Integer waitlistPosition) {

    /** Still expecting to attend or waiting for a place: these hear about changes to the event. */
    public boolean active() {
        return status == RegistrationStatus.CONFIRMED
                || status == RegistrationStatus.WAITLISTED
                || status == RegistrationStatus.PENDING;
    }

    public boolean confirmed() {
        return status == RegistrationStatus.CONFIRMED;
    }
}
