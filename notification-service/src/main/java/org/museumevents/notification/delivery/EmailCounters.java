package org.museumevents.notification.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.museumevents.notification.email.EmailKind;
import org.springframework.stereotype.Component;

/**
 * {@code museum_emails_total{kind, status}}: each attempt to send an email, by its kind
 * ({@code confirmation}, {@code reminder}...) and how it went ({@code sent}, {@code retrying},
 * {@code failed}). Only these values as tags, never an id or a recipient; every pair exists from
 * the start so that rates begin at zero.
 */
@Component
class EmailCounters {

    static final String METER = "museum.emails";

    private final Map<EmailKind, Map<DeliveryStatus, Counter>> counters = new EnumMap<>(EmailKind.class);

    EmailCounters(MeterRegistry registry) {
        for (EmailKind kind : EmailKind.values()) {
            Map<DeliveryStatus, Counter> byStatus = new EnumMap<>(DeliveryStatus.class);
            for (DeliveryStatus status :
                    new DeliveryStatus[] {DeliveryStatus.SENT, DeliveryStatus.RETRYING, DeliveryStatus.FAILED}) {
                byStatus.put(
                        status,
                        Counter.builder(METER)
                                .description("Emails sent, to be retried, or given up, by kind")
                                .tag("kind", tag(kind))
                                .tag("status", tag(status))
                                .register(registry));
            }
            counters.put(kind, byStatus);
        }
    }

    void count(EmailKind kind, DeliveryStatus status) {
        Counter counter = counters.get(kind).get(status);
        if (counter != null) {
            counter.increment();
        }
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
