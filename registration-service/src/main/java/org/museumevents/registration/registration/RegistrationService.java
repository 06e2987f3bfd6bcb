package org.museumevents.registration.registration;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.museumevents.registration.event.Event;
import org.museumevents.registration.event.EventAccess;
import org.museumevents.registration.event.EventRepository;
import org.museumevents.registration.event.Refusal;
import org.museumevents.starter.input.RegionTimeZones;
import org.museumevents.starter.problem.InvalidFields;
import org.museumevents.starter.problem.ProblemHandling;
import org.museumevents.starter.problem.Problems;
import org.museumevents.starter.tracing.TraceContexts;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registering, in groups of concurrent requests for the same event (one transaction each, see
 * {@link RegisterGroup}), and every later change of a registration, each in one transaction.
 */
@Service
class RegistrationService {

    /**
     * The most registrations of one event taken in one transaction: large enough that a burst of
     * a few hundred concurrent requests commits in a handful of groups, small enough that one group's
     * arrays and its single statement stay a few hundred kilobytes.
     */
    static final int MAX_GROUP = 128;

    private final RegisterGroup registerGroup;
    private final GroupCommit<UUID, RegisterGroup.Attempt, RegisterGroup.Answer> groups;
    private final RegistrationRepository registrations;
    private final ReconfirmationRepository reconfirmations;
    private final EventRepository events;
    private final EventAccess access;
    private final Waitlist waitlist;
    private final PersonalDataErasure erasure;
    private final Tokens tokens;
    private final RegistrationMessages messages;
    private final RegistrationOutcomes outcomes;
    private final RegistrationProperties properties;
    private final JsonMapper json;
    private final TraceContexts trace;
    private final TransactionTemplate tx;
    private final Clock clock;

