package org.museumevents.gateway.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Failed logins counted per account and per client address, with an exponential, capped back-off
 * once a count passes its threshold.
 *
 * <p>Issue 18: the counts live in the gateway's database (table {@code login_failure}, Flyway V2),
 * so that every gateway instance sees the same ones: guessing through several instances counts as
 * through one. A count is forgotten {@code forget-after} (at least {@code max-backoff}) after its
 * last failure; {@link #forgetOld()} deletes such rows every minute.
 *
 * <p>With the database unreachable the throttle fails open to counts of this instance (a bounded
 * Caffeine cache: many accounts or addresses cannot exhaust memory, at worst an old count is
 * forgotten), with a warning in the log, and tries the database again {@link #RETRY_AFTER} later:
 * brute-force protection per instance rather than none, and never a 500.
 */
@Component
class LoginThrottle {

    /** How long the database is left alone after a failure before it is tried again. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    /** Failures so far and the instant before which attempts are refused. */
    private record Failures(int count, Instant blockedUntil) {}

    private final LoginProtectionProperties properties;
    private final Clock clock;
    private final JdbcClient jdbc;
    /** This instance's counts, used only while the database cannot be reached. */
    private final Cache<String, Failures> local;
    /** {@link System#nanoTime()} before which the database is not asked; 0 when it is healthy. */
    private final AtomicLong unavailableUntil = new AtomicLong();

    LoginThrottle(LoginProtectionProperties properties, ObjectProvider<Clock> clock, JdbcClient jdbc) {
        this.properties = properties;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.jdbc = jdbc;
        this.local = Caffeine.newBuilder()
                .maximumSize(properties.tracked())
                .expireAfterWrite(remembered())
                .build();
    }

    /** How long a count is kept after its last failure: forget-after, but never less than a back-off. */
    private Duration remembered() {
        return properties.forgetAfter().compareTo(properties.maxBackoff()) > 0
                ? properties.forgetAfter()
                : properties.maxBackoff();
    }

    /**
     * How long attempts on this account or from this address are refused.
     *
     * @param account the username or client id tried; null when the request names none
     * @param address the client's address
     * @return the time left before attempts are accepted again; empty when they are now
     */
    Optional<Duration> blocked(String account, String address) {
        Instant now = clock.instant();
        Instant until = later(blockedUntil(accountKey(account), now), blockedUntil(addressKey(address), now));
        return until != null && until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    /**
     * Counts a failed attempt against the account (if any) and the address.
     *
     * @param account the username or client id tried; null when the request names none
     * @param address the client's address
     */
    void failed(String account, String address) {
        if (properties.accountFailures() > 0 && account != null) {
            count(accountKey(account), properties.accountFailures());
        }
        if (properties.addressFailures() > 0) {
            count(addressKey(address), properties.addressFailures());
        }
    }

    /**
     * The account's count starts again. The address's does not: one valid login must not reset an
     * address that is guessing other accounts' passwords.
     *
     * @param account the username or client id that succeeded; nothing happens for null
     */
    void succeeded(String account) {
        if (account == null) {
            return;
        }
        String key = accountKey(account);
        local.invalidate(key);
        shared(() -> jdbc.sql("DELETE FROM login_failure WHERE key = :key")
                .param("key", key)
                .update());
    }

    private void count(String key, int threshold) {
        Instant now = clock.instant();
        Integer count = shared(() -> jdbc.sql(
                        """
                        INSERT INTO login_failure (key, failures, blocked_until, forget_at)
                        VALUES (:key, 1, NULL, :forgetAt)
                        ON CONFLICT (key) DO UPDATE SET
                            failures = CASE WHEN login_failure.forget_at <= :now THEN 1
                                            ELSE login_failure.failures + 1 END,
                            blocked_until = CASE WHEN login_failure.forget_at <= :now THEN NULL
                                                 ELSE login_failure.blocked_until END,
                            forget_at = :forgetAt
                        RETURNING failures
                        """)
                .param("key", key)
                .param("now", utc(now))
                .param("forgetAt", utc(now.plus(remembered())))
                .query(Integer.class)
                .single());
        if (count == null) {
            local.asMap().compute(key, (k, previous) -> {
                int failures = previous == null ? 1 : previous.count() + 1;
                return new Failures(failures, failures >= threshold ? now.plus(backoff(failures - threshold)) : null);
            });
            return;
        }
        if (count >= threshold) {
            // Only the row as this failure left it: a later failure's longer back-off is never shortened.
            Instant until = now.plus(backoff(count - threshold));
            shared(() -> jdbc.sql(
                            """
                            UPDATE login_failure SET blocked_until = :until
                            WHERE key = :key AND failures = :count
                              AND (blocked_until IS NULL OR blocked_until < :until)
                            """)
                    .param("until", utc(until))
                    .param("key", key)
                    .param("count", count)
                    .update());
        }
    }

    /** Deletes the counts nobody has added to for forget-after; an outage is left to the next run. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void forgetOld() {
        shared(() -> jdbc.sql("DELETE FROM login_failure WHERE forget_at <= :now")
                .param("now", utc(clock.instant()))
                .update());
    }

    /** initial-backoff, doubled for each failure past the threshold, never above max-backoff. */
    Duration backoff(int beyondThreshold) {
        Duration max = properties.maxBackoff();
        Duration delay = properties.initialBackoff();
        for (int i = 0; i < beyondThreshold && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    private Instant blockedUntil(String key, Instant now) {
        Failures current = local.getIfPresent(key);
        Instant locally = current == null ? null : current.blockedUntil();
        Optional<Instant> shared =
                shared(() -> jdbc.sql("SELECT blocked_until FROM login_failure WHERE key = :key AND forget_at > :now")
                        .param("key", key)
                        .param("now", utc(now))
                        .query((row, n) -> Optional.ofNullable(row.getObject("blocked_until", OffsetDateTime.class))
                                .map(OffsetDateTime::toInstant))
                        .optional()
                        .flatMap(until -> until));
        return later(locally, shared == null ? null : shared.orElse(null));
    }

    /**
     * The database's answer, or null when it cannot be reached (now, or within {@link #RETRY_AFTER}
     * before): the caller then counts on this instance alone.
     */
    private <T> T shared(Supplier<T> statement) {
        long down = unavailableUntil.get();
        if (down != 0 && System.nanoTime() - down < 0) {
            return null;
        }
        try {
            T result = statement.get();
            if (down != 0 && unavailableUntil.compareAndSet(down, 0)) {
                log.info("Failed logins counted in the gateway database again");
            }
            return result;
        } catch (DataAccessException e) {
            if (unavailableUntil.getAndSet(System.nanoTime() + RETRY_AFTER.toNanos()) == 0) {
                log.warn(
                        "Gateway database unreachable: failed logins are counted per instance until it answers again",
                        e);
            }
            return null;
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    /**
     * Usernames are case-insensitive in the login; bounded so a huge one cannot take much memory,
     * and without NUL, which PostgreSQL refuses in text: a client id with one must be counted, not
     * take the database for unreachable.
     */
    private static String accountKey(String account) {
        String name = account == null ? "" : account.toLowerCase(Locale.ROOT).replace('\u0000', '\uFFFD');
        return "account:" + (name.length() > 256 ? name.substring(0, 256) : name);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
