package org.museumevents.registration.registration;

import org.museumevents.registration.event.Refusal;

/** The event takes no registration now; {@link RegistrationProblems} answers it 409 naming the refusal. */
class RegistrationRefused extends RuntimeException {

    private final Refusal refusal;

    RegistrationRefused(Refusal refusal) {
        // An answer to the client, not a fault: no stack trace to fill in on a busy event.
        super(refusal.reason(), null, false, false);
        this.refusal = refusal;
    }

    Refusal refusal() {
        return refusal;
    }
}
