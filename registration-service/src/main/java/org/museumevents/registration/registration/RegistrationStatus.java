package org.museumevents.registration.registration;

/**
 * Where a registration stands. CONFIRMED and PENDING hold a place; WAITLISTED waits for one; REJECTED,
 * CANCELLED and RELEASED (issue 17) are over.
 */
public enum RegistrationStatus {
    CONFIRMED,
    WAITLISTED,
    PENDING,
    REJECTED,
    CANCELLED,
    /**
     * Issue 17: a CONFIRMED registration whose place was released because the registrant, asked and
     * reminded to reconfirm, stayed silent past the deadline. It holds no place; the registrant may
     * take one back while one is free.
     */
    RELEASED;

    boolean isActive() {
        return this == CONFIRMED || this == WAITLISTED || this == PENDING;
    }

    boolean holdsPlace() {
        return this == CONFIRMED || this == PENDING;
    }
}
