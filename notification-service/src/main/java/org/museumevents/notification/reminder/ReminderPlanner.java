package org.museumevents.notification.reminder;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.museumevents.notification.delivery.NewNotification;
import org.museumevents.notification.delivery.NotificationRepository;
import org.museumevents.notification.delivery.PlannedReminder;
import org.museumevents.notification.event.EventSnapshot;
import org.museumevents.notification.event.KnownEventRepository;
import org.museumevents.notification.registrant.Registrant;
import org.museumevents.notification.registrant.RegistrantRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Brings an event's reminders in line with what is known now: one per confirmed registrant and
 * offset, due at start minus offset. Unsent reminders move with the event and are dropped when
 * the registration or the event is cancelled or the offset removed; sent ones stay in the log.
 * Runs in the caller's transaction, under the caller's per-event lock.
 */
@Component
public class ReminderPlanner {

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
    public void plan(UUID eventId, Instant now) {
        Optional<EventSnapshot> known = events.find(eventId);
        if (known.isEmpty()) {
            return; // planned when the catalog announces the event
        }
        EventSnapshot event = known.get();
        Map<Key, Instant> wanted = new HashMap<>();
        Map<UUID, Registrant> confirmed = new HashMap<>();
        if (!event.cancelled()) {
            for (Registrant registrant : registrants.ofEvent(eventId)) {
                if (registrant.confirmed()) {
                    confirmed.put(registrant.registrationId(), registrant);
                    for (Duration offset : event.reminderOffsets()) {
                        wanted.put(
                                new Key(registrant.registrationId(), offset),
                                event.startsAt().minus(offset));
                    }
                }
            }
        }
        List<PlannedReminder> existing = notifications.remindersOf(eventId);
        Set<Key> settled = new HashSet<>();
        for (PlannedReminder sent : existing) {
            Key key = new Key(sent.registrationId(), sent.offset());
            if (!sent.unsent() && sent.due().equals(wanted.get(key))) {
                settled.add(key);
            }
        }
        for (PlannedReminder reminder : existing) {
            if (!reminder.unsent()) {
                continue;
            }
            Key key = new Key(reminder.registrationId(), reminder.offset());
            Instant due = wanted.get(key);
            if (due == null || settled.contains(key)) {
                notifications.dropReminder(reminder.id());
            } else if (due.equals(reminder.due())) {
                settled.add(key);
            } else if (worthPlanning(due, now)) {
                notifications.moveReminder(reminder.id(), due);
                settled.add(key);
            } else {
                notifications.dropReminder(reminder.id());
            }
        }
        wanted.forEach((key, due) -> {
            if (!settled.contains(key) && worthPlanning(due, now)) {
                notifications.schedule(
                        NewNotification.reminder(confirmed.get(key.registrationId()), key.offset(), due), now);
            }
        });
    }

    /** The stated policy: never a reminder already due, nor one right after the email that planned it. */
    boolean worthPlanning(Instant due, Instant now) {
        return due.isAfter(now.plus(properties.minLeadAfterPlanning()));
    }

    private record Key(UUID registrationId, Duration offset) {}
}
