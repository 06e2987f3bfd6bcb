package org.museumevents.registration.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An event as the catalog last described it, reduced to what registration needs.
 *
 * @param questions the event's registration questions, in order (issue 15); empty when it asks none
 * @param format {@code ONLINE}, {@code IN_PERSON} or {@code HYBRID} as the catalog sent it (issue
 *     16: check-in is for events that are not online); null when the message had none
 * @param partnerOrganisations the organisations (slugs) that co-organise the event (issue 16):
 *     their organisers read its attendees and stats and, with their door staff, check people in;
 *     empty when none
 * @param seriesId the series the event is an occurrence of (issue 17: followers of the series are
 *     registered for it), null when none
 * @param reconfirmation the event's reconfirmation policy (issue 17), null when it has none
 */
public record EventSnapshot(
        UUID id,
        String organisation,
        String status,
        Integer capacity,
        boolean requiresApproval,
        boolean waitlist,
        Instant opensAt,
        Instant closesAt,
        Instant startsAt,
        Instant endsAt,
        long version,
        List<Question> questions,
        String format,
        List<String> partnerOrganisations,
        UUID seriesId,
        ReconfirmationPolicy reconfirmation) {

    /** A snapshot of an event outside any series, without a reconfirmation policy. */
    public EventSnapshot(
            UUID id,
            String organisation,
            String status,
            Integer capacity,
            boolean requiresApproval,
            boolean waitlist,
            Instant opensAt,
            Instant closesAt,
            Instant startsAt,
            Instant endsAt,
            long version,
            List<Question> questions,
            String format,
            List<String> partnerOrganisations) {
        this(
                id,
                organisation,
                status,
                capacity,
                requiresApproval,
                waitlist,
                opensAt,
                closesAt,
                startsAt,
                endsAt,
                version,
                questions,
                format,
                partnerOrganisations,
                null,
                null);
    }

    /** A snapshot without partner organisations. */
    public EventSnapshot(
            UUID id,
            String organisation,
            String status,
            Integer capacity,
            boolean requiresApproval,
            boolean waitlist,
            Instant opensAt,
            Instant closesAt,
            Instant startsAt,
            Instant endsAt,
            long version,
            List<Question> questions,
            String format) {
        this(
                id,
                organisation,
                status,
                capacity,
                requiresApproval,
                waitlist,
                opensAt,
                closesAt,
                startsAt,
                endsAt,
                version,
                questions,
                format,
                List.of());
    }

    /** A snapshot without a known format. */
    public EventSnapshot(
            UUID id,
            String organisation,
            String status,
            Integer capacity,
            boolean requiresApproval,
            boolean waitlist,
            Instant opensAt,
            Instant closesAt,
            Instant startsAt,
            Instant endsAt,
            long version,
            List<Question> questions) {
        this(
                id,
                organisation,
                status,
                capacity,
                requiresApproval,
                waitlist,
                opensAt,
                closesAt,
                startsAt,
                endsAt,
                version,
                questions,
                null);
    }

    /** Null questions (or partners) are none: a catalog message without {@code questions} asks nothing. */
    public EventSnapshot {
        questions = questions == null ? List.of() : List.copyOf(questions);
        partnerOrganisations = partnerOrganisations == null ? List.of() : List.copyOf(partnerOrganisations);
    }
}
