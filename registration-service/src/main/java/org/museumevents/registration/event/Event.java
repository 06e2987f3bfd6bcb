package org.museumevents.registration.event;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An event with its place counters, as read from the database. Its instants ({@code opensAt},
 * {@code closesAt}, {@code startsAt}, {@code endsAt}) are the catalog's, stored as {@code
 * timestamptz} and compared as {@link Instant}s: no time zone, the JVM's or the database session's,
 * takes part in any rule here.
 *
 * @param partnerOrganisations the organisations (slugs) that co-organise it (issue 16), empty when
 *     none; see {@link EventAccess}
 */
public record Event(
        UUID id,
        String organisation,
        String status,
        Integer capacity,
        boolean requiresApproval,
        boolean waitlistEnabled,
        Instant opensAt,
        Instant closesAt,
        Instant startsAt,
        Instant endsAt,
        long version,
        int taken,
        int waitlisted,
        List<String> partnerOrganisations) {

    /** An event without partner organisations. */
    public Event(
            UUID id,
            String organisation,
            String status,
            Integer capacity,
            boolean requiresApproval,
            boolean waitlistEnabled,
            Instant opensAt,
            Instant closesAt,
            Instant startsAt,
            Instant endsAt,
            long version,
            int taken,
            int waitlisted) {
        this(
                id,
                organisation,
                status,
                capacity,
                requiresApproval,
                waitlistEnabled,
                opensAt,
                closesAt,
                startsAt,
                endsAt,
                version,
                taken,
                waitlisted,
                List.of());
    }

    public Event {
        partnerOrganisations = partnerOrganisations == null ? List.of() : List.copyOf(partnerOrganisations);
    }

    /** Whether {@code organisation} owns the event or co-organises it as a partner. */
    public boolean isOwnerOrPartner(String organisation) {
        return organisation.equals(this.organisation) || partnerOrganisations.contains(organisation);
    }

    /**
     * The registration window, and the one place it is decided: why nobody may register at {@code
     * now}, if so. Registering applies it to the event as read under its row lock, so no catalog
     * change slips in between (see {@code RegisterGroup}); the availability shows it. Whether a place
     * is left is not decided here but by {@code Places}, under the same lock.
     *
     * @param now the instant of the request
     * @return the first refusal that applies, in this order: cancelled, started, not open yet,
     *     closed; empty when the event takes registrations at {@code now}
     */
    public Optional<Refusal> refusalAt(Instant now) {
        if ("CANCELLED".equals(status)) {
            return Optional.of(Refusal.EVENT_CANCELLED);
        }
        if (!now.isBefore(startsAt)) {
            return Optional.of(Refusal.EVENT_PAST);
        }
        if (opensAt != null && now.isBefore(opensAt)) {
            return Optional.of(Refusal.REGISTRATION_NOT_OPEN);
        }
        if (closesAt != null && !now.isBefore(closesAt)) {
            return Optional.of(Refusal.REGISTRATION_CLOSED);
        }
        return Optional.empty();
    }

    /**
     * Where the event stands at {@code now}, the one place its start and end are compared with the
     * clock for the rules on changing a registration (docs/api.md, "Registration": "Changing a
     * registration around the event").
     *
     * @param now the instant of the change, from the service's {@link java.time.Clock}
     * @return {@link Phase#ENDED} from {@code endsAt} on, {@link Phase#UNDER_WAY} from {@code
     *     startsAt} on, else {@link Phase#UPCOMING}
     */
    public Phase phaseAt(Instant now) {
        if (!now.isBefore(endsAt)) {
            return Phase.ENDED;
        }
        return hasStarted(now) ? Phase.UNDER_WAY : Phase.UPCOMING;
    }

    /** Before, during or after the event, each bound belonging to the later phase. */
    public enum Phase {
        /** Before {@code startsAt}. */
        UPCOMING,
        /** From {@code startsAt} (included) to {@code endsAt} (excluded). */
        UNDER_WAY,
        /** From {@code endsAt} on. */
        ENDED
    }

    /** Whether the event page and registering may see it: published, or cancelled (to say so). */
    public boolean isVisible() {
        return "PUBLISHED".equals(status) || "CANCELLED".equals(status);
    }

    /** Whether the catalog cancelled the event. */
    public boolean isCancelled() {
        return "CANCELLED".equals(status);
    }

    /** Whether {@code startsAt} is {@code now} or before: from then on nobody registers nor is promoted. */
    public boolean hasStarted(Instant now) {
        return !now.isBefore(startsAt);
    }

    /** Places a waiting registrant could take now; {@link Integer#MAX_VALUE} when unlimited. */
    public int freePlaces() {
        return capacity == null ? Integer.MAX_VALUE : Math.max(0, capacity - taken);
    }
}
