package org.museumevents.gateway.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Failed logins counted per account and per client address, with an exponential, capped back-off
 * once a count passes its threshold. Counts live in a bounded cache (Caffeine): many accounts or
 * addresses cannot exhaust memory, at worst an old count is forgotten.
 */
@Component
class LoginThrottle {

    /** Failures so far and the instant before which attempts are refused. */
    private record Failures(int count, Instant blockedUntil) {}

    private final LoginProtectionProperties properties;
    private final Clock clock;
    private final Cache<String, Failures> failures;

    LoginThrottle(LoginProtectionProperties properties, ObjectProvider<Clock> clock) {
        this.properties = properties;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.failures = Caffeine.newBuilder()
                .maximumSize(properties.tracked())
                .expireAfterWrite(
                        properties.forgetAfter().compareTo(properties.maxBackoff()) > 0
                                ? properties.forgetAfter()
                                : properties.maxBackoff())
                .build();
    }

    /** How long attempts on this account or from this address are refused; empty when they are not. */
    Optional<Duration> blocked(String account, String address) {
        Instant now = clock.instant();
        Instant until = later(blockedUntil(accountKey(account)), blockedUntil(addressKey(address)));
        return until != null && until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

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
     */
    void succeeded(String account) {
        if (account != null) {
            failures.invalidate(accountKey(account));
        }
    }

    private void count(String key, int threshold) {
        failures.asMap().compute(key, (k, previous) -> {
            int count = previous == null ? 1 : previous.count() + 1;
            Instant until = null;
            if (count >= threshold) {
                until = clock.instant().plus(backoff(count - threshold));
            }
            return new Failures(count, until);
        });
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

    private Instant blockedUntil(String key) {
        Failures current = failures.getIfPresent(key);
        return current == null ? null : current.blockedUntil();
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    /** Usernames are case-insensitive in the login; bounded so a huge one cannot take much memory. */
    private static String accountKey(String account) {
        String name = account == null ? "" : account.toLowerCase(Locale.ROOT);
        return "account:" + (name.length() > 256 ? name.substring(0, 256) : name);
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
