package org.museumevents.registration.registration;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.museumevents.registration.event.Event;
import org.museumevents.registration.event.EventRepository;
import org.museumevents.registration.event.Refusal;
import org.museumevents.starter.input.RegionTimeZones;
import org.museumevents.starter.problem.InvalidFields;
import org.museumevents.starter.problem.Problems;
import org.museumevents.starter.security.Organisers;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** Registering, and every later change of a registration, each in one transaction. */
@Service
class RegistrationService {

    /** Reads of the event before its version holds still; the catalog changes an event rarely. */
    private static final int ATTEMPTS = 3;

    private final RegisterStatement registerStatement;
    private final RegistrationRepository registrations;
    private final EventRepository events;
    private final Waitlist waitlist;
    private final PersonalDataErasure erasure;
    private final Tokens tokens;
    private final RegistrationMessages messages;
    private final RegistrationOutcomes outcomes;
    private final RegistrationProperties properties;
    private final JsonMapper json;
    private final TransactionTemplate tx;
    private final Clock clock;

    RegistrationService(
            RegisterStatement registerStatement,
            RegistrationRepository registrations,
            EventRepository events,
            Waitlist waitlist,
            PersonalDataErasure erasure,
            Tokens tokens,
            RegistrationMessages messages,
            RegistrationOutcomes outcomes,
            RegistrationProperties properties,
            JsonMapper json,
            TransactionTemplate tx,
            Clock clock) {
        this.registerStatement = registerStatement;
        this.registrations = registrations;
        this.events = events;
        this.waitlist = waitlist;
        this.erasure = erasure;
        this.tokens = tokens;
        this.messages = messages;
        this.outcomes = outcomes;
        this.properties = properties;
        this.json = json;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Registers, deciding each rule once: visibility and the window on the event as read ({@link
     * Event#refusalAt}), approval by {@link Registration#statusWithAPlace}, and the place by {@link
     * RegisterStatement}, which takes it only if the event still has the version those were read
     * from; when the catalog changed the event in between, the new version is judged again.
     */
    Registered register(UUID eventId, RegistrationRequest given, String idempotencyKey) {
        checkTimeZone(given.timeZone());
        RegistrationRequest request = given.withDeliverableEmail();
        byte[] requestHash = idempotencyKey == null ? new byte[0] : sha256(json.writeValueAsBytes(request));
        if (idempotencyKey != null) {
            Optional<Registered> replay = replay(eventId, idempotencyKey, requestHash);
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        Instant now = now();
        Event event = openEvent(eventId, now);
        if (registrations.activeWithEmail(eventId, request.email())) {
            // Spares the event's lock for an obvious duplicate; the unique index decides the rest.
            throw duplicate();
        }

        UUID id = UUID.randomUUID();
        UUID messageId = UUID.randomUUID();
        String token = Tokens.newToken();
        Registration draft = new Registration(
                id,
                eventId,
                null,
                null,
                request.name().trim(),
                request.email().trim(),
                request.organisation(),
                request.language(),
                request.timeZone(),
                request.interpretationLanguage(),
                null,
                null,
                now);
        String template = json.writeValueAsString(RegistrationMessages.of(
                messageId, null, now, draft, null, null, null, properties.manageUrl(id, token)));
        for (int attempt = 1; ; attempt++) {
            Optional<RegisterStatement.Outcome> outcome;
            try {
                outcome = registerStatement.run(
                        eventId,
                        event.version(),
                        Registration.statusWithAPlace(event.requiresApproval()),
                        id,
                        request,
                        Tokens.hash(token),
                        idempotencyKey,
                        requestHash,
                        messageId,
                        template,
                        now);
            } catch (DuplicateKeyException e) {
                // A concurrent request with the same key, or the same email, won the race.
                if (idempotencyKey != null) {
                    Optional<Registered> replay = replay(eventId, idempotencyKey, requestHash);
                    if (replay.isPresent()) {
                        return replay.get();
                    }
                }
                throw duplicate();
            }
            if (outcome.isPresent()) {
                return registered(id, eventId, outcome.get(), token);
            }
            if (attempt == ATTEMPTS) {
                // Answered 503 (try again) by the starter's problem handling.
                throw new ConcurrencyFailureException("Event " + eventId + " kept changing while registering");
            }
            // The catalog changed the event between the read and the statement: judge its new version.
            event = openEvent(eventId, now);
        }
    }

    private Registered registered(UUID id, UUID eventId, RegisterStatement.Outcome outcome, String token) {
        if (outcome.placement() == Placement.FULL) {
            throw refused(Refusal.EVENT_FULL);
        }
        outcomes.registered(outcome.status());
        return new Registered(id, eventId, outcome.status().name(), outcome.waitlistPosition(), token);
    }

    /** The event, visible and open for registration at {@code now}, as last read. */
    private Event openEvent(UUID eventId, Instant now) {
        Event event = events.find(eventId).filter(Event::isVisible).orElseThrow(() -> Problems.notFound("The event"));
        Optional<Refusal> refusal = event.refusalAt(now);
        if (refusal.isPresent()) {
            throw refused(refusal.get());
        }
        return event;
    }

    RegistrationView view(UUID id, String token) {
        requireToken(id, token);
        Registration r = registrations.find(id).orElseThrow(() -> Problems.notFound("The registration"));
        return RegistrationView.of(r, registrations.waitlistPosition(r));
    }

    /**
     * The registrant's cancellation, with the token they were given: until the event ends (then 409
     * {@code event-ended}); a place freed before the start goes to the first waiting.
     */
    RegistrationView cancelByRegistrant(UUID id, String token) {
        requireToken(id, token);
        return change(id, (r, phase) -> r.cancel(CancelledBy.REGISTRANT, phase));
    }

    RegistrationView viewAsOrganiser(UUID id) {
        Registration r = organisersRegistration(id);
        return RegistrationView.of(r, registrations.waitlistPosition(r));
    }

    /** The organiser's approval: only before the event starts ({@link Registration#approve}). */
    RegistrationView approve(UUID id) {
        organisersRegistration(id);
        return change(id, Registration::approve);
    }

    /** The organiser's rejection: until the event ends ({@link Registration#reject}). */
    RegistrationView reject(UUID id) {
        organisersRegistration(id);
        return change(id, Registration::reject);
    }

    /** The organiser's cancellation: until the event ends ({@link Registration#cancel}). */
    RegistrationView cancelByOrganiser(UUID id) {
        organisersRegistration(id);
        return change(id, (r, phase) -> r.cancel(CancelledBy.ORGANISER, phase));
    }

    /**
     * Erases the registrant's personal data (GDPR): at any time, also after the event, since it
     * changes who the person was, not the registration.
     */
    void erasePersonalData(UUID id) {
        organisersRegistration(id);
        tx.executeWithoutResult(status -> {
            Registration found = registrations.find(id).orElseThrow(() -> Problems.notFound("The registration"));
            events.lock(found.eventId());
            erasure.erase(registrations.lock(id).orElseThrow(), now());
        });
    }

    /**
     * Locks the event, then the registration, applies the change with the event's phase at the
     * service clock's instant, and gives freed places away (before the start only, see {@link
     * Waitlist#fill}).
     */
    private RegistrationView change(UUID id, BiConsumer<Registration, Event.Phase> change) {
        return tx.execute(status -> {
            Instant now = now();
            Registration found = registrations.find(id).orElseThrow(() -> Problems.notFound("The registration"));
            Event event = events.lock(found.eventId()).orElseThrow();
            Registration r = registrations.lock(id).orElseThrow();
            change.accept(r, event.phaseAt(now));
            registrations.save(r, now);
            messages.publishChanges(r, null, now);
            events.recount(r.eventId());
            waitlist.fill(r.eventId(), now);
            Registration after = registrations.find(id).orElseThrow();
            return RegistrationView.of(after, registrations.waitlistPosition(after));
        });
    }

    private Registration organisersRegistration(UUID id) {
        Registration r = registrations.find(id).orElseThrow(() -> Problems.notFound("The registration"));
        Event event = events.find(r.eventId()).orElseThrow(() -> Problems.notFound("The registration"));
        if (!Organisers.isOrganiserOf(event.organisation())) {
            throw Problems.notFound("The registration");
        }
        return r;
    }

    private void requireToken(UUID id, String token) {
        if (!tokens.opens(id, token)) {
            throw Problems.notFound("The registration");
        }
    }

    /**
     * The first result of a key used within {@code registration.idempotency-key-lifetime}, without a
     * token; empty for a key not used, or used longer ago (then forgotten, and the key is new).
     */
    private Optional<Registered> replay(UUID eventId, String key, byte[] requestHash) {
        Optional<RegistrationRepository.IdempotencyKey> stored = registrations.idempotencyKey(eventId, key);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Instant expiredBefore = now().minus(properties.idempotencyKeyLifetime());
        if (stored.get().createdAt().isBefore(expiredBefore)) {
            registrations.forgetIdempotencyKey(eventId, key, expiredBefore);
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(stored.get().requestHash(), requestHash)) {
            throw new IdempotencyKeyReused();
        }
        // The registrant was handed the token the first time; only its hash is kept, and minting
        // another would give a working token to whoever replays the key.
        Registration r = registrations.find(stored.get().registrationId()).orElseThrow();
        return Optional.of(
                new Registered(r.id(), r.eventId(), r.status().name(), registrations.waitlistPosition(r), null));
    }

    private RegistrationRefused refused(Refusal refusal) {
        outcomes.refused(refusal);
        return new RegistrationRefused(refusal);
    }

    private AlreadyRegistered duplicate() {
        outcomes.duplicate();
        return new AlreadyRegistered();
    }

    private static void checkTimeZone(String timeZone) {
        if (timeZone == null) {
            return;
        }
        if (!RegionTimeZones.isRegionBased(timeZone)) {
            throw new InvalidFields(List.of(new InvalidFields.FieldProblem("timeZone", RegionTimeZones.RULE)));
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
