package org.museumevents.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.museumevents.notification.email.EmailKind;
import org.museumevents.notification.registrant.Registrant;
import org.museumevents.starter.input.EmailAddresses;

/**
 * An email to send to a registrant from {@code scheduledFor} on.
 *
 * @param joinDetails whether the email may carry the join link, meeting ID and passcode
 * @param calendar whether it carries the iCalendar entry
 * @param reminderOffset for a reminder, how long before the start it is due
 */
public record NewNotification(
        UUID eventId,
        UUID registrationId,
        String recipient,
        EmailKind kind,
        Instant scheduledFor,
        boolean joinDetails,
        boolean calendar,
        Integer waitlistPosition,
        Duration reminderOffset) {

    public static NewNotification about(Registrant registrant, EmailKind kind, Instant at) {
        boolean confirmed = registrant.confirmed();
        boolean join = kind.carriesJoinDetails() || (kind == EmailKind.EVENT_UPDATED && confirmed);
        boolean calendar = join || (kind == EmailKind.EVENT_CANCELLED && confirmed);
        return new NewNotification(
                registrant.eventId(),
                registrant.registrationId(),
                deliverable(registrant.email()),
                kind,
                at,
                join,
                calendar,
                kind == EmailKind.WAITLISTED ? registrant.waitlistPosition() : null,
                null);
    }

    /**
     * An organiser's message to a registrant (issue 15), due at {@code at}: with the join details
     * while they are confirmed (the dispatcher checks it again when it writes the email), never the
     * calendar entry.
     */
    public static NewNotification message(Registrant registrant, Instant at) {
        return new NewNotification(
                registrant.eventId(),
                registrant.registrationId(),
                deliverable(registrant.email()),
                EmailKind.MESSAGE,
                at,
                registrant.confirmed(),
                false,
                null,
                null);
    }

    /**
     * An event's follow-up to a confirmed registrant (issue 15), due at {@code at} (the event's end
     * plus the follow-up's delay): never the join details nor the calendar entry.
     */
    public static NewNotification followUp(Registrant registrant, Instant at) {
        return new NewNotification(
                registrant.eventId(),
                registrant.registrationId(),
                deliverable(registrant.email()),
                EmailKind.FOLLOW_UP,
                at,
                false,
                false,
                null,
                null);
    }

    public static NewNotification reminder(Registrant registrant, Duration offset, Instant due) {
        return new NewNotification(
                registrant.eventId(),
                registrant.registrationId(),
                deliverable(registrant.email()),
                EmailKind.REMINDER,
                due,
                true,
                true,
                null,
                offset);
    }

    /**
     * The address in its deliverable form (an internationalised domain in ASCII), so that the
     * per-recipient limit counts one address once whichever form it came in; as given when it
     * cannot be delivered to, for the dispatcher to refuse.
     */
    private static String deliverable(String email) {
        return EmailAddresses.deliverable(email).orElse(email);
    }

    /** The same, with the calendar entry (or not): a cancellation withdraws an entry only where there is one. */
    public NewNotification withCalendar(boolean withCalendar) {
        return new NewNotification(
                eventId,
                registrationId,
                recipient,
                kind,
                scheduledFor,
                joinDetails,
                withCalendar,
                waitlistPosition,
                reminderOffset);
    }
}
