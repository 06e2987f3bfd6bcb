package org.museumevents.notification.registrant;

import java.util.UUID;

/**
 * Someone registered for an event, with what the emails need: where to write, in which language
 * and time zone, and the link to manage the registration.
 *
 * @param checkInCode the registration's check-in code as last announced (issue 16: 22 base64url
 *     characters, only while CONFIRMED for an event that is not online), else null; a secret, never
 *     logged, null once erased
 * @param subscriptionId the series subscription the registration came from (issue 17), else null
 * @param subscriptionUrl the page managing that subscription ("stop following"), with a token: the
 *     latest announced, null without a subscription and once erased; never logged
 * @param reconfirmUrl the page where the registrant says "I come" or takes a released place back
 *     (issue 17), with a token: the latest announced, null once erased; never logged
 * @param declineUrl the page where the registrant frees their place (issue 17), with a token: the
 *     latest announced, null once erased; never logged
 */
public record Registrant(
        UUID registrationId,
        UUID eventId,
        RegistrationStatus status,
        String name,
        String email,
        String organisation,
        String language,
        String timeZone,
        String manageUrl,
        Integer waitlistPosition,
        String checkInCode,
        UUID subscriptionId,
        String subscriptionUrl,
        String reconfirmUrl,
        String declineUrl) {

    /** A registrant without the links of issue 17 (no subscription, no reconfirmation links). */
    public Registrant(
            UUID registrationId,
            UUID eventId,
            RegistrationStatus status,
            String name,
            String email,
            String organisation,
            String language,
            String timeZone,
            String manageUrl,
            Integer waitlistPosition,
            String checkInCode) {
        this(
                registrationId,
                eventId,
                status,
                name,
                email,
                organisation,
                language,
                timeZone,
                manageUrl,
                waitlistPosition,
                checkInCode,
                null,
                null,
                null,
                null);
    }

    /** A registrant without a check-in code. */
    public Registrant(
            UUID registrationId,
            UUID eventId,
            RegistrationStatus status,
            String name,
            String email,
            String organisation,
            String language,
            String timeZone,
            String manageUrl,
            Integer waitlistPosition) {
        this(
                registrationId,
                eventId,
                status,
                name,
                email,
                organisation,
                language,
                timeZone,
                manageUrl,
                waitlistPosition,
                null);
    }

    /** Still expecting to attend or waiting for a place: these hear about changes to the event. */
    public boolean active() {
        return status == RegistrationStatus.CONFIRMED
                || status == RegistrationStatus.WAITLISTED
                || status == RegistrationStatus.PENDING;
    }

    public boolean confirmed() {
        return status == RegistrationStatus.CONFIRMED;
    }

    /** Whether an email can reach them: false once their personal data is erased. */
    public boolean reachable() {
        return email != null && !email.isBlank();
    }

    /**
     * This announcement completed with what was known of the registration {@code before}: an
     * erased registrant stays erased (their personal fields null, whatever the announcement says);
     * otherwise the fields the announcement leaves out keep their known values, but the check-in
     * code, which is the announcement's (null when the registration has none now). The links of
     * issue 17 (subscription, reconfirm, decline) keep the latest announced: registration-service
     * sets the reconfirmation links on some types only, and every token it minted stays valid.
     */
    public Registrant withPersonalDataOf(Registrant before) {
        if (!before.reachable()) {
            return new Registrant(
                    registrationId,
                    eventId,
                    status,
                    null,
                    null,
                    null,
                    language != null ? language : before.language,
                    null,
                    null,
                    waitlistPosition,
                    null,
                    subscriptionId != null ? subscriptionId : before.subscriptionId,
                    null,
                    null,
                    null);
        }
        return new Registrant(
                registrationId,
                eventId,
                status,
                name != null ? name : before.name,
                reachable() ? email : before.email,
                organisation != null ? organisation : before.organisation,
                language != null ? language : before.language,
                timeZone != null ? timeZone : before.timeZone,
                manageUrl != null ? manageUrl : before.manageUrl,
                waitlistPosition,
                checkInCode,
                subscriptionId != null ? subscriptionId : before.subscriptionId,
                subscriptionUrl != null ? subscriptionUrl : before.subscriptionUrl,
                reconfirmUrl != null ? reconfirmUrl : before.reconfirmUrl,
                declineUrl != null ? declineUrl : before.declineUrl);
    }
}
