package org.museumevents.notification.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the dispatcher sends: how often it looks for due emails, how many per transaction, and how
 * it retries after an SMTP failure (doubling from {@code firstRetryAfter} up to
 * {@code longestRetryAfter}, FAILED once {@code giveUpAfter} has passed since the due time).
 */
@ConfigurationProperties("notification.delivery")
record DeliveryProperties(
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("20") int batchSize,
        @DefaultValue("30s") Duration firstRetryAfter,
        @DefaultValue("15m") Duration longestRetryAfter,
        @DefaultValue("24h") Duration giveUpAfter) {

    Duration retryAfter(int attempts) {
        Duration wait = firstRetryAfter;
        for (int i = 1; i < attempts && wait.compareTo(longestRetryAfter) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(longestRetryAfter) > 0 ? longestRetryAfter : wait;
    }
}
