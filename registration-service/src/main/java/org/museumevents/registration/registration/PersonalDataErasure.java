package org.museumevents.registration.registration;

import java.time.Instant;
import java.util.UUID;
import org.museumevents.registration.event.EventRepository;
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
    private final EventRepository events;
    private final SubscriptionLinks subscriptions;

    PersonalDataErasure(
            RegistrationRepository registrations,
            RegistrationMessages messages,
            EventRepository events,
            SubscriptionLinks subscriptions) {
        this.registrations = registrations;
        this.messages = messages;
        this.events = events;
        this.subscriptions = subscriptions;
    }

    /**
     * The organiser's erasure of a person: the registration and, when a series subscription made it
     * (issue 17), the subscription's personal data (the subscription is cancelled) and its other
     * registrations, each told as above; the subscription's too when this registration was erased
     * already. Call with the registration locked.
     *
     * @return whether this call erased this registration; an already erased one is left as it is
     */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean erase(Registration registration, Instant now) {
        boolean erased = eraseOne(registration, now);
        // Also when this registration was erased already (by the purge after its event): the
        // subscription that made it, and its other registrations, still hold the person.
        UUID subscriptionId = registration.subscriptionId();
        if (subscriptionId != null) {
            subscriptions.erasePersonalData(subscriptionId, now);
            for (Registration other : registrations.ofSubscription(subscriptionId)) {
                if (other.isErased() || other.id().equals(registration.id())) {
                    continue;
                }
                // Lock order as everywhere: the event, then the registration.
                events.lock(other.eventId());
                registrations.lock(other.id()).ifPresent(locked -> eraseOne(locked, now));
            }
        }
        return erased;
    }

    /**
     * The purge's erasure after the event (retention, not a person's request): this registration
     * only. A series subscription that made it keeps following the series, its personal data kept
     * while it is ACTIVE; the purge erases a cancelled subscription's on its own schedule ({@link
     * SubscriptionLinks#purgeCancelledBefore}). Call with the registration locked.
     *
     * @return whether this call erased it; an already erased registration is left as it is
     */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean purge(Registration registration, Instant now) {
        return eraseOne(registration, now);
    }

    private boolean eraseOne(Registration registration, Instant now) {
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
