package org.museumevents.notification.registrant;

/** The statuses registration-service announces (docs/api.md, {@code registration.events}). */
public enum RegistrationStatus {
    CONFIRMED,
    WAITLISTED,
    PENDING,
    REJECTED,
    CANCELLED,
    /**
     * Issue 17: released for not reconfirming in time; the place went to the waiting list. Treated
     * like {@link #CANCELLED} by every audience (no reminder, message or follow-up), but the
     * registrant may take a place back while one is free (then CONFIRMED again).
     */
    RELEASED
}
