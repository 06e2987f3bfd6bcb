package org.museumevents.notification.planning;

import java.util.Optional;
import org.museumevents.notification.event.EventSnapshot;

/**
 * What a newer version of an event means for its active registrants: a cancellation is told once
 * (a repeated one tells nobody again); a change of when, where or how to join is told; other
 * changes (titles, descriptions, capacity) are not.
 */
enum EventChange {
    CANCELLED,
    PRACTICAL_DETAILS_CHANGED,
    NOTHING_TO_TELL;

    /**
     * @param previous the version known before, if any
     * @param incoming the newer version
     * @param cancellation whether the announcement cancels the event
     */
    static EventChange between(Optional<EventSnapshot> previous, EventSnapshot incoming, boolean cancellation) {
        if (cancellation) {
            return previous.isEmpty() || !previous.get().cancelled() ? CANCELLED : NOTHING_TO_TELL;
        }
        return previous.isPresent() && incoming.practicalDetailsDifferFrom(previous.get())
                ? PRACTICAL_DETAILS_CHANGED
                : NOTHING_TO_TELL;
    }
}
