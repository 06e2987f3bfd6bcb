package org.museumevents.notification.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.museumevents.notification.planning.RegistrationOutcome;
import org.museumevents.notification.planning.RegistrationOutcome.Outcome;
import org.museumevents.notification.registrant.Registrant;
import org.museumevents.notification.registrant.RegistrationStatus;

/**
 * A registration outcome on {@code registration.events}, with the fields the emails need; or a
 * {@code RegistrationErased}, with its ids only. After an erasure the outcomes come without name and
 * email. {@code checkInCode} (issue 16): only on a CONFIRMED registration of an event that is not
 * online; never logged. Issue 17: {@code subscriptionId} and {@code subscriptionUrl} (a registration
 * made by a series subscription), {@code reconfirmUrl} and {@code declineUrl} (set on the
 * reconfirmation types and {@code RegistrationReleased}); the URLs hold tokens, never logged.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record RegistrationMessage(
        UUID id,
        String type,
        Instant occurredAt,
        UUID registrationId,
        UUID eventId,
        RegistrationStatus status,
        RegistrationStatus previousStatus,
        Integer waitlistPosition,
        String name,
        String email,
        String organisation,
        String language,
        String timeZone,
        String manageUrl,
        String cancelledBy,
        String checkInCode,
        Instant checkedInAt,
        UUID subscriptionId,
        String subscriptionUrl,
        String reconfirmUrl,
        String declineUrl) {

    /** Issue 16: the registration now counts as attended. */
    static final String ATTENDED = "RegistrationAttended";

    /** Issue 16: the registration no longer counts as attended. */
    static final String ATTENDANCE_UNDONE = "RegistrationAttendanceUndone";

    /** Whether it tells of attendance ({@link #ATTENDED} or {@link #ATTENDANCE_UNDONE}): no email. */
    boolean attendance() {
        return ATTENDED.equals(type) || ATTENDANCE_UNDONE.equals(type);
    }

    private static final Map<String, Outcome> OUTCOMES = Map.of(
            "RegistrationConfirmed", Outcome.CONFIRMED,
            "RegistrationWaitlisted", Outcome.WAITLISTED,
            "RegistrationPending", Outcome.PENDING,
            "RegistrationPromoted", Outcome.PROMOTED,
            "RegistrationRejected", Outcome.REJECTED,
            "RegistrationCancelled", Outcome.CANCELLED,
            // Issue 17: reconfirmation.
            "RegistrationReconfirmationRequested", Outcome.RECONFIRMATION_REQUESTED,
            "RegistrationReconfirmationReminded", Outcome.RECONFIRMATION_REMINDED,
            "RegistrationReconfirmed", Outcome.RECONFIRMED,
            "RegistrationReleased", Outcome.RELEASED);

    /**
     * The organiser erased the registrant's personal data: the body carries only the ids, and the
     * registration's later announcements come without name or email.
     */
    static final String ERASED = "RegistrationErased";

    /** Whether it is a {@link #ERASED}. */
    boolean erasure() {
        return ERASED.equals(type);
    }

    /** One of the outcomes this service reads; others are skipped, so the producer may add some. */
    boolean known() {
        return type != null && OUTCOMES.containsKey(type);
    }

    /** For an {@link #attendance()} message: whether the registration now counts as attended. */
    boolean attended() {
        return ATTENDED.equals(type);
    }

    /** The announcement, for planning; only for a {@link #known()} type. */
    RegistrationOutcome outcome() {
        Outcome outcome = OUTCOMES.get(type);
        boolean byEventCancellation = outcome == Outcome.CANCELLED && "EVENT_CANCELLED".equals(cancelledBy);
        return new RegistrationOutcome(outcome, registrant(), previousStatus, byEventCancellation);
    }

    private Registrant registrant() {
        // The type decides the status when the body leaves it out.
        RegistrationStatus newStatus =
                status != null ? status : OUTCOMES.get(type).status();
        return new Registrant(
                registrationId,
                eventId,
                newStatus,
                blankToNull(name),
                blankToNull(email),
                organisation,
                language,
                timeZone,
                manageUrl,
                newStatus == RegistrationStatus.WAITLISTED ? waitlistPosition : null,
                newStatus == RegistrationStatus.CONFIRMED ? blankToNull(checkInCode) : null,
                subscriptionId,
                blankToNull(subscriptionUrl),
                blankToNull(reconfirmUrl),
                blankToNull(declineUrl));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
