package org.museumevents.notification.planning;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.museumevents.notification.delivery.NotificationRepository;
import org.museumevents.notification.event.EventSnapshot;
import org.museumevents.notification.event.KnownEventRepository;
import org.museumevents.notification.registrant.RegistrantRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Brings an event's reminders in line with what is known now ({@link ReminderPlan} says how).
 * Runs in the caller's transaction, under the caller's per-event lock.
 */
@Component
class ReminderPlanner {

    private final KnownEventRepository events;
    private final RegistrantRepository registrants;
    private final NotificationRepository notifications;
    private final ReminderProperties properties;

    ReminderPlanner(
            KnownEventRepository events,
            RegistrantRepository registrants,
            NotificationRepository notifications,
            ReminderProperties properties) {
        this.events = events;
        this.registrants = registrants;
        this.notifications = notifications;
        this.properties = properties;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void plan(UUID eventId, Instant now) {
        Optional<EventSnapshot> known = events.find(eventId);
        if (known.isEmpty()) {
            return; // planned when the catalog announces the event
        }
        ReminderPlan plan = ReminderPlan.of(
                known.get(),
                registrants.ofEvent(eventId),
                notifications.remindersOf(eventId),
                now,
                properties.minLeadAfterPlanning());
        plan.dropped().forEach(notifications::dropReminder);
        plan.moved().forEach(notifications::moveReminder);
        plan.added().forEach(reminder -> notifications.schedule(reminder, now));
    }
}
