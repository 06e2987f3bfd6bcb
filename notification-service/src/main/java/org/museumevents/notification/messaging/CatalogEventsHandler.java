package org.museumevents.notification.messaging;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.museumevents.notification.delivery.NewNotification;
import org.museumevents.notification.delivery.NotificationRepository;
import org.museumevents.notification.email.EmailKind;
import org.museumevents.notification.event.EventSnapshot;
import org.museumevents.notification.event.KnownEventRepository;
import org.museumevents.notification.registrant.Registrant;
import org.museumevents.notification.registrant.RegistrantRepository;
import org.museumevents.notification.reminder.ReminderPlanner;
import org.museumevents.starter.messaging.ProcessedMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies a catalog message: keeps the latest version of the event, tells active registrants of a
 * practical change or a cancellation, and re-plans the reminders. An older version changes nothing.
 */
@Component
class CatalogEventsHandler {

    private static final Logger log = LoggerFactory.getLogger(CatalogEventsHandler.class);
    private static final List<EmailKind> OBSOLETE_WHEN_CANCELLED = List.of(
            EmailKind.CONFIRMATION,
            EmailKind.WAITLISTED,
            EmailKind.PENDING,
            EmailKind.PROMOTED,
            EmailKind.REMINDER,
            EmailKind.EVENT_UPDATED);

    private final EventLocks locks;
    private final ProcessedMessages processed;
    private final KnownEventRepository events;
    private final RegistrantRepository registrants;
    private final NotificationRepository notifications;
    private final ReminderPlanner reminders;
    private final Clock clock;

    CatalogEventsHandler(
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
    public void handle(CatalogMessage message) {
        Instant now = clock.instant();
        EventSnapshot incoming = message.event();
        locks.lock(incoming.id());
        if (!processed.firstTime(message.id(), "catalog.events", message.type())) {
            log.debug("Message {} already processed", message.id());
            return;
        }
        Optional<EventSnapshot> previous = events.find(incoming.id());
        if (!events.saveIfNewer(incoming, now)) {
            log.info(
                    "Ignored {} {} of event {}: version {} is not newer",
                    message.type(),
                    message.id(),
                    incoming.id(),
                    incoming.version());
            return;
        }
        List<Registrant> active = registrants.ofEvent(incoming.id()).stream()
                .filter(Registrant::active)
                .toList();
        if (message.cancellation()) {
            if (previous.isEmpty() || !previous.get().cancelled()) {
                notifications.dropUnsent(incoming.id(), null, OBSOLETE_WHEN_CANCELLED);
                active.forEach(registrant ->
                        notifications.schedule(NewNotification.about(registrant, EmailKind.EVENT_CANCELLED, now), now));
            }
        } else if (previous.isPresent() && incoming.practicalDetailsDifferFrom(previous.get())) {
            active.forEach(registrant ->
                    notifications.scheduleUpdate(NewNotification.about(registrant, EmailKind.EVENT_UPDATED, now), now));
        }
        reminders.plan(incoming.id(), now);
        log.info(
                "Applied {} {} of event {} (version {})",
                message.type(),
                message.id(),
                incoming.id(),
                incoming.version());
    }
}
