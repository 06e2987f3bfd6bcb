package org.museumevents.registration.registration;

/**
 * What the place-taking statement decided for a new registration, under the event's row lock: a
 * place, a place on the waiting list, or nothing (full, no waiting list). Also the value of the
 * event row's {@code last_outcome}.
 */
enum Placement {
    PLACED,
    WAITLISTED,
    FULL
}
