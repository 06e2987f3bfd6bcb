package org.museumevents.registration.registration;

/**
 * Issue 17: a RELEASED registrant asked for a place back and none is free by the rule of registering
 * (capacity reached, or people waiting); answered 409 {@code no-place-free}.
 */
class NoPlaceFree extends RuntimeException {

    NoPlaceFree() {
        // An answer to the client, not a fault: no stack trace.
        super("no-place-free", null, false, false);
    }
}
