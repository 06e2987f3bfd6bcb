package org.museumevents.registration.subscription;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.museumevents.registration.registration.SubscriberRegistrations.SubscribedRegistration;

/**
 * A series subscription as its subscriber sees it with its token (issue 17, docs/api.md): its
 * registrations ordered by their occurrence's start; name, email and organisation null once erased.
 */
record SubscriptionView(
        UUID id,
        UUID seriesId,
        @Schema(allowableValues = {"ACTIVE", "CANCELLED"}) String status,
        String name,
        String email,
        String organisation,
        String language,
        String timeZone,
        String interpretationLanguage,
        Instant createdAt,
        Instant cancelledAt,
        List<SubscribedRegistration> registrations) {

    static SubscriptionView of(Subscription s, List<SubscribedRegistration> registrations) {
        return new SubscriptionView(
                s.id(),
                s.seriesId(),
                s.status(),
                s.request() == null ? null : s.request().name(),
                s.request() == null ? null : s.request().email(),
                s.request() == null ? null : s.request().organisation(),
                s.language(),
                s.timeZone(),
                s.interpretationLanguage(),
                s.createdAt(),
                s.cancelledAt(),
                registrations);
    }
}
