package org.museumevents.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the dispatcher sends: how often it looks for due emails, how many it claims at once and for
 * how long, and how it retries after an SMTP failure (doubling from {@code firstRetryAfter} up to
 * {@code longestRetryAfter}, FAILED once {@code giveUpAfter} has passed since the due time).
 *
 * <p>{@code claimLease} must outlast the sending of a whole batch, or another instance takes the
 * rest of it again: {@code batchSize} times the longest SMTP exchange (application.yml bounds it
 * with the JavaMail timeouts: connect 5 s, then 10 s per read or write), 20 × about 25 s in the
 * worst case, hence 10 minutes.
 */
@ConfigurationProperties("notification.delivery")
record DeliveryProperties(
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("20") int batchSize,
        @DefaultValue("10m") Duration claimLease,
        @DefaultValue("30s") Duration firstRetryAfter,
        @DefaultValue("15m") Duration longestRetryAfter,
        @DefaultValue("24h") Duration giveUpAfter) {

    /** The wait before the next attempt, after {@code attempts} failed ones (1 or more). */
    Duration retryAfter(int attempts) {
        Duration wait = firstRetryAfter;
        for (int i = 1; i < attempts && wait.compareTo(longestRetryAfter) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(longestRetryAfter) > 0 ? longestRetryAfter : wait;
    }

    /** Whether a failed email due at {@code scheduledFor} is given up at {@code now} (FAILED), or retried. */
    boolean givesUp(Instant scheduledFor, Instant now) {
        return !now.isBefore(scheduledFor.plus(giveUpAfter));
    }
}
