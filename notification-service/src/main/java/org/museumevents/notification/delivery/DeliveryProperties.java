package org.museumevents.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the dispatcher sends: how often it looks for due emails when nothing wakes it, how many it
 * claims at once and for how long, how many it sends in parallel, and how it retries after an
 * SMTP failure (doubling from {@code firstRetryAfter} up to {@code longestRetryAfter}, FAILED once
 * {@code giveUpAfter} has passed since the due time).
 *
 * <p>{@code pollInterval} is the longest the dispatcher sleeps: it is woken when this instance
 * schedules a due email and when the next email falls due, so the poll only finds what other
 * instances scheduled and claims that lapsed.
 *
 * <p>{@code senders} workers send a claimed batch in parallel, each its share over one SMTP
 * connection. The default, 4, suits a 2-core box: a worker mostly waits for the SMTP server.
 *
 * <p>{@code claimLease} is how long a claimed batch stays this instance's without news from it: the
 * dispatcher renews the claim every third of it while the batch is being sent, however long that
 * takes, so the lease only bounds how soon the emails of an instance that died (SIGKILL, a lost
 * machine) are taken again by another, or by itself restarted: 1 minute by default. Before the
 * renewal it had to outlast the longest batch, (25 + 4) emails × 25 s, and was 15 minutes: a
 * notification-service killed while sending left its batch unsent for that long (local-platform's
 * NotificationKillFaultTest).
 *
 * <p>A worker sends its share one email after the other. The shares are dealt evenly, except that
 * the emails to one address stay together (so that they arrive in order), and a batch holds at most
 * {@code perRecipientLimit} emails to one address: so no share exceeds {@link #longestShare()},
 * {@code ceil(batchSize / senders) + perRecipientLimit - 1}.
 *
 * <p>The per-recipient limit (against email bombing: register, cancel, register again, at anyone's
 * address): at most {@code perRecipientLimit} emails to one address (compared case-insensitively)
 * within any {@code perRecipientPeriod}, counting those sent and those on their way. Past it, the
 * emails to that address wait, in the order they fell due, for the window to open: none is dropped,
 * so a reminder is only delayed. While they wait, the registration emails about one event
 * (confirmation, waiting list, cancellation...) collapse into the latest: the earlier ones are
 * marked superseded and never sent, so the registrant still receives their current state.
 */
@ConfigurationProperties("notification.delivery")
record DeliveryProperties(
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("100") int batchSize,
        @DefaultValue("4") int senders,
        @DefaultValue("1m") Duration claimLease,
        @DefaultValue("30s") Duration firstRetryAfter,
        @DefaultValue("15m") Duration longestRetryAfter,
        @DefaultValue("24h") Duration giveUpAfter,
        @DefaultValue("5") int perRecipientLimit,
        @DefaultValue("1h") Duration perRecipientPeriod) {

    DeliveryProperties {
        if (batchSize < 1) {
            throw new IllegalArgumentException("notification.delivery.batch-size must be at least 1");
        }
        if (senders < 1) {
            throw new IllegalArgumentException("notification.delivery.senders must be at least 1");
        }
        if (claimLease.compareTo(Duration.ofSeconds(3)) < 0) {
            throw new IllegalArgumentException(
                    "notification.delivery.claim-lease must be at least 3s (it is renewed every third)");
        }
        if (perRecipientLimit < 1) {
            throw new IllegalArgumentException("notification.delivery.per-recipient-limit must be at least 1");
        }
        if (perRecipientPeriod.isNegative() || perRecipientPeriod.isZero()) {
            throw new IllegalArgumentException("notification.delivery.per-recipient-period must be positive");
        }
    }

    /** The most emails one worker sends one after the other from one batch (see the shares above). */
    int longestShare() {
        return (batchSize + senders - 1) / senders + perRecipientLimit - 1;
    }

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
