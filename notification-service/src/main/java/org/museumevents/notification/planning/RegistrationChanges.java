package org.museumevents.notification.planning;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
 * ({@link RegistrationOutcome#email}) and re-plans the event's reminders. The event need not be
 * known yet: the email waits for it.
 */
@Component
public class RegistrationChanges {

    private static final List<EmailKind> FOR_CONFIRMED =
            List.of(EmailKind.CONFIRMATION, EmailKind.PROMOTED, EmailKind.REMINDER, EmailKind.EVENT_UPDATED);

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
     * records the message as processed).
     *
     * @param outcome the announcement, with a complete registrant (ids and email)
     * @throws org.springframework.transaction.IllegalTransactionStateException outside a transaction
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void apply(RegistrationOutcome outcome) {
        Instant now = clock.instant();
        Registrant registrant = outcome.registrant();
        locks.lock(registrant.eventId());
        Optional<Registrant> before = registrants.find(registrant.registrationId());
        registrants.save(registrant, now);
        if (outcome.withdrawsConfirmedOnlyEmails()) {
            // A confirmation still waiting (for its event, or for SMTP) is no longer true: not sent late.
            notifications.dropUnsent(registrant.eventId(), registrant.registrationId(), FOR_CONFIRMED);
        }
        boolean eventCancelled =
                events.find(registrant.eventId()).map(EventSnapshot::cancelled).orElse(false);
        outcome.email(before, eventCancelled, now).ifPresent(email -> notifications.schedule(email, now));
        reminders.plan(registrant.eventId(), now);
    }
}
