package org.museumevents.notification.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.museumevents.notification.delivery.NewNotification;
import org.museumevents.notification.delivery.NotificationRepository;
import org.museumevents.notification.email.EmailKind;
import org.museumevents.notification.event.EventSnapshot;
import org.museumevents.notification.event.KnownEventRepository;
import org.museumevents.notification.registrant.Registrant;
import org.museumevents.notification.registrant.RegistrantRepository;
import org.museumevents.notification.registrant.RegistrationStatus;
import org.museumevents.notification.reminder.ReminderPlanner;
import org.museumevents.starter.messaging.ProcessedMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies a registration outcome: records the registrant, schedules the email it calls for and
 * re-plans the registrant's reminders. The event need not be known yet: the email waits for it.
 */
@Component
class RegistrationEventsHandler {

    private static final Logger log = LoggerFactory.getLogger(RegistrationEventsHandler.class);
    private static final Set<RegistrationStatus> ACTIVE =
            Set.of(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED, RegistrationStatus.PENDING);
    private static final List<EmailKind> FOR_CONFIRMED =
            List.of(EmailKind.CONFIRMATION, EmailKind.PROMOTED, EmailKind.REMINDER, EmailKind.EVENT_UPDATED);

    private final EventLocks locks;
    private final ProcessedMessages processed;
    private final KnownEventRepository events;
    private final RegistrantRepository registrants;
    private final NotificationRepository notifications;
    private final ReminderPlanner reminders;
    private final Clock clock;

    RegistrationEventsHandler(
            EventLocks locks,
            ProcessedMessages processed,
            KnownEventRepository events,
            RegistrantRepository registrants,
            NotificationRepository notifications,
            ReminderPlanner reminders,
            Clock clock) {
        this.locks = locks;
        this.processed = processed;
        this.events = events;
        this.registrants = registrants;
        this.notifications = notifications;
        this.reminders = reminders;
        this.clock = clock;
    }

    @Transactional
    public void handle(RegistrationMessage message) {
        Instant now = clock.instant();
        locks.lock(message.eventId());
        if (!processed.firstTime(message.id(), "registration.events", message.type())) {
            log.debug("Message {} already processed", message.id());
            return;
        }
        Optional<Registrant> before = registrants.find(message.registrationId());
        Registrant registrant = message.registrant();
        registrants.save(registrant, now);
        boolean wasConfirmed = message.previousStatus() == RegistrationStatus.CONFIRMED
                || before.map(Registrant::confirmed).orElse(false);
        boolean wasActive = (message.previousStatus() != null && ACTIVE.contains(message.previousStatus()))
                || before.map(Registrant::active).orElse(false);
        if (!registrant.confirmed()) {
            // A confirmation still waiting (for its event, or for SMTP) is no longer true: not sent late.
            notifications.dropUnsent(registrant.eventId(), registrant.registrationId(), FOR_CONFIRMED);
        }
        boolean eventCancelled =
                events.find(message.eventId()).map(EventSnapshot::cancelled).orElse(false);
        if (message.byEventCancellation() || (eventCancelled && registrant.active())) {
            // One EVENT_CANCELLED per registration (a unique index), whichever topic tells first.
            if (wasActive || registrant.active()) {
                notifications.schedule(
                        NewNotification.about(registrant, EmailKind.EVENT_CANCELLED, now)
                                .withCalendar(wasConfirmed || registrant.confirmed()),
                        now);
            }
        } else {
            EmailKind kind = message.kind();
            NewNotification notification = NewNotification.about(registrant, kind, now);
            if (kind == EmailKind.CANCELLED) {
                notification = notification.withCalendar(wasConfirmed);
            }
            notifications.schedule(notification, now);
        }
        reminders.plan(message.eventId(), now);
        log.info("Applied {} {} of registration {}", message.type(), message.id(), message.registrationId());
    }
}
