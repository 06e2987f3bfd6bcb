package org.museumevents.registration.registration;

/** Who ended a registration. */
public enum CancelledBy {
    REGISTRANT,
    ORGANISER,
    EVENT_CANCELLED
}
