package org.museumevents.registration.registration;

/** The email already has an active registration for the event; answered 409 {@code duplicate-registration}. */
class AlreadyRegistered extends RuntimeException {

    AlreadyRegistered() {
        super("duplicate-registration", null, false, false);
    }
}
