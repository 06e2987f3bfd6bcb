package org.museumevents.registration.registration;

import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erasing a registrant's personal data reaches every store this service owns, and tells the
 * others: the registration row, the registrant's tokens (manage links stop opening it), the
 * idempotency keys (their request hash is a hash of the body), the personal fields of the
 * registration's messages in the outbox, sent or not; then {@link RegistrationErased} goes out for
 * notification-service and any other consumer to forget their copies. Used by the organiser's
 * erasure and by the purge after the event, the same way.
 */
@Component
class PersonalDataErasure {

    private final RegistrationRepository registrations;
    private final RegistrationMessages messages;

    PersonalDataErasure(RegistrationRepository registrations, RegistrationMessages messages) {
        this.registrations = registrations;
        this.messages = messages;
    }

    /**
     * Call with the registration locked.
     *
     * @return whether this call erased it; an already erased registration is left as it is
     */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean erase(Registration registration, Instant now) {
        if (!registration.erasePersonalData(now)) {
            return false;
        }
        registrations.save(registration, now);
        registrations.forgetSecrets(registration.id());
        registrations.scrubMessages(registration.eventId(), registration.id());
        messages.publishErased(registration, now);
        return true;
    }
}
