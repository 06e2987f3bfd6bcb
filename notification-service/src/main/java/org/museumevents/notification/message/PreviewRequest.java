package org.museumevents.notification.message;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The body of {@code POST /api/events/{eventId}/messages/preview}: a message as for {@link
 * MessageRequest}, and whom to preview it for: one registration of the event, or a registrant of a
 * status (one of {@code recipients}' values) with a sample name, writing in {@code language} ({@code
 * fr}, {@code en} or {@code es}; absent: the event's default language).
 */
record PreviewRequest(
        List<String> recipients,
        Map<String, String> subject,
        Map<String, String> body,
        Instant sendAt,
        UUID registrationId,
        String status,
        String language) {

    MessageRequest message() {
        return new MessageRequest(recipients, subject, body, sendAt);
    }
}
