package org.museumevents.registration.registration;

import java.time.Instant;
import java.util.UUID;

/**
 * A message on {@code registration.events} (key: the event id). The same shape for every type:
 * {@code RegistrationConfirmed}, {@code RegistrationWaitlisted}, {@code RegistrationPending},
 * {@code RegistrationPromoted}, {@code RegistrationRejected}, {@code RegistrationCancelled}, and (issue 16)
 * {@code RegistrationAttended} and {@code RegistrationAttendanceUndone} when a CONFIRMED registration's
 * attendance changes (at the door, marked by hand or imported). It carries
 * what the notifier needs to write to the person, including a manage link with a fresh token;
 * once the registration's personal data is erased ({@link RegistrationErased}), {@code name}, {@code
 * email}, {@code organisation} and {@code manageUrl} are null and the rest is kept.
 * {@code checkedInAt} (UTC) is when the person was recorded as attending: set on {@code
 * RegistrationAttended}, null on every other type.
 * {@code checkInCode} (issue 16): the registration's check-in code (22 base64url characters), only when the
 * status is {@code CONFIRMED} and the event is not {@code ONLINE}, else null; null after erasure.
 * {@code subscriptionId} (issue 17): the series subscription that made the registration, null when the
 * person registered themselves; {@code subscriptionUrl}: {@code <publicBaseUrl>/subscriptions/<id>?token=<t>}
 * with a fresh subscription token, to stop following the series; null without a subscription and after
 * erasure.
 * Issue 17: the types {@code RegistrationReconfirmationRequested}, {@code
 * RegistrationReconfirmationReminded}, {@code RegistrationReconfirmed} (status CONFIRMED) and {@code
 * RegistrationReleased} (status RELEASED, previousStatus CONFIRMED); a released registrant taking a
 * place back is a {@code RegistrationConfirmed} with previousStatus RELEASED. {@code reconfirmUrl} and
 * {@code declineUrl} ({@code <publicBaseUrl>/registrations/<id>/reconfirm?token=<t>} and {@code
 * .../decline?token=<t>}, with the same fresh token as {@code manageUrl}) are set on the request, its
 * reminder and the release; null on every other type and after erasure.
 * Examples per type: {@code src/test/resources/messages/<type>.json}.
 */
public record RegistrationMessage(
        UUID id,
        String type,
        Instant occurredAt,
        UUID registrationId,
        UUID eventId,
        String status,
        String previousStatus,
        Integer waitlistPosition,
        String name,
        String email,
        String organisation,
        String language,
        String timeZone,
        String interpretationLanguage,
        String manageUrl,
        String cancelledBy,
        String checkInCode,
        Instant checkedInAt,
        UUID subscriptionId,
        String subscriptionUrl,
        String reconfirmUrl,
        String declineUrl) {

    public static final String DESTINATION = "registration.events";
}
