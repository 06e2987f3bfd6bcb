package org.museumevents.registration.registration;

/** Only an active registration can be cancelled; answered 409 {@code registration-not-active}. */
class RegistrationNotActive extends RuntimeException {

    private final RegistrationStatus status;

    RegistrationNotActive(RegistrationStatus status) {
        super("registration-not-active: " + status, null, false, false);
        this.status = status;
    }

    /** The status it already has: REJECTED or CANCELLED. */
    RegistrationStatus status() {
        return status;
    }
}
