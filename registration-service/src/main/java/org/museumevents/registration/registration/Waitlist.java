package org.museumevents.registration.registration;

import java.time.Instant;
import java.util.UUID;
import org.museumevents.registration.event.Event;
import org.museumevents.registration.event.EventRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gives free places to the waiting list, first come first served, until the event starts: from its
 * start on nobody is told "you have a place" for a session already under way, and a place freed
 * then stays free (docs/api.md, "Changing a registration around the event").
 */
@Component
class Waitlist {

    private final EventRepository events;
    private final RegistrationRepository registrations;
    private final RegistrationMessages messages;

    Waitlist(EventRepository events, RegistrationRepository registrations, RegistrationMessages messages) {
        this.events = events;
        this.registrations = registrations;
        this.messages = messages;
    }

    /**
     * Promotes the first waiting into the free places of a published event that has not started at
     * {@code now}; does nothing otherwise. Call with the event's counters recounted; takes (or
     * re-takes) the event's lock.
     *
     * @param now the instant of the change that freed places, from the service's clock
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void fill(UUID eventId, Instant now) {
        Event event = events.lock(eventId).orElseThrow();
        Event.Phase phase = event.phaseAt(now);
        if (!"PUBLISHED".equals(event.status()) || phase != Event.Phase.UPCOMING) {
            return;
        }
        int free = event.freePlaces();
        boolean promoted = false;
        while (free-- > 0) {
            Registration first = registrations.firstWaiting(eventId).orElse(null);
            if (first == null) {
                break;
            }
            first.promote(event.requiresApproval(), phase);
            registrations.save(first, now);
            messages.publishChanges(first, null, now);
            promoted = true;
        }
        if (promoted) {
            events.recount(eventId);
        }
    }
}
