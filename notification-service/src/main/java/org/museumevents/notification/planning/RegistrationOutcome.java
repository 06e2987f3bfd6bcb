package org.museumevents.notification.planning;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.museumevents.notification.delivery.NewNotification;
import org.museumevents.notification.email.EmailKind;
import org.museumevents.notification.registrant.Registrant;
import org.museumevents.notification.registrant.RegistrationStatus;

/**
 * What registration-service announced about one registration, as planning reads it, and the
 * email that the announcement calls for.
 *
 * @param outcome which announcement it is
 * @param registrant the registration as it stands after the announcement
 * @param previousStatus its status before, when the announcement says (null otherwise)
 * @param byEventCancellation a cancellation caused by the event's own: that one is told as
 *     {@code EVENT_CANCELLED}, once per registration, whichever topic tells first
 */
public record RegistrationOutcome(
        Outcome outcome, Registrant registrant, RegistrationStatus previousStatus, boolean byEventCancellation) {

    private static final Set<RegistrationStatus> ACTIVE =
            Set.of(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED, RegistrationStatus.PENDING);

    /**
     * The announcements of {@code registration.events}, e.g. {@code RegistrationPromoted}; the last
     * four are issue 17's reconfirmation (docs/api.md).
     */
    public enum Outcome {
        CONFIRMED(EmailKind.CONFIRMATION, RegistrationStatus.CONFIRMED),
        WAITLISTED(EmailKind.WAITLISTED, RegistrationStatus.WAITLISTED),
        PENDING(EmailKind.PENDING, RegistrationStatus.PENDING),
        PROMOTED(EmailKind.PROMOTED, RegistrationStatus.CONFIRMED),
        REJECTED(EmailKind.REJECTED, RegistrationStatus.REJECTED),
        CANCELLED(EmailKind.CANCELLED, RegistrationStatus.CANCELLED),
        /** Issue 17: "are you still coming?". */
        RECONFIRMATION_REQUESTED(EmailKind.RECONFIRMATION_REQUESTED, RegistrationStatus.CONFIRMED),
        /** Issue 17: the same, once more, half-way to the deadline. */
        RECONFIRMATION_REMINDED(EmailKind.RECONFIRMATION_REMINDED, RegistrationStatus.CONFIRMED),
        /** Issue 17: the registrant said "I come": no email. */
        RECONFIRMED(null, RegistrationStatus.CONFIRMED),
        /** Issue 17: released for not reconfirming; the place went to the waiting list. */
        RELEASED(EmailKind.RELEASED, RegistrationStatus.RELEASED);

        private final EmailKind email;
        private final RegistrationStatus status;

        Outcome(EmailKind email, RegistrationStatus status) {
            this.email = email;
            this.status = status;
        }

        /**
         * The registration's status after this announcement, for a message that leaves it out: a
         * promotion confirms.
         */
        public RegistrationStatus status() {
            return status;
        }
    }

    /**
     * Whether the announcement changes nothing but the reconfirmation's progress (issue 17: asked,
     * reminded, reconfirmed): the registration stays confirmed, its reminders stand as planned.
     */
    boolean keepsReminders() {
        return outcome == Outcome.RECONFIRMATION_REQUESTED
                || outcome == Outcome.RECONFIRMATION_REMINDED
                || outcome == Outcome.RECONFIRMED;
    }

    /** Whether the registrant answered "I come" (issue 17): questions still waiting are moot. */
    boolean reconfirms() {
        return outcome == Outcome.RECONFIRMED;
    }

    /** The same announcement about {@code completed}, the registration as it now stands. */
    RegistrationOutcome with(Registrant completed) {
        return new RegistrationOutcome(outcome, completed, previousStatus, byEventCancellation);
    }

    /**
     * A cancellation by the registrant or an organiser (not by the event's own cancellation, which
     * is told as {@code EVENT_CANCELLED} to everyone who registered): it is told only to someone who
     * may have read something about the registration.
     */
    boolean cancelsByItself() {
        return outcome == Outcome.CANCELLED && !byEventCancellation;
    }

    /**
     * Whether this announcement's email takes the event out of the registrant's calendar where an
     * entry may have arrived: a cancellation by itself, or a release (issue 17).
     */
    boolean withdrawsCalendarEntry() {
        return cancelsByItself() || outcome == Outcome.RELEASED;
    }

    /**
     * Emails that only a confirmed registrant may still receive (join details, reminders, updates):
     * when the registration is no longer confirmed, those still waiting are no longer true.
     */
    boolean withdrawsConfirmedOnlyEmails() {
        return !registrant.confirmed();
    }

    /**
     * The email this announcement calls for, if any.
     *
     * @param before the registration as known before this announcement
     * @param eventCancelled whether the event is known to be cancelled
     * @param now when the email may go out
     * @return an {@code EVENT_CANCELLED} for a cancellation by the event, or for an active
     *     registrant of a cancelled event (none if the registration was never active); otherwise the
     *     outcome's own email (none for {@code RegistrationReconfirmed}). A cancellation withdraws the
     *     calendar entry only where there was one.
     */
    Optional<NewNotification> email(Optional<Registrant> before, boolean eventCancelled, Instant now) {
        if (outcome.email == null) {
            // RegistrationReconfirmed: the registrant just answered, on the page; nothing to tell.
            return Optional.empty();
        }
        boolean wasConfirmed = previousStatus == RegistrationStatus.CONFIRMED
                || before.map(Registrant::confirmed).orElse(false);
        boolean wasActive = (previousStatus != null && ACTIVE.contains(previousStatus))
                || before.map(Registrant::active).orElse(false);
        if (byEventCancellation || (eventCancelled && registrant.active())) {
            if (!wasActive && !registrant.active()) {
                return Optional.empty();
            }
            return Optional.of(NewNotification.about(registrant, EmailKind.EVENT_CANCELLED, now)
                    .withCalendar(wasConfirmed || registrant.confirmed()));
        }
        NewNotification email = NewNotification.about(registrant, outcome.email, now);
        if (outcome == Outcome.CANCELLED) {
            email = email.withCalendar(wasConfirmed);
        }
        return Optional.of(email);
    }
}
