package org.museumevents.registration.registration;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.museumevents.registration.event.Event;
import org.museumevents.registration.event.EventRepository;
import org.museumevents.registration.event.EventSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies what the catalog says of an event: a newer version replaces what is known; a capacity
 * raised gives places to the waiting list at once, before the event starts only ({@link
 * Waitlist#fill}); an event cancelled before it ends cancels its active registrations, while one
 * cancelled after its end (as the catalog's new version says it ended) keeps them as they were: a
 * record of who came, and no "cancelled" email for a past event.
 */
@Service
public class CatalogChanges {

    private static final Logger log = LoggerFactory.getLogger(CatalogChanges.class);

    private final EventRepository events;
    private final RegistrationRepository registrations;
    private final RegistrationMessages messages;
    private final Waitlist waitlist;
    private final Clock clock;

    CatalogChanges(
            EventRepository events,
            RegistrationRepository registrations,
            RegistrationMessages messages,
            Waitlist waitlist,
            Clock clock) {
        this.events = events;
        this.registrations = registrations;
        this.messages = messages;
        this.waitlist = waitlist;
        this.clock = clock;
    }

    /**
     * Applies one version of an event. Must run in the transaction that records the message as
     * processed.
     *
     * @param snapshot the event as the catalog describes it; its instants are compared with the
     *     service's clock
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void apply(EventSnapshot snapshot) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Optional<Event> known = events.lock(snapshot.id());
        if (known.isPresent() && known.get().version() >= snapshot.version()) {
            log.info(
                    "Ignoring version {} of event {}: version {} is known",
                    snapshot.version(),
                    snapshot.id(),
                    known.get().version());
            return;
        }
        events.save(snapshot);
        boolean newlyCancelled = "CANCELLED".equals(snapshot.status())
                && known.map(e -> !e.isCancelled()).orElse(true);
        // The new version's dates decide, as every rule does (Event#phaseAt).
        Event.Phase phase = events.lock(snapshot.id()).orElseThrow().phaseAt(now);
        if (newlyCancelled && phase == Event.Phase.ENDED) {
            log.info("Event {} cancelled after its end: its registrations stay as they were", snapshot.id());
        } else if (newlyCancelled) {
            for (Registration r : registrations.activeOf(snapshot.id())) {
                r.cancel(CancelledBy.EVENT_CANCELLED, phase);
                registrations.save(r, now);
                messages.publishChanges(r, null, now);
            }
            events.recount(snapshot.id());
            log.info("Event {} cancelled: its registrations are cancelled", snapshot.id());
        } else {
            waitlist.fill(snapshot.id(), now);
        }
    }
}
