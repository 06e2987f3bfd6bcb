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
import java.util.function.Function;
import org.museumevents.notification.delivery.NewNotification;
import org.museumevents.notification.delivery.PlannedReminder;
import org.museumevents.notification.event.EventSnapshot;
import org.museumevents.notification.registrant.Registrant;

/**
 * The steps that bring reminders in line with what is known now, for the registrants given (one
 * registration, or all of an event's): one per confirmed registrant with an address (none once
 * their personal data is erased) and offset, due at start minus offset. Unsent reminders move with
 * the event and are dropped when the registration or the event is cancelled or the offset removed;
 * sent ones stay.
 *
 * <p>A reminder is added (or moved) only if it falls due more than {@code minLeadAfterPlanning}
 * after the fact that planned it ({@link ReminderProperties}): the confirmation, promotion or
 * change of the event as it happened ({@code occurredAt}), not when the message was processed, so
 * that a consumer that falls behind never drops a reminder (issue 13). One that was worth planning
 * then but whose due time has passed by the time it is processed is planned all the same, due in
 * the past, and so sent at once: late beats never. Once the event has started (by the clock of
 * the processing), none is added or moved any more: a reminder of something under way is noise.
 *
 * @param dropped the unsent reminders to delete
 * @param moved the unsent reminders to move, to their new due time
 * @param added the reminders to schedule
 */
record ReminderPlan(List<UUID> dropped, Map<UUID, Instant> moved, List<NewNotification> added) {

    /**
     * @param event the event as known now
     * @param registrants the registrants to plan for; {@code existing} must hold only their reminders
     * @param existing the reminders of those registrants, sent or not
     * @param plannedAt when the fact that plans each registrant's reminders happened (UTC instant),
     *     by registration id: the later of the registrant's confirmation and the event's change
     * @param now the processing clock: no reminder is added or moved once the event has started
     * @param minLeadAfterPlanning how long after {@code plannedAt} a reminder must fall due at least
     */
    static ReminderPlan of(
            EventSnapshot event,
            List<Registrant> registrants,
            List<PlannedReminder> existing,
            Function<UUID, Instant> plannedAt,
            Instant now,
            Duration minLeadAfterPlanning) {
        boolean started = !event.startsAt().isAfter(now);
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
            } else if (!started && worthPlanning(due, plannedAt.apply(key.registrationId()), minLeadAfterPlanning)) {
                moved.put(reminder.id(), due);
                settled.add(key);
            } else {
                dropped.add(reminder.id());
            }
        }
        List<NewNotification> added = new ArrayList<>();
        wanted.forEach((key, due) -> {
            if (!settled.contains(key)
                    && !started
                    && worthPlanning(due, plannedAt.apply(key.registrationId()), minLeadAfterPlanning)) {
                added.add(NewNotification.reminder(confirmed.get(key.registrationId()), key.offset(), due));
            }
        });
        return new ReminderPlan(dropped, moved, added);
    }

    /**
     * The stated policy: never a reminder that was already due when it was planned, nor one right
     * after the email that planned it; judged at the time of the fact ({@code plannedAt}).
     */
    static boolean worthPlanning(Instant due, Instant plannedAt, Duration minLeadAfterPlanning) {
        return due.isAfter(plannedAt.plus(minLeadAfterPlanning));
    }

    private record Key(UUID registrationId, Duration offset) {}
}
