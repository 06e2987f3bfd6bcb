package org.museumevents.registration.registration;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.museumevents.registration.event.Event;
import org.museumevents.registration.event.EventRepository;
import org.museumevents.starter.problem.InvalidFields;
import org.museumevents.starter.problem.Problems;
import org.museumevents.starter.security.Organisers;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;
import tools.jackson.databind.json.JsonMapper;

/** Registering, and every later change of a registration, each in one transaction. */
@Service
class RegistrationService {

    private final RegisterStatement registerStatement;
    private final RegistrationRepository registrations;
    private final EventRepository events;
    private final Waitlist waitlist;
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
        this.tokens = tokens;
        this.messages = messages;
        this.outcomes = outcomes;
        this.properties = properties;
        this.json = json;
        this.tx = tx;
        this.clock = clock;
    }

    Registered register(UUID eventId, RegistrationRequest request, String idempotencyKey) {
        checkTimeZone(request.timeZone());
        byte[] requestHash = idempotencyKey == null ? new byte[0] : sha256(json.writeValueAsBytes(request));
        if (idempotencyKey != null) {
            Optional<Registered> replay = replay(eventId, idempotencyKey, requestHash);
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        Instant now = now();
        Event event = events.find(eventId).filter(Event::isVisible).orElseThrow(() -> Problems.notFound("The event"));
        event.refusalAt(now).ifPresent(reason -> {
            throw refusal(reason);
        });
        if (registrations.activeWithEmail(eventId, request.email())) {
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
        Optional<RegisterStatement.Outcome> outcome;
        try {
            outcome = registerStatement.run(
                    eventId, id, request, Tokens.hash(token), idempotencyKey, requestHash, messageId, template, now);
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
        if (outcome.isEmpty()) {
            // The event changed between the check and the statement: explain with its new state.
            Event current = events.find(eventId).orElseThrow(() -> Problems.notFound("The event"));
            throw refusal(current.refusalAt(now()).orElse("registration-closed"));
        }
        if (outcome.get().status() == null) {
            outcomes.refused("event-full");
            throw Problems.conflict("event-full", "The event is full and has no waiting list.");
        }
        outcomes.registered(outcome.get().status());
        return new Registered(id, eventId, outcome.get().status(), outcome.get().position(), token);
    }

    RegistrationView view(UUID id, String token) {
        requireToken(id, token);
        Registration r = registrations.find(id).orElseThrow(() -> Problems.notFound("The registration"));
        return RegistrationView.of(r, registrations.waitlistPosition(r));
    }

    RegistrationView cancelByRegistrant(UUID id, String token) {
        requireToken(id, token);
        return change(id, r -> r.cancel(CancelledBy.REGISTRANT));
    }

    RegistrationView viewAsOrganiser(UUID id) {
        Registration r = organisersRegistration(id);
        return RegistrationView.of(r, registrations.waitlistPosition(r));
    }

    RegistrationView approve(UUID id) {
        organisersRegistration(id);
        return change(id, Registration::approve);
    }

    RegistrationView reject(UUID id) {
        organisersRegistration(id);
        return change(id, Registration::reject);
    }

    RegistrationView cancelByOrganiser(UUID id) {
        organisersRegistration(id);
        return change(id, r -> r.cancel(CancelledBy.ORGANISER));
    }

    void erasePersonalData(UUID id) {
        organisersRegistration(id);
        Instant now = now();
        change(id, r -> r.erasePersonalData(now));
    }

    /** Locks the event, then the registration, applies the change, and gives freed places away. */
    private RegistrationView change(UUID id, Consumer<Registration> change) {
        return tx.execute(status -> {
            Instant now = now();
            Registration found = registrations.find(id).orElseThrow(() -> Problems.notFound("The registration"));
            events.lock(found.eventId());
            Registration r = registrations.lock(id).orElseThrow();
            change.accept(r);
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

    private Optional<Registered> replay(UUID eventId, String key, byte[] requestHash) {
        Optional<RegistrationRepository.IdempotencyKey> stored = registrations.idempotencyKey(eventId, key);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(stored.get().requestHash(), requestHash)) {
            throw Problems.unprocessable(
                    "idempotency-key-reused", "This Idempotency-Key was used with another request body.");
        }
        UUID registrationId = stored.get().registrationId();
        return Optional.of(tx.execute(status -> {
            Registration r = registrations.find(registrationId).orElseThrow();
            // Only hashes are kept, so the replay hands out a fresh token for the same registration.
            String token = tokens.mint(registrationId, now());
            return new Registered(r.id(), r.eventId(), r.status().name(), registrations.waitlistPosition(r), token);
        }));
    }

    private ErrorResponseException refusal(String reason) {
        outcomes.refused(reason);
        String detail =
                switch (reason) {
                    case "event-cancelled" -> "The event is cancelled.";
                    case "event-past" -> "The event has already started.";
                    case "registration-not-open" -> "Registration for this event is not open yet.";
                    case "registration-closed" -> "Registration for this event is closed.";
                    default -> "Registration is not possible.";
                };
        return Problems.conflict(reason, detail);
    }

    private ErrorResponseException duplicate() {
        outcomes.refused("duplicate-registration");
        return Problems.of(
                HttpStatus.CONFLICT,
                "duplicate-registration",
                "Already registered",
                "This email is already registered for this event.");
    }

    private static void checkTimeZone(String timeZone) {
        if (timeZone == null) {
            return;
        }
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new InvalidFields(List.of(
                    new InvalidFields.FieldProblem("timeZone", "must be an IANA time zone such as Europe/Paris")));
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
