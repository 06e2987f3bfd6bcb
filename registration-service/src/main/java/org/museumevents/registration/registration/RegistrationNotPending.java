package org.museumevents.registration.registration;

/** Only a PENDING registration can be approved or rejected; answered 409 {@code registration-not-pending}. */
class RegistrationNotPending extends RuntimeException {

    private final RegistrationStatus status;

    RegistrationNotPending(RegistrationStatus status) {
        super("registration-not-pending: " + status, null, false, false);
        this.status = status;
    }

    /** The status it has instead. */
    RegistrationStatus status() {
        return status;
    }
}
