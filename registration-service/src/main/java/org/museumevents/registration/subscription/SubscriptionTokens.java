package org.museumevents.registration.subscription;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.museumevents.registration.registration.SubscriptionLinks;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A subscription's secrets (issue 17), as a registration's: 256 random bits, base64url, of which
 * only the SHA-256 hash is stored; every message of one of its registrations mints a fresh one for
 * its {@code subscriptionUrl}, and any of them opens the subscription.
 */
@Component
class SubscriptionTokens implements SubscriptionLinks {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SubscriptionRepository subscriptions;
    private final String publicBaseUrl;

    SubscriptionTokens(
            SubscriptionRepository subscriptions,
            @Value("${registration.public-base-url:http://localhost:8080}") String publicBaseUrl) {
        this.subscriptions = subscriptions;
        this.publicBaseUrl =
                publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }

    /** Mints a token for the subscription, storing its hash in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    String mint(UUID subscriptionId, Instant now) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        subscriptions.addTokenHash(subscriptionId, hash(token), now);
        return token;
    }

    /** Whether the token opens the subscription; false for a missing or overlong one. */
    boolean opens(UUID subscriptionId, String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return false;
        }
        return subscriptions.hasTokenHash(subscriptionId, hash(token));
    }

    /** {@code <publicBaseUrl>/subscriptions/<id>?token=<token>}: the page to stop following. */
    String url(UUID subscriptionId, String token) {
        return publicBaseUrl + "/subscriptions/" + subscriptionId + "?token=" + token;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public String mintUrl(UUID subscriptionId, Instant now) {
        if (subscriptions.isErased(subscriptionId)) {
            return null;
        }
        return url(subscriptionId, mint(subscriptionId, now));
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void erasePersonalData(UUID subscriptionId, Instant now) {
        subscriptions.erase(subscriptionId, now);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public int purgeCancelledBefore(Instant before, Instant now) {
        int erased = 0;
        for (UUID id : subscriptions.cancelledBefore(before)) {
            if (subscriptions.erase(id, now)) {
                erased++;
            }
        }
        return erased;
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