    RegistrationService(
            RegisterGroup registerGroup,
            RegistrationRepository registrations,
            ReconfirmationRepository reconfirmations,
            EventRepository events,
            EventAccess access,
            Waitlist waitlist,
            PersonalDataErasure erasure,
            Tokens tokens,
            RegistrationMessages messages,
            RegistrationOutcomes outcomes,
            RegistrationProperties properties,
            JsonMapper json,
            TraceContexts trace,
            TransactionTemplate tx,
            Clock clock) {
        this.registerGroup = registerGroup;
        this.groups = new GroupCommit<>(MAX_GROUP, registerGroup::run, ProblemHandling::isDatabaseOutage);
        this.registrations = registrations;
        this.reconfirmations = reconfirmations;
        this.events = events;
        this.access = access;
        this.waitlist = waitlist;
        this.erasure = erasure;
        this.tokens = tokens;
        this.messages = messages;
        this.outcomes = outcomes;
        this.properties = properties;
        this.json = json;
        this.trace = trace;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Registers: queues the request behind the event's running group, if any, and takes it in the
     * next one ({@link GroupCommit}, at most {@value #MAX_GROUP} together), where {@link
     * RegisterGroup} judges it under the event's row lock with everything that arrived before it.
     *
     * @param idempotencyKey the request's {@code Idempotency-Key} header, or null
     * @return the new registration with its token; for a replayed key the first result, without one
     * @throws org.museumevents.starter.problem.InvalidFields for a time zone that is not region-based,
     *     or answers that do not fit the event's current questions ({@link Answers}), each named
     *     {@code answers.<questionId>}
     * @throws RegistrationRefused when the event is full or outside its registration window
     * @throws AlreadyRegistered when the email already has an active registration for the event
     * @throws IdempotencyKeyReused when the key was first used with another body
     */
    Registered register(UUID eventId, RegistrationRequest given, String idempotencyKey) {
        checkTimeZone(given.timeZone());
        // Refused here, not by the group's leader under the event's lock: it owes them no work.
        List<InvalidFields.FieldProblem> shape = Answers.checkShape(given.answers());
        if (!shape.isEmpty()) {
            throw new InvalidFields(shape);
        }
        RegistrationRequest request = given.withDeliverableEmail();
        byte[] requestHash = idempotencyKey == null ? null : sha256(json.writeValueAsBytes(request));
        String token = Tokens.newToken();
        RegisterGroup.Attempt attempt =
                registerGroup.attempt(eventId, request, token, idempotencyKey, requestHash, trace.traceparent(), now());
        RegisterGroup.Answer answer = groups.submit(eventId, attempt);
        if (answer instanceof RegisterGroup.Placed placed) {
            outcomes.registered(placed.status());
            return new Registered(
                    placed.registrationId(), eventId, placed.status().name(), placed.waitlistPosition(), token);
        }
        if (answer instanceof RegisterGroup.Replay replay) {
            return replayed(eventId, replay);
        }
        if (answer instanceof RegisterGroup.Refused refused) {
            throw refused(refused.refusal());
        }
        if (answer instanceof RegisterGroup.Duplicate) {
            throw duplicate();
        }
        if (answer instanceof RegisterGroup.KeyReused) {
            throw new IdempotencyKeyReused();
        }
        if (answer instanceof RegisterGroup.InvalidAnswers invalid) {
            throw new InvalidFields(invalid.problems());
        }
        throw Problems.notFound("The event");
    }

    /**
     * Registers a series subscriber for one occurrence (issue 17) through the same group as {@link
     * #register}: the event's window, places, waiting list, approval and questions apply; the
     * answers given to the occurrence are those to its questions ({@link Answers#checkForOccurrence}).
     *
     * @param request the subscription's body, with the email as stored and sent
     * @param subscriptionUrl the link the first message carries (its token already stored)
     * @return what the group decided
     */
    RegisterGroup.Answer registerForSubscription(
            UUID eventId, RegistrationRequest request, UUID subscriptionId, String subscriptionUrl) {
        String token = Tokens.newToken();
        RegisterGroup.Attempt attempt = registerGroup.attempt(
                eventId, request, token, null, null, trace.traceparent(), now(), subscriptionId, subscriptionUrl);
        RegisterGroup.Answer answer = groups.submit(eventId, attempt);
        if (answer instanceof RegisterGroup.Placed placed) {
            outcomes.registered(placed.status());
        }
        return answer;
    }

    /**
     * Cancels a registration for its subscriber (issue 17: "stop following" with {@code
     * cancelRegistrations=true}), as the registrant's own cancellation does.
     */
    RegistrationView cancelForSubscriber(UUID id) {
        return change(id, (r, phase) -> r.cancel(CancelledBy.REGISTRANT, phase));
    }

    /**
     * The first result of a replayed key, without a token: the registrant was handed the token the
     * first time; only its hash is kept, and minting another would give a working token to whoever
     * replays the key. A key replayed within its own group answers what the group gave the first.
     */
    private Registered replayed(UUID eventId, RegisterGroup.Replay replay) {
        RegisterGroup.Placed first = replay.sameGroup();
        if (first != null) {
            return new Registered(
                    first.registrationId(), eventId, first.status().name(), first.waitlistPosition(), null);
        }
        Registration r = registrations.find(replay.registrationId()).orElseThrow();
        return new Registered(r.id(), r.eventId(), r.status().name(), registrations.waitlistPosition(r), null);
    }

    RegistrationView view(UUID id, String token) {
        requireToken(id, token);
        Registration r = registrations.find(id).orElseThrow(() -> Problems.notFound("The registration"));
        return withCheckIn(RegistrationView.of(r, registrations.waitlistPosition(r)), true);
    }

    /**
     * The view with its {@code checkedInAt} and, for the registrant's own view only, its {@code
     * checkInCode}: only while CONFIRMED and the event is not ONLINE (IN_PERSON, HYBRID, or a format
     * not known yet), else null (issue 16, docs/api.md).
     */
    private RegistrationView withCheckIn(RegistrationView given, boolean registrant) {
        // Issue 17: every view also says when the registrant reconfirmed.
        RegistrationView view = given.withReconfirmedAt(reconfirmations.reconfirmedAt(given.id()));
        return registrations
                .checkInFacts(view.id())
                .map(facts -> view.withCheckIn(
                        registrant && "CONFIRMED".equals(view.status()) && !"ONLINE".equals(facts.format())
                                ? facts.code()
                                : null,
                        facts.checkedInAt()))
                .orElse(view);
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
        return withCheckIn(RegistrationView.of(r, registrations.waitlistPosition(r)), false);
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
            return withCheckIn(RegistrationView.of(after, registrations.waitlistPosition(after)), false);
        });
    }

    private Registration organisersRegistration(UUID id) {
        Registration r = registrations.find(id).orElseThrow(() -> Problems.notFound("The registration"));
        // Owner organisers only; a partner's organisers or door staff get 403, anyone else 404.
        access.owned(r.eventId(), "The registration");
        return r;
    }

    private void requireToken(UUID id, String token) {
        if (!tokens.opens(id, token)) {
            throw Problems.notFound("The registration");
        }
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
