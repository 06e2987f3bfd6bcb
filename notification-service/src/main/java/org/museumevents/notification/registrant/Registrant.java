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

    /** Whether an email can reach them: false once their personal data is erased. */
    public boolean reachable() {
        return email != null && !email.isBlank();
    }

    /**
     * This announcement completed with what was known of the registration {@code before}: an
     * erased registrant stays erased (their personal fields null, whatever the announcement says);
     * otherwise the fields the announcement leaves out keep their known values.
     */
    public Registrant withPersonalDataOf(Registrant before) {
        if (!before.reachable()) {
            return new Registrant(
                    registrationId,
                    eventId,
                    status,
                    null,
                    null,
                    null,
                    language != null ? language : before.language,
                    null,
                    null,
                    waitlistPosition);
        }
        return new Registrant(
                registrationId,
                eventId,
                status,
                name != null ? name : before.name,
                reachable() ? email : before.email,
                organisation != null ? organisation : before.organisation,
                language != null ? language : before.language,
                timeZone != null ? timeZone : before.timeZone,
                manageUrl != null ? manageUrl : before.manageUrl,
                waitlistPosition);
    }
}
