package org.museumevents.registration.registration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.museumevents.registration.event.Event;
import org.museumevents.registration.event.EventRepository;
import org.museumevents.registration.event.Question;
import org.museumevents.starter.input.RegionTimeZones;
import org.museumevents.starter.problem.InvalidFields;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * What the series subscription feature (issue 17) asks of registering: registering a subscriber for
 * an occurrence through the same group commit as anyone ({@code POST /api/events/{id}/registrations}),
 * the registrations a subscription made, and cancelling them.
 */
@Service
public class SubscriberRegistrations {

    private final RegistrationService service;
    private final RegistrationRepository registrations;
    private final EventRepository events;

    SubscriberRegistrations(RegistrationService service, RegistrationRepository registrations, EventRepository events) {
        this.service = service;
        this.registrations = registrations;
        this.events = events;
    }

    /** How an occurrence was decided for a subscriber. */
    public enum Outcome {
        /** Registered: CONFIRMED, PENDING or WAITLISTED. */
        REGISTERED,
        /** The email already had an active registration for the occurrence. */
        ALREADY_REGISTERED,
        /** The occurrence refused (full without a waiting list, window closed, cancelled, unknown). */
        REFUSED
    }

    /**
     * @param registrationId the registration made, null unless REGISTERED
     * @param status its status, null unless REGISTERED
     * @param waitlistPosition 1 for the first waiting; null unless WAITLISTED
     */
    public record Enrolment(Outcome outcome, UUID registrationId, String status, Integer waitlistPosition) {}

    /**
     * A registration of a subscription with its occurrence's dates.
     *
     * @param startsAt the occurrence's start (UTC)
     * @param endsAt its end (UTC)
     */
    public record SubscribedRegistration(
            UUID eventId, UUID id, String status, Integer waitlistPosition, Instant startsAt, Instant endsAt) {}

    /**
     * Checks the subscription's body as registering would (time zone, shape of the answers), and its
     * answers against the occurrences ahead (issue 17): every answer must answer a question of one of
     * them, fit each occurrence asking it, and every required question of them must be answered.
     *
     * @param occurrences the occurrences open now
     * @throws InvalidFields naming {@code timeZone} or {@code answers.<questionId>}
     */
    public void check(RegistrationRequest request, List<UUID> occurrences) {
        if (request.timeZone() != null && !RegionTimeZones.isRegionBased(request.timeZone())) {
            throw new InvalidFields(List.of(new InvalidFields.FieldProblem("timeZone", RegionTimeZones.RULE)));
        }
        List<InvalidFields.FieldProblem> shape = Answers.checkShape(request.answers());
        if (!shape.isEmpty()) {
            throw new InvalidFields(shape);
        }
        Map<String, JsonNode> given = request.answers() == null ? Map.of() : request.answers();
        Set<String> asked = new LinkedHashSet<>();
        Set<InvalidFields.FieldProblem> problems = new LinkedHashSet<>();
        for (UUID occurrence : occurrences) {
            List<Question> questions = events.questions(occurrence);
            questions.forEach(q -> asked.add(q.id()));
            Map<String, JsonNode> matching = new java.util.TreeMap<>();
            for (Question q : questions) {
                if (given.containsKey(q.id()) && given.get(q.id()) != null) {
                    matching.put(q.id(), given.get(q.id()));
                }
            }
            problems.addAll(Answers.check(questions, matching).problems());
        }
        for (String id : given.keySet()) {
            if (!asked.contains(id)) {
                problems.add(new InvalidFields.FieldProblem("answers." + id, "no occurrence ahead asks this question"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidFields(new ArrayList<>(problems));
        }
    }

    /**
     * Registers the subscriber for the occurrence through the registration group commit.
     *
     * @param request the subscription's body (email as stored and sent)
     * @param subscriptionUrl the link the first message carries, its token stored
     * @return what the occurrence's group decided
     */
    public Enrolment enrol(UUID eventId, RegistrationRequest request, UUID subscriptionId, String subscriptionUrl) {
        RegisterGroup.Answer answer =
                service.registerForSubscription(eventId, request, subscriptionId, subscriptionUrl);
        if (answer instanceof RegisterGroup.Placed placed) {
            return new Enrolment(
                    Outcome.REGISTERED, placed.registrationId(), placed.status().name(), placed.waitlistPosition());
        }
        if (answer instanceof RegisterGroup.Duplicate) {
            return new Enrolment(Outcome.ALREADY_REGISTERED, null, null, null);
        }
        return new Enrolment(Outcome.REFUSED, null, null, null);
    }

    /** Every registration the subscription made, by its occurrence's start. */
    public List<SubscribedRegistration> ofSubscription(UUID subscriptionId) {
        List<SubscribedRegistration> found = new ArrayList<>();
        for (Registration r : registrations.ofSubscription(subscriptionId)) {
            Event event = events.find(r.eventId()).orElseThrow();
            found.add(new SubscribedRegistration(
                    r.eventId(),
                    r.id(),
                    r.status().name(),
                    registrations.waitlistPosition(r),
                    event.startsAt(),
                    event.endsAt()));
        }
        found.sort(java.util.Comparator.comparing(SubscribedRegistration::startsAt)
                .thenComparing(SubscribedRegistration::id));
        return found;
    }

    /**
     * Cancels, as the registrant's own cancellation would, the subscription's active registrations of
     * occurrences not started at {@code now} (the waiting list is promoted, {@code
     * RegistrationCancelled} goes out with {@code cancelledBy} REGISTRANT).
     */
    public void cancelUpcoming(UUID subscriptionId, Instant now) {
        for (Registration r : registrations.ofSubscription(subscriptionId)) {
            if (!r.status().isActive()) {
                continue;
            }
            boolean started =
                    events.find(r.eventId()).map(e -> e.hasStarted(now)).orElse(true);
            if (started) {
                continue;
            }
            try {
                service.cancelForSubscriber(r.id());
            } catch (RegistrationNotActive | TooLateToChange e) {
                // Changed meanwhile (cancelled by the registrant, the event moved): nothing to cancel.
            }
        }
    }
}
