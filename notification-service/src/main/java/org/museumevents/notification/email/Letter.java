package org.museumevents.notification.email;

import java.util.UUID;
import org.museumevents.notification.event.EventSnapshot;
import org.museumevents.notification.registrant.Registrant;

/**
 * One email to write and send.
 *
 * @param notificationId gives the stable Message-ID, so a resent email is recognisably the same
 * @param joinDetails whether the join link, meeting ID and passcode may appear
 * @param calendar whether to attach the iCalendar entry
 * @param message for a {@link EmailKind#MESSAGE}, the organiser's subject and body; null otherwise
 */
public record Letter(
        UUID notificationId,
        EmailKind kind,
        EventSnapshot event,
        Registrant registrant,
        String recipient,
        boolean joinDetails,
        boolean calendar,
        Integer waitlistPosition,
        MessageText message) {

    /** A letter of the service's own kinds, which carry no organiser's text. */
    public Letter(
            UUID notificationId,
            EmailKind kind,
            EventSnapshot event,
            Registrant registrant,
            String recipient,
            boolean joinDetails,
            boolean calendar,
            Integer waitlistPosition) {
        this(notificationId, kind, event, registrant, recipient, joinDetails, calendar, waitlistPosition, null);
    }

    /**
     * Whether the email may still offer what comes with a place (see or cancel the registration,
     * join later, interpretation): the registration is active, this email does not end it, and the
     * event is not cancelled (issue 12: no email contradicts itself).
     */
    public boolean mayAttend() {
        return registrant.active() && !kind.endsRegistration() && !event.cancelled();
    }
}
