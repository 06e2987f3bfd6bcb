package org.museumevents.registration.registration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.museumevents.registration.event.Event.Phase;

/**
 * A person's registration for an event. Its transitions check their invariant, throw a domain
 * exception when it does not hold (answered by {@link RegistrationProblems}), and record the
 * message that tells the outside world; the service loads, calls, saves.
 *
 * <p>A new registration is not made here but by {@link RegisterGroup}, which takes the place;
 * the status it gets with a place is {@link #statusWithAPlace}, the approval rule of both.
 *
 * <p>Every transition also takes the event's {@link Phase} at the instant of the change (the
 * service's clock against the event's stored start and end), and the rules on changing a
 * registration around the event live here (docs/api.md, "Changing a registration around the
 * event"): once the event has ended nothing changes any more; from its start nobody is given a place
 * (no approval, no promotion), while cancelling and rejecting still free one, given to nobody.
 * Erasing personal data is not a change of the registration and is allowed at any time (GDPR); the
 * answers to the event's questions are personal data and go with the name and email.
 */
class Registration {

    private final UUID id;
    private final UUID eventId;
    private RegistrationStatus status;
    private Long waitlistSeq;
    private String name;
    private String email;
    private String organisation;
    private final String language;
    private final String timeZone;
    private final String interpretationLanguage;
    private Map<String, Object> answers;
    private CancelledBy cancelledBy;
    private Instant personalDataErasedAt;
    private final Instant createdAt;
    private final UUID subscriptionId;
    private final List<Change> changes = new ArrayList<>();

    /** What happened, as the type of the message that tells it. */
    record Change(RegistrationMessageType type, RegistrationStatus previousStatus) {}

    Registration(
            UUID id,
            UUID eventId,
            RegistrationStatus status,
            Long waitlistSeq,
            String name,
            String email,
            String organisation,
            String language,
            String timeZone,
            String interpretationLanguage,
            Map<String, Object> answers,
            CancelledBy cancelledBy,
            Instant personalDataErasedAt,
            Instant createdAt) {
        this(
                id,
                eventId,
                status,
                waitlistSeq,
                name,
                email,
                organisation,
                language,
                timeZone,
                interpretationLanguage,
                answers,
                cancelledBy,
                personalDataErasedAt,
                createdAt,
                null);
    }

    /**
     * @param subscriptionId the series subscription that made it (issue 17), null when the person
     *     registered themselves
     */
    Registration(
            UUID id,
            UUID eventId,
            RegistrationStatus status,
            Long waitlistSeq,
            String name,
            String email,
            String organisation,
            String language,
            String timeZone,
            String interpretationLanguage,
            Map<String, Object> answers,
            CancelledBy cancelledBy,
            Instant personalDataErasedAt,
            Instant createdAt,
            UUID subscriptionId) {
        this.id = id;
        this.eventId = eventId;
        this.status = status;
        this.waitlistSeq = waitlistSeq;
        this.name = name;
        this.email = email;
        this.organisation = organisation;
        this.language = language;
        this.timeZone = timeZone;
        this.interpretationLanguage = interpretationLanguage;
        this.answers = answers == null ? Map.of() : answers;
        this.cancelledBy = cancelledBy;
        this.personalDataErasedAt = personalDataErasedAt;
        this.createdAt = createdAt;
        this.subscriptionId = subscriptionId;
    }

    /**
     * A registration not yet stored, as its request asks: name and email trimmed as they are stored
     * and sent, neither cancelled nor erased.
     *
     * @param status where the group placed it, or null while undecided (for its message's template)
     * @param waitlistSeq its place in the waiting list's order, or null
     * @param answers the request's answers as {@link Answers#check} accepted them; empty while undecided
     * @param createdAt the instant of the request (UTC, microseconds)
     * @param subscriptionId the series subscription registering (issue 17), or null
     */
    static Registration fromRequest(
            UUID id,
            UUID eventId,
            RegistrationRequest request,
            RegistrationStatus status,
            Long waitlistSeq,
            Map<String, Object> answers,
            Instant createdAt,
            UUID subscriptionId) {
        return new Registration(
                id,
                eventId,
                status,
                waitlistSeq,
                request.name().trim(),
                request.email().trim(),
                request.organisation(),
                request.language(),
                request.timeZone(),
                request.interpretationLanguage(),
                answers,
                null,
                null,
                createdAt,
                subscriptionId);
    }

    /**
     * The approval rule: a place, taken at registration or given from the waiting list, is PENDING
     * the organiser's decision when the event requires approval, else CONFIRMED.
     */
    static RegistrationStatus statusWithAPlace(boolean requiresApproval) {
        return requiresApproval ? RegistrationStatus.PENDING : RegistrationStatus.CONFIRMED;
    }

    /**
     * Ends an active registration; a held place is freed by the caller's recount. Allowed until the
     * event ends, so a registrant can still say they will not come to a session under way.
     *
     * @param phase where the event stands now
     * @throws TooLateToChange when the event has ended
     * @throws RegistrationNotActive when it is already REJECTED or CANCELLED
     */
    void cancel(CancelledBy by, Phase phase) {
        requireNotEnded(phase);
        if (!status.isActive()) {
            throw new RegistrationNotActive(status);
        }
        RegistrationStatus previous = status;
        status = RegistrationStatus.CANCELLED;
        cancelledBy = by;
        waitlistSeq = null;
        changes.add(new Change(RegistrationMessageType.CANCELLED, previous));
    }

