package org.museumevents.registration.subscription;

import java.time.Instant;
import java.util.UUID;
import org.museumevents.registration.registration.RegistrationRequest;

/**
 * Someone following a series (issue 17). Name, email, organisation and the answers are personal
 * data: null (answers empty) once erased.
 *
 * @param request the body as given (email as stored and sent), answers included; null once erased
 * @param createdAt when it was made (UTC)
 * @param cancelledAt when it was cancelled (UTC), null while ACTIVE
 */
record Subscription(
        UUID id,
        UUID seriesId,
        String status,
        RegistrationRequest request,
        String language,
        String timeZone,
        String interpretationLanguage,
        Instant createdAt,
        Instant cancelledAt) {

    static final String ACTIVE = "ACTIVE";
    static final String CANCELLED = "CANCELLED";

    boolean isActive() {
        return ACTIVE.equals(status);
    }
}
