package org.museumevents.notification.planning;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.museumevents.notification.delivery.NotificationRepository;
import org.museumevents.notification.event.EventSnapshot;
import org.museumevents.notification.registrant.Registrant;
import org.museumevents.notification.registrant.RegistrantRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Brings reminders in line with what is known now ({@link ReminderPlan} says how): a registration
 * message re-plans that registration's reminders only (a handful of rows, whatever the size of the
 * event); a catalog change re-plans the whole event in a few statements (two reads, at most three
 * set-based writes), never a round trip per registrant. Runs in the caller's transaction, under
 * the caller's per-event lock.
 */
@Component
class ReminderPlanner {

    private final RegistrantRepository registrants;
    private final NotificationRepository notifications;
    private final ReminderProperties properties;

    ReminderPlanner(
            RegistrantRepository registrants, NotificationRepository notifications, ReminderProperties properties) {
        this.registrants = registrants;
        this.notifications = notifications;
        this.properties = properties;
    }

    /**
     * Re-plans one registration's reminders after a message about it.
     *
     * @param event the event as known now; planned when the catalog announces it if unknown
     * @param registrant the registration as it now stands
     * @param isNew whether the registration was unknown here before this message (so it has no
     *     reminders yet)
     * @param occurredAt when the announced change happened (UTC instant): the reminders are judged
     *     against it, not against the processing clock
     * @param now the processing clock (UTC instant)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void planRegistration(EventSnapshot event, Registrant registrant, boolean isNew, Instant occurredAt, Instant now) {
        apply(
                ReminderPlan.of(
                        event,
                        List.of(registrant),
                        isNew ? List.of() : notifications.remindersOfRegistration(registrant.registrationId()),
                        registrationId -> occurredAt,
                        now,
                        properties.minLeadAfterPlanning()),
                now);
    }

    /**
     * Re-plans every reminder of the event after a change of it (moved, offsets changed,
     * cancelled, or announced at last after its registrations).
     *
     * @param event the event as now known
     * @param all every registrant of the event, as now known
     * @param occurredAt when the change happened in the catalog (UTC instant); each registrant's
     *     reminders are judged against the later of it and their own confirmation
     * @param now the processing clock (UTC instant)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void planEvent(EventSnapshot event, List<Registrant> all, Instant occurredAt, Instant now) {
        Map<UUID, Instant> confirmed = registrants.confirmationsOf(event.id());
        apply(
                ReminderPlan.of(
                        event,
                        all,
                        notifications.remindersOf(event.id()),
                        registrationId -> later(occurredAt, confirmed.get(registrationId)),
                        now,
                        properties.minLeadAfterPlanning()),
                now);
    }

    private static Instant later(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }

    private void apply(ReminderPlan plan, Instant now) {
        notifications.dropReminders(plan.dropped());
        notifications.moveReminders(plan.moved(), now);
        notifications.scheduleAll(plan.added(), now);
    }
}
