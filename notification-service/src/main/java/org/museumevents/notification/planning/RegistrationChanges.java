package org.museumevents.notification.planning;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.museumevents.notification.delivery.NotificationRepository;
import org.museumevents.notification.email.EmailKind;
import org.museumevents.notification.event.EventSnapshot;
import org.museumevents.notification.event.KnownEventRepository;
import org.museumevents.notification.registrant.Registrant;
import org.museumevents.notification.registrant.RegistrantRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies a registration outcome: records the registrant, schedules the email it calls for
 * ({@link RegistrationOutcome#email}) and re-plans that registration's reminders (only its own: the
 * cost of a message does not grow with the event's registrations). The event need not be known
 * yet: the email waits for it, and the reminders are planned when the catalog announces it.
 *
 * <p>Rules about time are judged at the time the outcome happened ({@code occurredAt}), not when
 * the message is processed (issue 13); the emails it calls for are scheduled from the processing
 * clock, which also stamps the rows ({@code created_at}, {@code updated_at}).
 *
 * <p>A registration cancelled (by the registrant or an organiser) before any email about it was
 * sent or taken on its way gets neither: its pending emails are withdrawn and no cancellation is
 * sent (the lead's decision, issue 12). The confirmation would hand a person no longer registered
 * the join link and passcode, and a lone cancellation contradicts itself. Once an email about it
 * was sent or is in flight, the cancellation is sent, after it. With several instances this holds
 * because the registration's rows are locked while deciding ({@link NotificationRepository#toldAbout}).
 */
@Component
public class RegistrationChanges {

    private static final List<EmailKind> FOR_CONFIRMED = List.of(
            EmailKind.CONFIRMATION,
            EmailKind.PROMOTED,
            EmailKind.REMINDER,
            EmailKind.EVENT_UPDATED,
            EmailKind.RECONFIRMATION_REQUESTED,
            EmailKind.RECONFIRMATION_REMINDED);

    /** Issue 17: the questions a "yes, I come" answers. */
    private static final List<EmailKind> RECONFIRMATION_QUESTIONS =
            List.of(EmailKind.RECONFIRMATION_REQUESTED, EmailKind.RECONFIRMATION_REMINDED);

    private final EventLocks locks;
    private final KnownEventRepository events;
    private final RegistrantRepository registrants;
    private final NotificationRepository notifications;
    private final ReminderPlanner reminders;
    private final Clock clock;

    RegistrationChanges(
            EventLocks locks,
            KnownEventRepository events,
            RegistrantRepository registrants,
            NotificationRepository notifications,
            ReminderPlanner reminders,
            Clock clock) {
        this.locks = locks;
        this.events = events;
        this.registrants = registrants;
        this.notifications = notifications;
        this.reminders = reminders;
        this.clock = clock;
    }

    /**
     * Applies one outcome, under its event's lock, in the caller's transaction (the one that
     * records the message as processed). An announcement without the email (one after the
     * registrant's personal data was erased) is completed with what is known of the registration;
     * no email goes to a registrant without an address, but the state change applies: a
     * cancellation drops their waiting emails and reminders.
     *
     * @param outcome the announcement, with the registration's and event's ids
     * @param occurredAt when it happened in registration-service (UTC instant)
     * @return false, with nothing applied, when the announcement lacks the email and the
     *     registration is unknown here: no announcement can complete it
     * @throws org.springframework.transaction.IllegalTransactionStateException outside a transaction
     */
    @Transactional(propagation = Propagation.MANDATORY)
    /**
     * Records a registration's attendance (issue 16): {@code RegistrationAttended} or {@code
     * RegistrationAttendanceUndone}. No email is written for it.
     *
     * @return false when the registration is unknown here (its announcement never came)
     */
    public boolean attendance(UUID registrationId, boolean attended) {
        return registrants.markAttended(registrationId, attended);
    }

    public boolean apply(RegistrationOutcome outcome, Instant occurredAt) {
        Instant now = clock.instant();
        Registrant announced = outcome.registrant();
        locks.lock(announced.eventId());
        Optional<Registrant> before = registrants.find(announced.registrationId());
        if (before.isEmpty() && !announced.reachable()) {
            return false;
        }
        Registrant registrant = before.map(announced::withPersonalDataOf).orElse(announced);
        registrants.save(registrant, occurredAt, now);
        RegistrationOutcome completed = outcome.with(registrant);
        if (completed.cancelsByItself()
                && !notifications.toldAbout(registrant.registrationId()).any()) {
            // Nothing about it reached them: the pending emails (the confirmation with its join
            // details among them) are withdrawn, and a lone cancellation would contradict itself.
            // Its reminders among them.
            notifications.withdrawUnsent(registrant.registrationId());
            return true;
        }
        if (completed.withdrawsConfirmedOnlyEmails()) {
            // A confirmation still waiting (for its event, or for SMTP) is no longer true: not sent late.
            notifications.dropUnsent(registrant.eventId(), registrant.registrationId(), FOR_CONFIRMED);
        }
        if (completed.reconfirms()) {
            // Answered on the page before the question (or its reminder) went out: not asked again.
            notifications.dropUnsent(registrant.eventId(), registrant.registrationId(), RECONFIRMATION_QUESTIONS);
        }
        Optional<EventSnapshot> event = events.find(registrant.eventId());
        boolean eventCancelled = event.map(EventSnapshot::cancelled).orElse(false);
        if (registrant.reachable()) {
            completed
                    .email(before, eventCancelled, now)
                    .map(email -> completed.withdrawsCalendarEntry()
                            // The entry is withdrawn only where one may have arrived.
                            ? email.withCalendar(notifications
                                    .toldAbout(registrant.registrationId())
                                    .calendar())
                            : email)
                    .ifPresent(email -> notifications.schedule(email, now));
        }
        if (completed.keepsReminders() && before.isPresent()) {
            // Issue 17: still confirmed as before; re-planning would judge its reminders against
            // this message's time instead of its confirmation's.
            return true;
        }
        // A registration new here has no reminders yet: one round trip less per message of a burst.
        event.ifPresent(known -> reminders.planRegistration(known, registrant, before.isEmpty(), occurredAt, now));
        return true;
    }
}
