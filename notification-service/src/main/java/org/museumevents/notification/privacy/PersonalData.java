package org.museumevents.notification.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.museumevents.notification.delivery.NotificationRepository;
import org.museumevents.notification.planning.EventLocks;
import org.museumevents.notification.registrant.RegistrantRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erases this service's copy of registrants' personal data: their name, email, organisation, time
 * zone and manage link (with its token), their recipients in the delivery log, the (hashed) addresses
 * their calendar attachments' sequences are kept under, and their emails not sent yet (dropped). The log keeps its lines, without the address. Under the event's lock, so that
 * no change of the event being applied meanwhile writes an address back.
 */
@Component
public class PersonalData {

    private final EventLocks locks;
    private final RegistrantRepository registrants;
    private final NotificationRepository notifications;
    private final Clock clock;

    PersonalData(
            EventLocks locks, RegistrantRepository registrants, NotificationRepository notifications, Clock clock) {
        this.locks = locks;
        this.registrants = registrants;
        this.notifications = notifications;
        this.clock = clock;
    }

    /**
     * Erases one registration's personal data, in the caller's transaction (the one that records
     * the {@code RegistrationErased} message as processed). Later announcements of the registration
     * come without personal data and are applied to what remains.
     *
     * @return false when the registration is unknown here (nothing to erase)
     * @throws org.springframework.transaction.IllegalTransactionStateException outside a transaction
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean erase(UUID eventId, UUID registrationId) {
        locks.lock(eventId);
        notifications.eraseRecipients(registrationId);
        return registrants.erase(registrationId, clock.instant());
    }

    /**
     * Erases the personal data of every registration of an event, in the caller's transaction.
     *
     * @return how many registrants still had personal data
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int eraseEvent(UUID eventId, Instant now) {
        locks.lock(eventId);
        notifications.eraseRecipientsOfEvent(eventId);
        return registrants.eraseOfEvent(eventId, now);
    }
}
