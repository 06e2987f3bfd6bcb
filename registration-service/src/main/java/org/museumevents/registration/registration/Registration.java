package org.museumevents.registration.registration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A person's registration for an event. Its transitions check their invariant, throw a domain
 * exception when it does not hold (answered by {@link RegistrationProblems}), and record the
 * message that tells the outside world; the service loads, calls, saves.
 *
 * <p>A new registration is not made here but by {@link RegisterStatement}, which takes the place;
 * the status it gets with a place is {@link #statusWithAPlace}, the approval rule of both.
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
    private CancelledBy cancelledBy;
    private Instant personalDataErasedAt;
    private final Instant createdAt;
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
            CancelledBy cancelledBy,
            Instant personalDataErasedAt,
            Instant createdAt) {
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
        this.cancelledBy = cancelledBy;
        this.personalDataErasedAt = personalDataErasedAt;
        this.createdAt = createdAt;
    }

    /**
     * The approval rule: a place, taken at registration or given from the waiting list, is PENDING
     * the organiser's decision when the event requires approval, else CONFIRMED.
     */
    static RegistrationStatus statusWithAPlace(boolean requiresApproval) {
        return requiresApproval ? RegistrationStatus.PENDING : RegistrationStatus.CONFIRMED;
    }

    /**
     * Ends an active registration; a held place is freed by the caller's recount.
     *
     * @throws RegistrationNotActive when it is already REJECTED or CANCELLED
     */
    void cancel(CancelledBy by) {
        if (!status.isActive()) {
            throw new RegistrationNotActive(status);
        }
        RegistrationStatus previous = status;
        status = RegistrationStatus.CANCELLED;
        cancelledBy = by;
        waitlistSeq = null;
        changes.add(new Change(RegistrationMessageType.CANCELLED, previous));
    }

    /** @throws RegistrationNotPending unless PENDING */
    void approve() {
        requirePending();
        status = RegistrationStatus.CONFIRMED;
        changes.add(new Change(RegistrationMessageType.CONFIRMED, RegistrationStatus.PENDING));
    }

    /** @throws RegistrationNotPending unless PENDING */
    void reject() {
        requirePending();
        status = RegistrationStatus.REJECTED;
        changes.add(new Change(RegistrationMessageType.REJECTED, RegistrationStatus.PENDING));
    }

    /**
     * A freed place for the first waiting: confirmed, or pending the organiser's approval.
     *
     * @throws IllegalStateException unless WAITLISTED: only the waiting list's own code promotes
     */
    void promote(boolean requiresApproval) {
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
     * Forgets who the person was; the place, the status and the counts stay.
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
        personalDataErasedAt = now;
        return true;
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

    CancelledBy cancelledBy() {
        return cancelledBy;
    }

    Instant personalDataErasedAt() {
        return personalDataErasedAt;
    }

    Instant createdAt() {
        return createdAt;
    }
}
