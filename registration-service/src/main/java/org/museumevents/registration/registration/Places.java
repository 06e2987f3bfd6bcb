package org.museumevents.registration.registration;

import org.museumevents.registration.event.Event;

/**
 * The rule of places and the waiting list, and the one place it is decided: a new registration
 * gets a place while one is left and nobody waits, else a place on the waiting list if the event
 * keeps one, else nothing ({@link Placement#FULL}). It starts from the counters of the event's
 * row as read under its lock ({@link RegisterGroup}) and keeps counting through one group of
 * registrations, in their order of arrival, so each sees the places its predecessors took.
 */
final class Places {

    private final Integer capacity;
    private final boolean waitlistEnabled;
    private int taken;
    private int waitlisted;
    private long waitlistSeq;
    private int placedHere;
    private int waitlistedHere;

    /**
     * @param event the event as locked: its capacity (null: unlimited), waiting-list setting and
     *     counters
     * @param waitlistSeq the event row's last waiting-list sequence number
     */
    Places(Event event, long waitlistSeq) {
        this.capacity = event.capacity();
        this.waitlistEnabled = event.waitlistEnabled();
        this.taken = event.taken();
        this.waitlisted = event.waitlisted();
        this.waitlistSeq = waitlistSeq;
    }

    /** Decides the next registration's placement and counts it. */
    Placement take() {
        // A capacity lowered in the catalog may leave taken > capacity: nobody new gets a place then.
        if ((capacity == null || taken < capacity) && waitlisted == 0) {
            taken++;
            placedHere++;
            return Placement.PLACED;
        }
        if (waitlistEnabled) {
            waitlisted++;
            waitlistSeq++;
            waitlistedHere++;
            return Placement.WAITLISTED;
        }
        return Placement.FULL;
    }

    /** After a WAITLISTED {@link #take()}: the waiting list's length, the new one's position (1 = first). */
    int lastPosition() {
        return waitlisted;
    }

    /** After a WAITLISTED {@link #take()}: the new one's order of acceptance on the waiting list. */
    long lastWaitlistSeq() {
        return waitlistSeq;
    }

    /** Places taken by this group: what the event's {@code taken} counter moves by. */
    int placedHere() {
        return placedHere;
    }

    /** Waiting-list places taken by this group: what {@code waitlisted} and {@code waitlist_seq} move by. */
    int waitlistedHere() {
        return waitlistedHere;
    }
}
