package org.museumevents.notification.message;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/events/{eventId}/messages}, checked by {@link MessageRules}.
 *
 * @param recipients the registration statuses whose registrants receive it, judged at {@code
 *     sendAt}: {@code CONFIRMED}, {@code WAITLISTED}, {@code PENDING}
 * @param subject one line by language code ({@code fr}, {@code en}, {@code es}), at least one
 * @param body plain text by language code, at least one
 * @param sendAt when to send it (an instant; absent: now)
 */
record MessageRequest(List<String> recipients, Map<String, String> subject, Map<String, String> body, Instant sendAt) {}
