package org.museumevents.notification.message;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.museumevents.notification.event.FollowUp;

/**
 * An organiser's message, or the event's follow-up, as the API shows it.
 *
 * @param kind {@code MESSAGE} (an organiser's message) or {@code FOLLOW_UP} (the event's follow-up,
 *     sent to confirmed registrants after the end; its subject is empty, the email writes it)
 * @param links a follow-up's links ({@code {label, url}}); empty for a message
 * @param status {@code SCHEDULED} until it falls due, {@code SENDING} while some of its emails are
 *     still to go, {@code SENT} once none is (whether each went out or failed for good)
 * @param sendAt when it is or was due (UTC instant)
 * @param createdAt when it was posted (UTC instant)
 * @param counts its emails: planned (one per registrant it went to), sent, failed for good
 */
record MessageView(
        UUID id,
        UUID eventId,
        String kind,
        List<String> recipients,
        Map<String, String> subject,
        Map<String, String> body,
        List<FollowUp.Link> links,
        Instant sendAt,
        Instant createdAt,
        String status,
        Counts counts) {

    /**
     * @param planned the emails planned when the message fell due (0 before)
     * @param sent those that went out
     * @param failed those given up on
     */
    record Counts(int planned, int sent, int failed) {}
}
