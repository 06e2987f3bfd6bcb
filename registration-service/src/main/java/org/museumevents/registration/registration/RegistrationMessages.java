package org.museumevents.registration.registration;

import java.time.Instant;
import java.util.Arrays;
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
            String token = registration.isErased() ? null : tokens.mint(registration.id(), now);
            String manageUrl = token == null ? null : properties.manageUrl(registration.id(), token);
            RegistrationMessage message = withLinks(
                    of(
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
                            subscriptionUrl(registration, now)),
                    change.type(),
                    registration,
                    token);
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
        String token = registration.isErased() ? null : tokens.mint(registration.id(), now);
        String manageUrl = token == null ? null : properties.manageUrl(registration.id(), token);
        RegistrationMessage plain = of(
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
        RegistrationMessage message = Arrays.stream(RegistrationMessageType.values())
                .filter(t -> t.typeName().equals(type))
                .findFirst()
                .map(t -> withLinks(plain, t, registration, token))
                .orElse(plain);
        outbox.add(RegistrationMessage.DESTINATION, registration.eventId().toString(), type, messageId, now, message);
    }

    /**
     * The message with {@code reconfirmUrl} and {@code declineUrl} (issue 17) when its type carries
     * them ({@link RegistrationMessageType#carriesReconfirmationLinks}), made with the same token as
     * its manage link; unchanged otherwise and when erased ({@code token} null).
     */
    private RegistrationMessage withLinks(
            RegistrationMessage m, RegistrationMessageType type, Registration registration, String token) {
        if (token == null || !type.carriesReconfirmationLinks()) {
            return m;
        }
        return new RegistrationMessage(
                m.id(),
                m.type(),
                m.occurredAt(),
                m.registrationId(),
                m.eventId(),
                m.status(),
                m.previousStatus(),
                m.waitlistPosition(),
                m.name(),
                m.email(),
                m.organisation(),
                m.language(),
                m.timeZone(),
                m.interpretationLanguage(),
                m.manageUrl(),
                m.cancelledBy(),
                m.checkInCode(),
                m.checkedInAt(),
                m.subscriptionId(),
                m.subscriptionUrl(),
                properties.reconfirmUrl(registration.id(), token),
                properties.declineUrl(registration.id(), token));
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
                subscriptionUrl,
                null,
                null);
    }
}
