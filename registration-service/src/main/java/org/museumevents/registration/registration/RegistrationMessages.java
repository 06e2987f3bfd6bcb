package org.museumevents.registration.registration;

import java.time.Instant;
import java.util.UUID;
import org.museumevents.starter.outbox.Outbox;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Turns a registration's recorded changes into {@link RegistrationMessage}s in the outbox. */
@Component
class RegistrationMessages {

    private final Outbox outbox;
    private final Tokens tokens;
    private final RegistrationOutcomes outcomes;
    private final RegistrationProperties properties;
    private final RegistrationRepository registrations;
    private final SubscriptionLinks subscriptions;

    RegistrationMessages(
            Outbox outbox,
            Tokens tokens,
            RegistrationOutcomes outcomes,
            RegistrationProperties properties,
            RegistrationRepository registrations,
            SubscriptionLinks subscriptions) {
        this.outbox = outbox;
        this.tokens = tokens;
        this.outcomes = outcomes;
        this.properties = properties;
        this.registrations = registrations;
        this.subscriptions = subscriptions;
    }

    /**
     * The message's {@code subscriptionUrl} (issue 17): a fresh subscription token for a
     * registration made by a subscription, null otherwise and once erased.
     */
    private String subscriptionUrl(Registration registration, Instant now) {
        if (registration.isErased() || registration.subscriptionId() == null) {
            return null;
        }
        return subscriptions.mintUrl(registration.subscriptionId(), now);
    }

    /**
     * Writes one message per change, and counts it. An erased registration's changes still go out,
     * every field kept but the personal ones: name, email and organisation are null, and no token is
     * minted, so there is no manage link. The check-in code goes with a CONFIRMED registration of an
     * event that is not ONLINE ({@link #checkInCode}).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void publishChanges(Registration registration, Integer waitlistPosition, Instant now) {
        for (Registration.Change change : registration.takeChanges()) {
            outcomes.changed(change);
            UUID messageId = UUID.randomUUID();
            String manageUrl = registration.isErased()
                    ? null
                    : properties.manageUrl(registration.id(), tokens.mint(registration.id(), now));
            RegistrationMessage message = of(
                    messageId,
                    change.type().typeName(),
                    now,
                    registration,
                    registration.status().name(),
                    change.previousStatus() == null
                            ? null
                            : change.previousStatus().name(),
                    waitlistPosition,
                    manageUrl,
                    checkInCode(registration),
                    subscriptionUrl(registration, now));
            outbox.add(
                    RegistrationMessage.DESTINATION,
                    registration.eventId().toString(),
                    change.type().typeName(),
                    messageId,
                    now,
                    message);
        }
    }

    /**
     * Writes one message of {@code type} telling the registration as it is (its status unchanged,
     * {@code previousStatus} null), with a fresh manage link unless its personal data is erased.
     *
     * @param checkedInAt the message's {@code checkedInAt} (UTC), or null
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void publish(Registration registration, String type, Instant checkedInAt, Instant now) {
        UUID messageId = UUID.randomUUID();
        String manageUrl = registration.isErased()
                ? null
                : properties.manageUrl(registration.id(), tokens.mint(registration.id(), now));
        RegistrationMessage message = of(
                messageId,
                type,
                now,
                registration,
                registration.status().name(),
                null,
                null,
                manageUrl,
                null,
                checkedInAt,
                subscriptionUrl(registration, now));
        outbox.add(RegistrationMessage.DESTINATION, registration.eventId().toString(), type, messageId, now, message);
    }

    /** Writes {@link RegistrationErased} for a registration whose personal data was just erased. */
    @Transactional(propagation = Propagation.MANDATORY)
    void publishErased(Registration registration, Instant now) {
        UUID messageId = UUID.randomUUID();
        outbox.add(
                RegistrationMessage.DESTINATION,
                registration.eventId().toString(),
                RegistrationErased.TYPE,
                messageId,
                now,
                new RegistrationErased(
                        messageId, RegistrationErased.TYPE, now, registration.id(), registration.eventId()));
    }

    /**
     * The code a message carries (issue 16): the stored one while the registration is CONFIRMED, not
     * erased, and its event not ONLINE (an unknown format counts as not online, as on the
     * registrant's view); else null.
     */
    private String checkInCode(Registration registration) {
        if (registration.isErased() || registration.status() != RegistrationStatus.CONFIRMED) {
            return null;
        }
        return registrations
                .checkInFacts(registration.id())
                .filter(facts -> !"ONLINE".equals(facts.format()))
                .map(RegistrationRepository.CheckInFacts::code)
                .orElse(null);
    }

    static RegistrationMessage of(
            UUID messageId,
            String type,
            Instant occurredAt,
            Registration r,
            String status,
            String previousStatus,
            Integer waitlistPosition,
            String manageUrl,
            String checkInCode,
            String subscriptionUrl) {
        return of(
                messageId,
                type,
                occurredAt,
                r,
                status,
                previousStatus,
                waitlistPosition,
                manageUrl,
                checkInCode,
                null,
                subscriptionUrl);
    }

    private static RegistrationMessage of(
            UUID messageId,
            String type,
            Instant occurredAt,
            Registration r,
            String status,
            String previousStatus,
            Integer waitlistPosition,
            String manageUrl,
            String checkInCode,
            Instant checkedInAt,
            String subscriptionUrl) {
        return new RegistrationMessage(
                messageId,
                type,
                occurredAt,
                r.id(),
                r.eventId(),
                status,
                previousStatus,
                waitlistPosition,
                r.name(),
                r.email(),
                r.organisation(),
                r.language(),
                r.timeZone(),
                r.interpretationLanguage(),
                manageUrl,
                r.cancelledBy() == null ? null : r.cancelledBy().name(),
                checkInCode,
                checkedInAt,
                r.subscriptionId(),
                subscriptionUrl);
    }
}