    /**
     * Gives the pending place for good: only before the event starts, since it tells the registrant
     * they have a place.
     *
     * @param phase where the event stands now
     * @throws TooLateToChange when the event has started ({@code event-past}) or ended
     * @throws RegistrationNotPending unless PENDING
     */
    void approve(Phase phase) {
        requireNotEnded(phase);
        if (phase != Phase.UPCOMING) {
            throw new TooLateToChange(TooLateToChange.Why.EVENT_STARTED);
        }
        requirePending();
        status = RegistrationStatus.CONFIRMED;
        changes.add(new Change(RegistrationMessageType.CONFIRMED, RegistrationStatus.PENDING));
    }

    /**
     * Refuses a pending registration, freeing its place; allowed until the event ends.
     *
     * @param phase where the event stands now
     * @throws TooLateToChange when the event has ended
     * @throws RegistrationNotPending unless PENDING
     */
    void reject(Phase phase) {
        requireNotEnded(phase);
        requirePending();
        status = RegistrationStatus.REJECTED;
        changes.add(new Change(RegistrationMessageType.REJECTED, RegistrationStatus.PENDING));
    }

    /**
     * A freed place for the first waiting: confirmed, or pending the organiser's approval.
     *
     * @param phase where the event stands now: only an upcoming event gives places away
     * @throws IllegalStateException unless WAITLISTED and the event upcoming: only the waiting
     *     list's own code promotes, and it checks the event first
     */
    void promote(boolean requiresApproval, Phase phase) {
        if (phase != Phase.UPCOMING) {
            throw new IllegalStateException("Nobody is promoted once the event has started");
        }
        if (status != RegistrationStatus.WAITLISTED) {
            throw new IllegalStateException("Only a waitlisted registration can be promoted");
        }
        waitlistSeq = null;
        status = statusWithAPlace(requiresApproval);
        changes.add(new Change(
                status == RegistrationStatus.PENDING
                        ? RegistrationMessageType.PENDING
                        : RegistrationMessageType.PROMOTED,
                RegistrationStatus.WAITLISTED));
    }

    /**
     * Issue 17: releases the place of a CONFIRMED registrant who was asked and reminded to reconfirm
     * and stayed silent past the deadline; the caller recounts and fills the waiting list.
     *
     * @throws IllegalStateException unless CONFIRMED: only the reconfirmation scheduler releases, and
     *     it selects CONFIRMED registrations under the event's lock
     */
    void release() {
        if (status != RegistrationStatus.CONFIRMED) {
            throw new IllegalStateException("Only a confirmed registration is released");
        }
        status = RegistrationStatus.RELEASED;
        changes.add(new Change(RegistrationMessageType.RELEASED, RegistrationStatus.CONFIRMED));
    }

    /**
     * Issue 17: a RELEASED registrant takes a place back (CONFIRMED again), the caller having checked
     * that one is free by the rule of registering ({@link Places}); only before the event starts.
     *
     * @param phase where the event stands now
     * @throws TooLateToChange when the event has started ({@code event-past}) or ended
     * @throws RegistrationNotActive unless RELEASED
     */
    void takePlaceBack(Phase phase) {
        requireNotEnded(phase);
        if (phase != Phase.UPCOMING) {
            throw new TooLateToChange(TooLateToChange.Why.EVENT_STARTED);
        }
        if (status != RegistrationStatus.RELEASED) {
            throw new RegistrationNotActive(status);
        }
        status = RegistrationStatus.CONFIRMED;
        changes.add(new Change(RegistrationMessageType.CONFIRMED, RegistrationStatus.RELEASED));
    }

    /**
     * Forgets who the person was, their answers included; the place, the status and the counts stay.
     *
     * @return whether this call erased it (false when it was erased before)
     */
    boolean erasePersonalData(Instant now) {
        if (personalDataErasedAt != null) {
            return false;
        }
        name = null;
        email = null;
        organisation = null;
        answers = Map.of();
        personalDataErasedAt = now;
        return true;
    }

    private static void requireNotEnded(Phase phase) {
        if (phase == Phase.ENDED) {
            throw new TooLateToChange(TooLateToChange.Why.EVENT_ENDED);
        }
    }

    private void requirePending() {
        if (status != RegistrationStatus.PENDING) {
            throw new RegistrationNotPending(status);
        }
    }

    List<Change> takeChanges() {
        List<Change> taken = List.copyOf(changes);
        changes.clear();
        return taken;
    }

    boolean isErased() {
        return personalDataErasedAt != null;
    }

    UUID id() {
        return id;
    }

    UUID eventId() {
        return eventId;
    }

    RegistrationStatus status() {
        return status;
    }

    Long waitlistSeq() {
        return waitlistSeq;
    }

    String name() {
        return name;
    }

    String email() {
        return email;
    }

    String organisation() {
        return organisation;
    }

    String language() {
        return language;
    }

    String timeZone() {
        return timeZone;
    }

    String interpretationLanguage() {
        return interpretationLanguage;
    }

    /** The answers to the event's questions by question id; empty when none, or erased. */
    Map<String, Object> answers() {
        return answers;
    }

    CancelledBy cancelledBy() {
        return cancelledBy;
    }

    Instant personalDataErasedAt() {
        return personalDataErasedAt;
    }

    Instant createdAt() {
        return createdAt;
    }

    /** The series subscription that made this registration (issue 17), or null. */
    UUID subscriptionId() {
        return subscriptionId;
    }
}
