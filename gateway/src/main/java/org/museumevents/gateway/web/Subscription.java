package org.museumevents.gateway.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A series subscription as its subscriber sees it with its token ({@code GET
 * /api/subscriptions/{id}?token=}, docs/api.md, issue 17).
 *
 * @param status {@code ACTIVE} or {@code CANCELLED}
 * @param createdAt when the series was followed, UTC
 * @param cancelledAt when it stopped, UTC; null while active
 * @param registrations every registration it made, soonest first
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Subscription(
        UUID id,
        UUID seriesId,
        String status,
        String name,
        String email,
        String organisation,
        String language,
        String timeZone,
        String interpretationLanguage,
        Instant createdAt,
        Instant cancelledAt,
        List<Session> registrations) {

    public Subscription {
        registrations = registrations == null ? List.of() : registrations;
    }

    public boolean isActive() {
        return "ACTIVE".equals(status);
    }

    /**
     * @param now the present instant
     * @return the registrations of the occurrences not started yet, soonest first
     */
    public List<Session> ahead(Instant now) {
        return registrations.stream()
                .filter(session ->
                        session.startsAt() == null || session.startsAt().isAfter(now))
                .toList();
    }

    /**
     * One registration a subscription made, for one occurrence.
     *
     * @param status {@code CONFIRMED}, {@code WAITLISTED} (with {@code waitlistPosition}), {@code
     *     PENDING}, {@code CANCELLED}, {@code REJECTED} or {@code RELEASED}
     * @param startsAt the occurrence's start, UTC; null when the service does not say
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Session(
            UUID eventId, UUID id, String status, Integer waitlistPosition, Instant startsAt, Instant endsAt) {}

    /**
     * The answer to {@code POST /api/series/{seriesId}/subscriptions}: the token opens the
     * subscription's own page.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Created(UUID id, UUID seriesId, String token, List<Session> registrations) {

        public Created {
            registrations = registrations == null ? List.of() : registrations;
        }
    }

    /** {@code GET /api/series/{seriesId}/followers}: the active subscriptions, and the cancelled ones. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Followers(UUID seriesId, long followers, long cancelled) {}
}
