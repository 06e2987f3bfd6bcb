package org.museumevents.gateway.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One of an event's messages from its organisers, as notification-service lists it (docs/api.md,
 * Notification, issue 15).
 *
 * @param recipients the statuses written to: {@code CONFIRMED}, {@code WAITLISTED}, {@code PENDING}
 * @param subject the subject by language ({@code fr}, {@code en}, {@code es})
 * @param body the plain-text body by language
 * @param sendAt when it is (or was) sent, an instant (shown in the event's zone)
 * @param status {@code SCHEDULED}, {@code SENDING} or {@code SENT}
 * @param counts the emails planned at {@code sendAt} (0 before), sent, and failed for good
 * @param kind {@code MESSAGE} for an organiser's message, {@code FOLLOW_UP} for the event's
 *     follow-up (its subject empty); null from a service that does not say
 * @param links the follow-up's links; empty for a message
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventMessage(
        UUID id,
        UUID eventId,
        List<String> recipients,
        Map<String, String> subject,
        Map<String, String> body,
        Instant sendAt,
        Instant createdAt,
        String status,
        Counts counts,
        String kind,
        List<Event.Link> links) {

    public EventMessage {
        links = links == null ? List.of() : List.copyOf(links);
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        subject = subject == null ? Map.of() : subject;
        body = body == null ? Map.of() : body;
        counts = counts == null ? new Counts(0, 0, 0) : counts;
    }

    /** @return whether this is the event's follow-up (kind {@code FOLLOW_UP}), not a message */
    public boolean isFollowUp() {
        return "FOLLOW_UP".equals(kind);
    }

    /** Numbers of emails: planned when the message fell due, sent, failed for good. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Counts(int planned, int sent, int failed) {}

    /**
     * What {@code POST /api/events/{id}/messages} takes; {@code sendAt} null means now. Empty
     * languages are left out of {@code subject} and {@code body}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Draft(
            List<String> recipients, Map<String, String> subject, Map<String, String> body, Instant sendAt) {}

    /**
     * What {@code POST /api/events/{id}/messages/preview} takes: a draft, and the status and
     * language ({@code fr}, {@code en} or {@code es}; null: the event's default) of the sample
     * registrant it is written to.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PreviewRequest(
            List<String> recipients,
            Map<String, String> subject,
            Map<String, String> body,
            Instant sendAt,
            String status,
            String language) {}

    /** A previewed email: its subject and plain text as the registrant would receive them. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Preview(String subject, String text) {}
}
