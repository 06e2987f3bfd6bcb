package org.museumevents.registration.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An event as the catalog last described it, reduced to what registration needs.
 *
 * @param questions the event's registration questions, in order (issue 15); empty when it asks none
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
        List<Question> questions) {

    /** Null questions are none: a catalog message without {@code questions} asks nothing. */
    public EventSnapshot {
        questions = questions == null ? List.of() : List.copyOf(questions);
    }
}
