package org.museumevents.notification.planning;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.museumevents.notification.delivery.NewNotification;
import org.museumevents.notification.delivery.NotificationRepository;
import org.museumevents.notification.email.EmailKind;
import org.museumevents.notification.event.EventSnapshot;
import org.museumevents.notification.event.KnownEventRepository;
import org.museumevents.notification.message.FollowUps;
import org.museumevents.notification.registrant.Registrant;
import org.museumevents.notification.registrant.RegistrantRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies an event as the catalog announced it: keeps the latest version, tells active registrants
 * of a practical change or a cancellation ({@link EventChange}) while the event is not over, and
 * re-plans the reminders and the follow-up ({@link FollowUps}). An older version changes nothing.
 *
 * <p>Whether the event was over is judged at the time the change happened in the catalog ({@code
 * occurredAt}), not when the message is processed (issue 13): a cancellation made before the end
 * is told even if this service reads it after the end. The emails are scheduled from the
 * processing clock. Every write covers the whole event in a few statements, whatever its size.
 */
@Component
public class CatalogChanges {

    /** News that a cancelled event makes untrue: not sent late. */
    private static final List<EmailKind> OBSOLETE_WHEN_CANCELLED = List.of(
            EmailKind.CONFIRMATION,
            EmailKind.WAITLISTED,
            EmailKind.PENDING,
            EmailKind.PROMOTED,
            EmailKind.REMINDER,
            EmailKind.EVENT_UPDATED,
            EmailKind.FOLLOW_UP);

    private final EventLocks locks;
    private final KnownEventRepository events;
    private final RegistrantRepository registrants;
    private final NotificationRepository notifications;
    private final ReminderPlanner reminders;
    private final FollowUps followUps;
    private final Clock clock;

    CatalogChanges(
            EventLocks locks,
            KnownEventRepository events,
            RegistrantRepository registrants,
            NotificationRepository notifications,
            ReminderPlanner reminders,
            FollowUps followUps,
            Clock clock) {
        this.locks = locks;
        this.events = events;
        this.registrants = registrants;
        this.notifications = notifications;
        this.reminders = reminders;
        this.followUps = followUps;
        this.clock = clock;
    }

    /**
     * Applies one announcement of an event, under the event's lock, in the caller's transaction
     * (the one that records the message as processed).
     *
     * @param incoming the event as announced, complete ({@link EventSnapshot#isComplete()})
     * @param cancellation whether the announcement cancels the event
     * @param occurredAt when the change happened in the catalog (UTC instant)
     * @return false when a version at least as recent is known already: then nothing changed
     * @throws org.springframework.transaction.IllegalTransactionStateException outside a transaction
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean apply(EventSnapshot incoming, boolean cancellation, Instant occurredAt) {
        Instant now = clock.instant();
        locks.lock(incoming.id());
        Optional<EventSnapshot> previous = events.find(incoming.id());
        if (!events.saveIfNewer(incoming, now)) {
            return false;
        }
        List<Registrant> all = registrants.ofEvent(incoming.id());
        List<Registrant> active = all.stream()
                .filter(Registrant::active)
                .filter(Registrant::reachable)
                .toList();
        // Nothing to tell about an event that is over (issue 12): cancelling one that had already
        // ended, or editing one that ends in the past (a correction after the day, or times moved
        // into the past), would email every registrant and withdraw the entry of an event they
        // attended from their calendars. Moving an ended event to a future date is news. Judged when
        // the change was made, not when it is read here.
        boolean hadEnded =
                previous.map(known -> !known.endsAt().isAfter(occurredAt)).orElse(false);
        boolean endsInThePast = !incoming.endsAt().isAfter(occurredAt);
        switch (EventChange.between(previous, incoming, cancellation)) {
            case CANCELLED -> {
                notifications.dropUnsent(incoming.id(), null, OBSOLETE_WHEN_CANCELLED);
                if (!hadEnded) {
                    notifications.scheduleAll(
                            active.stream()
                                    .map(registrant ->
                                            NewNotification.about(registrant, EmailKind.EVENT_CANCELLED, now))
                                    .toList(),
                            now);
                }
            }
            case PRACTICAL_DETAILS_CHANGED -> {
                if (!endsInThePast) {
                    notifications.scheduleUpdates(
                            active.stream()
                                    .map(registrant -> NewNotification.about(registrant, EmailKind.EVENT_UPDATED, now))
                                    .toList(),
                            now);
                }
            }
            case NOTHING_TO_TELL -> {}
        }
        reminders.planEvent(incoming, all, occurredAt, now);
        followUps.plan(incoming, now);
        return true;
    }
}
