package org.museumevents.registration.registration;

/** Where a registration stands. CONFIRMED and PENDING hold a place; WAITLISTED waits for one. */
public enum RegistrationStatus {
    CONFIRMED,
    WAITLISTED,
    PENDING,
    REJECTED,
    CANCELLED;

    boolean isActive() {
        return this == CONFIRMED || this == WAITLISTED || this == PENDING;
    }

    boolean holdsPlace() {
        return this == CONFIRMED || this == PENDING;
    }
}
