package org.museumevents.notification.planning;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.museumevents.notification.delivery.NewNotification;
import org.museumevents.notification.delivery.PlannedReminder;
import org.museumevents.notification.event.EventSnapshot;
import org.museumevents.notification.registrant.Registrant;

/**
 * The steps that bring an event's reminders in line with what is known now: one per confirmed
 * registrant with an address (none once their personal data is erased) and offset, due at start
 * minus offset. Unsent reminders move with the event and are
 * dropped when the registration or the event is cancelled or the offset removed; sent ones stay.
 * A reminder is planned only if it falls due more than {@code minLeadAfterPlanning} from now
 * ({@link ReminderProperties}): never one already due, nor one right after the email that planned it.
 *
 * @param dropped the unsent reminders to delete
 * @param moved the unsent reminders to move, to their new due time
 * @param added the reminders to schedule
 */
record ReminderPlan(List<UUID> dropped, Map<UUID, Instant> moved, List<NewNotification> added) {

    static ReminderPlan of(
            EventSnapshot event,
            List<Registrant> registrants,
            List<PlannedReminder> existing,
            Instant now,
            Duration minLeadAfterPlanning) {
        Map<Key, Instant> wanted = new HashMap<>();
        Map<UUID, Registrant> confirmed = new HashMap<>();
        if (!event.cancelled()) {
            for (Registrant registrant : registrants) {
                if (registrant.confirmed() && registrant.reachable()) {
                    confirmed.put(registrant.registrationId(), registrant);
                    for (Duration offset : event.reminderOffsets()) {
                        wanted.put(
                                new Key(registrant.registrationId(), offset),
                                event.startsAt().minus(offset));
                    }
                }
            }
        }
        Set<Key> settled = new HashSet<>();
        for (PlannedReminder sent : existing) {
            Key key = new Key(sent.registrationId(), sent.offset());
            if (!sent.unsent() && sent.due().equals(wanted.get(key))) {
                settled.add(key);
            }
        }
        List<UUID> dropped = new ArrayList<>();
        Map<UUID, Instant> moved = new LinkedHashMap<>();
        for (PlannedReminder reminder : existing) {
            if (!reminder.unsent()) {
                continue;
            }
            Key key = new Key(reminder.registrationId(), reminder.offset());
            Instant due = wanted.get(key);
            if (due == null || settled.contains(key)) {
                dropped.add(reminder.id());
            } else if (due.equals(reminder.due())) {
                settled.add(key);
            } else if (worthPlanning(due, now, minLeadAfterPlanning)) {
                moved.put(reminder.id(), due);
                settled.add(key);
            } else {
                dropped.add(reminder.id());
            }
        }
        List<NewNotification> added = new ArrayList<>();
        wanted.forEach((key, due) -> {
            if (!settled.contains(key) && worthPlanning(due, now, minLeadAfterPlanning)) {
                added.add(NewNotification.reminder(confirmed.get(key.registrationId()), key.offset(), due));
            }
        });
        return new ReminderPlan(dropped, moved, added);
    }

    /** The stated policy: never a reminder already due, nor one right after the email that planned it. */
    static boolean worthPlanning(Instant due, Instant now, Duration minLeadAfterPlanning) {
        return due.isAfter(now.plus(minLeadAfterPlanning));
    }

    private record Key(UUID registrationId, Duration offset) {}
}
