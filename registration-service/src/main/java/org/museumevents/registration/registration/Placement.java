package org.museumevents.registration.registration;

/**
 * What {@link Places} decided for a new registration, under the event's row lock: a place, a place
 * on the waiting list, or nothing (full, no waiting list).
 */
enum Placement {
    PLACED,
    WAITLISTED,
    FULL
}
