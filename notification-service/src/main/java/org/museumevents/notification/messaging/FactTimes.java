package org.museumevents.notification.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;

/**
 * When the fact that a message announces happened: the time every rule about time is judged at
 * (issue 13), so that a consumer that falls behind decides as it would have on time.
 */
final class FactTimes {

    private static final Logger log = LoggerFactory.getLogger(FactTimes.class);

    /** The CloudEvents {@code time} attribute, in the Kafka protocol binding's binary mode. */
    static final String CE_TIME = "ce_time";

    private FactTimes() {}

    /**
     * The body's {@code occurredAt} (docs/api.md: every message carries the time it happened), else
     * the {@code ce_time} header the producers' relays add, else, for a message that carries
     * neither, the processing clock (the rules as before issue 13, not a refusal: the message is
     * still applied).
     *
     * @param occurredAt the body's {@code occurredAt}, null when absent
     * @param message the message, for its headers
     * @param clock the processing clock
     * @return a UTC instant
     */
    static Instant of(Instant occurredAt, Message<?> message, Clock clock) {
        if (occurredAt != null) {
            return occurredAt;
        }
        Object header = message.getHeaders().get(CE_TIME);
        String text = header instanceof byte[] bytes
                ? new String(bytes, StandardCharsets.UTF_8)
                : header instanceof String string ? string : null;
        if (text != null) {
            try {
                return Instant.parse(text.trim());
            } catch (DateTimeParseException e) {
                log.warn("Unreadable ce_time header; judged at the processing time");
            }
        }
        return clock.instant();
    }
}
