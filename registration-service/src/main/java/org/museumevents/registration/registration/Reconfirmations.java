package org.museumevents.registration.registration;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.museumevents.registration.event.Event;
import org.museumevents.registration.event.EventRepository;
import org.museumevents.registration.event.Refusal;
import org.museumevents.starter.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reconfirmation (issue 17, docs/api.md "Reconfirmation"): the registrant's "I come" and "I don't
 * come", and the scheduler's steps for events with a policy, where ask = startsAt - before, due =
 * startsAt - deadline and remind = halfway between them:
 *
 * <ul>
 *   <li>from ask to (excluded) due, every CONFIRMED registration whose place was taken before ask is
 *       asked once ({@code RegistrationReconfirmationRequested});
 *   <li>from halfway between its ask and due to (excluded) due, each asked, still CONFIRMED and silent
 *       is reminded once ({@code RegistrationReconfirmationReminded});
 *   <li>from due to the event's end, when the policy releases the silent, each asked AND reminded,
 *       still CONFIRMED and silent is RELEASED ({@code RegistrationReleased}) and the waiting list
 *       fills the places in order (before the start only, as {@link Waitlist#fill} does).
 * </ul>
 *
 * Nobody is asked from due on, and nobody is released who was not asked and reminded: a scheduler
 * that was down judges by those facts. Each step marks registrations by a conditional UPDATE (asks,
 * reminders) or under the event's row lock (releases) in the transaction that writes the message, so
 * several instances running it tell each registration once.
 */
@Service
public class Reconfirmations {

    private static final Logger log = LoggerFactory.getLogger(Reconfirmations.class);

    private final ReconfirmationRepository reconfirmations;
    private final RegistrationRepository registrations;
    private final EventRepository events;
    private final RegistrationMessages messages;
    private final Waitlist waitlist;
    private final Tokens tokens;
    private final TransactionTemplate tx;
    private final Clock clock;

    Reconfirmations(
            ReconfirmationRepository reconfirmations,
            RegistrationRepository registrations,
            EventRepository events,
            RegistrationMessages messages,
            Waitlist waitlist,
            Tokens tokens,
            TransactionTemplate tx,
            Clock clock) {
        this.reconfirmations = reconfirmations;
        this.registrations = registrations;
        this.events = events;
        this.messages = messages;
        this.waitlist = waitlist;
        this.tokens = tokens;
        this.tx = tx;
        this.clock = clock;
    }

    /** What one run did. */
    public record Run(int asked, int reminded, int released) {}

    /**
     * One run of the scheduler's steps at {@code now}: asks, reminds, then releases, for every event
     * whose policy says so at {@code now}; each event's batch in its own transaction.
     *
     * @param now the instant judged by (UTC), normally the service clock's
     * @return how many registrations this run asked, reminded and released
     */
    public Run run(Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        int asked = 0;
        int reminded = 0;
        int released = 0;
        for (UUID eventId : reconfirmations.eventsBeforeDeadline(at)) {
            asked += tell(eventId, at, true);
            reminded += tell(eventId, at, false);
        }
        for (UUID eventId : reconfirmations.eventsToRelease(at)) {
            released += release(eventId, at);
        }
        if (asked + reminded + released > 0) {
            log.info("Reconfirmation: asked {}, reminded {}, released {}", asked, reminded, released);
        }
        return new Run(asked, reminded, released);
    }

    /** Asks (or reminds) the event's registrations due, a batch per transaction with their messages. */
    private int tell(UUID eventId, Instant now, boolean ask) {
        int count = 0;
        while (true) {
            List<UUID> marked = tx.execute(status -> {
                List<UUID> ids =
                        ask ? reconfirmations.markAsked(eventId, now) : reconfirmations.markReminded(eventId, now);
                RegistrationMessageType type = ask
                        ? RegistrationMessageType.RECONFIRMATION_REQUESTED
                        : RegistrationMessageType.RECONFIRMATION_REMINDED;
                for (UUID id : ids) {
                    Registration r = registrations.find(id).orElseThrow();
                    messages.publish(r, type.typeName(), null, now);
                }
                return ids;
            });
            count += marked.size();
            if (marked.size() < ReconfirmationRepository.BATCH) {
                return count;
            }
        }
    }

    /** Releases the event's silent registrations under its row lock, then fills the waiting list. */
    private int release(UUID eventId, Instant now) {
        return tx.execute(status -> {
            events.lock(eventId).orElseThrow();
            List<UUID> ids = reconfirmations.releasable(eventId, now);
            for (UUID id : ids) {
                Registration r = registrations.lock(id).orElseThrow();
                r.release();
                registrations.save(r, now);
                reconfirmations.markReleased(id, now);
                messages.publishChanges(r, null, now);
            }
            if (!ids.isEmpty()) {
                events.recount(eventId);
                waitlist.fill(eventId, now);
            }
            return ids.size();
        });
    }

    /**
     * The registrant's "I come", with the token they were given, whether or not the event has a
     * policy: a CONFIRMED registration is marked reconfirmed (once: {@code RegistrationReconfirmed});
     * a RELEASED one takes a place back if one is free by the rule of registering (CONFIRMED again,
     * {@code RegistrationConfirmed} with previousStatus RELEASED).
     *
     * @throws org.springframework.web.ErrorResponseException 404 for an unknown id or a wrong token
     * @throws TooLateToChange once the event has started ({@code event-past}) or ended
     * @throws NoPlaceFree when RELEASED and no place is free
     * @throws RegistrationRefused ({@code event-cancelled}) when RELEASED and the event is cancelled
     * @throws AlreadyRegistered when RELEASED and the email has registered again meanwhile
     * @throws RegistrationNotActive for any other status
     */
    void reconfirm(UUID id, String token) {
        requireToken(id, token);
        tx.executeWithoutResult(status -> {
            Instant now = now();
            Registration found = registrations.find(id).orElseThrow(() -> Problems.notFound("The registration"));
            EventRepository.Locked locked =
                    events.lockToRegister(found.eventId()).orElseThrow();
            Event event = locked.event();
            Registration r = registrations.lock(id).orElseThrow();
            Event.Phase phase = event.phaseAt(now);
            if (phase == Event.Phase.ENDED) {
                throw new TooLateToChange(TooLateToChange.Why.EVENT_ENDED);
            }
            if (phase == Event.Phase.UNDER_WAY) {
                throw new TooLateToChange(TooLateToChange.Why.EVENT_STARTED);
            }
            if (r.status() == RegistrationStatus.CONFIRMED) {
                if (reconfirmations.markReconfirmed(id, now)) {
                    messages.publish(r, RegistrationMessageType.RECONFIRMED.typeName(), null, now);
                }
                return;
            }
            if (r.status() != RegistrationStatus.RELEASED) {
                throw new RegistrationNotActive(r.status());
            }
            if (event.isCancelled()) {
                throw new RegistrationRefused(Refusal.EVENT_CANCELLED);
            }
            String key = RegistrationRepository.emailKey(r.email());
            if (key != null
                    && !registrations.activeEmailKeys(r.eventId(), Set.of(key)).isEmpty()) {
                throw new AlreadyRegistered();
            }
            if (new Places(event, locked.waitlistSeq()).take() != Placement.PLACED) {
                throw new NoPlaceFree();
            }
            r.takePlaceBack(phase);
            registrations.save(r, now);
            reconfirmations.markReconfirmedAgain(id, now);
            messages.publishChanges(r, null, now);
            events.recount(r.eventId());
        });
    }

    /**
     * The registrant's "I don't come", with the token they were given, whether or not the event has a
     * policy: an active registration (CONFIRMED, WAITLISTED, PENDING) is cancelled as by the
     * registrant ({@code RegistrationCancelled} with cancelledBy REGISTRANT), declined_at recorded,
     * and a freed place goes to the first waiting at once (before the start). Any other status
     * changes nothing (idempotent).
     *
     * @throws org.springframework.web.ErrorResponseException 404 for an unknown id or a wrong token
     * @throws TooLateToChange when an active registration's event has ended
     */
    void decline(UUID id, String token) {
        requireToken(id, token);
        tx.executeWithoutResult(status -> {
            Instant now = now();
            Registration found = registrations.find(id).orElseThrow(() -> Problems.notFound("The registration"));
            Event event = events.lock(found.eventId()).orElseThrow();
            Registration r = registrations.lock(id).orElseThrow();
            if (!r.status().isActive()) {
                return;
            }
            r.cancel(CancelledBy.REGISTRANT, event.phaseAt(now));
            registrations.save(r, now);
            reconfirmations.markDeclined(id, now);
            messages.publishChanges(r, null, now);
            events.recount(r.eventId());
            waitlist.fill(r.eventId(), now);
        });
    }

    /** When the registrant said they come (UTC), or null (issue 17: the views' {@code reconfirmedAt}). */
    Instant reconfirmedAt(UUID id) {
        return reconfirmations.reconfirmedAt(id);
    }

    private void requireToken(UUID id, String token) {
        if (!tokens.opens(id, token)) {
            throw Problems.notFound("The registration");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
