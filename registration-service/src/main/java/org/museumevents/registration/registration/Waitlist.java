package org.museumevents.registration.registration;

import java.time.Instant;
import java.util.UUID;
import org.museumevents.registration.event.Event;
import org.museumevents.registration.event.EventRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Gives free places to the waiting list, first come first served, until the event starts. */
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

    /** Call with the event's counters recounted; takes (or re-takes) the event's lock. */
    @Transactional(propagation = Propagation.MANDATORY)
    void fill(UUID eventId, Instant now) {
        Event event = events.lock(eventId).orElseThrow();
        if (!"PUBLISHED".equals(event.status()) || event.hasStarted(now)) {
            return;
        }
        int free = event.freePlaces();
        boolean promoted = false;
        while (free-- > 0) {
            Registration first = registrations.firstWaiting(eventId).orElse(null);
            if (first == null) {
                break;
            }
            first.promote(event.requiresApproval());
            registrations.save(first, now);
            messages.publishChanges(first, null, now);
            promoted = true;
        }
        if (promoted) {
            events.recount(eventId);
        }
    }
}
