package org.museumevents.notification.registrant;

/** The statuses registration-service announces. */
public enum RegistrationStatus {
    CONFIRMED,
    WAITLISTED,
    PENDING,
    REJECTED,
    CANCELLED
}
