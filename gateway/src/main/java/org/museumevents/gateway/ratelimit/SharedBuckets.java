package org.museumevents.gateway.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The rate limits' buckets in the gateway's database (table {@code rate_limit_bucket}, Flyway
 * V1), shared by every gateway instance through bucket4j's PostgreSQL proxy manager: each
 * consumption locks the bucket's row ({@code SELECT ... FOR UPDATE}), so two instances never
 * spend the same token.
 *
 * <p>A row expires when its bucket would be full again ({@code expires_at}, a little after the
 * refill), since forgetting a full bucket changes nothing; {@link #removeExpired()} deletes expired
 * rows every minute, in batches, so the table holds only the clients seen within about one
 * period.
 *
 * <p>When the database cannot be reached, {@link #tryConsume} answers empty (the caller decides
 * what to do without it) and the next {@link #RETRY_AFTER} skip the database altogether, so that an
 * outage costs one connection timeout per interval, not one per request.
 */
@Component
class SharedBuckets {

    /** How long the database is left alone after a failure before it is tried again. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    /** Rows deleted per statement by the clean-up; it repeats until fewer are left. */
    private static final int CLEANUP_BATCH = 1000;

    private static final Logger log = LoggerFactory.getLogger(SharedBuckets.class);

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    /** {@link System#nanoTime()} before which the database is not asked; 0 when it is healthy. */
    private final AtomicLong unavailableUntil = new AtomicLong();

    @Autowired
    SharedBuckets(DataSource dataSource) {
        this(dataSource, Duration.ofSeconds(10));
    }

    /**
     * @param dataSource the gateway's database, with the table of Flyway V1
     * @param keptWhenFull how long a row outlives the moment its bucket is full again
     */
    SharedBuckets(DataSource dataSource, Duration keptWhenFull) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(keptWhenFull))
                .build();
    }

    /**
     * Takes one token from the shared bucket {@code key}, created with {@code configuration} if it
     * does not exist yet.
     *
     * @param key the limit and the client, e.g. {@code registration:203.0.113.7}
     * @param configuration the bucket's bandwidth, used when the bucket is created
     * @return whether the token was taken, with the tokens left or the wait for the next one; empty
     *     when the database could not be reached (now, or within {@link #RETRY_AFTER} before)
     */
    Optional<ConsumptionProbe> tryConsume(String key, BucketConfiguration configuration) {
        long down = unavailableUntil.get();
        if (down != 0 && System.nanoTime() - down < 0) {
            return Optional.empty();
        }
        try {
            ConsumptionProbe probe = buckets.builder().build(key, configuration).tryConsumeAndReturnRemaining(1);
            if (down != 0 && unavailableUntil.compareAndSet(down, 0)) {
                log.info("Rate limits shared through the gateway database again");
            }
            return Optional.of(probe);
        } catch (RuntimeException e) {
            if (unavailableUntil.getAndSet(System.nanoTime() + RETRY_AFTER.toNanos()) == 0) {
                log.warn(
                        "Gateway database unreachable: rate limits are counted per instance until it answers again", e);
            }
            return Optional.empty();
        }
    }

    /** Deletes the buckets that are full again, in batches; an outage is left to the next run. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void removeExpired() {
        try {
            removeExpiredNow();
        } catch (RuntimeException e) {
            log.debug("Expired rate-limit buckets not removed this time", e);
        }
    }

    /**
     * Deletes every expired bucket now, as the scheduled clean-up does.
     *
     * @return how many rows were deleted
     */
    int removeExpiredNow() {
        int total = 0;
        int removed;
        do {
            removed = buckets.removeExpired(CLEANUP_BATCH);
            total += removed;
        } while (removed >= CLEANUP_BATCH);
        return total;
    }
}
