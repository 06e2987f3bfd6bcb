package org.museumevents.registration.registration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The registrant's secrets: 256 random bits, URL-safe, of which only the SHA-256 hash is stored.
 * Every message mints its own token for its manage link, since a stored hash cannot be turned back
 * into the token the person was first given; any of them opens the registration.
 */
@Component
class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RegistrationRepository registrations;

    Tokens(RegistrationRepository registrations) {
        this.registrations = registrations;
    }

    static String newToken() {
        return randomUrlSafe(32);
    }

    /**
     * A new check-in code (issue 16): 128 bits from {@link SecureRandom}, base64url without padding
     * (22 characters); random, never derived from personal data, and unique by the table's index.
     */
    static String newCheckInCode() {
        return randomUrlSafe(16);
    }

    /** {@code length} bytes from {@link SecureRandom}, base64url without padding. */
    private static String randomUrlSafe(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Transactional(propagation = Propagation.MANDATORY)
    String mint(UUID registrationId, Instant now) {
        String token = newToken();
        registrations.addTokenHash(registrationId, hash(token), now);
        return token;
    }

    boolean opens(UUID registrationId, String token) {
        if (token == null || token.isEmpty() || token.length() > 100) {
            return false;
        }
        return registrations.hasTokenHash(registrationId, hash(token));
    }
}
