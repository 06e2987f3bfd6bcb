package org.museumevents.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Real signed JWTs for tests, shaped like the gateway's: {@code scope} and {@code org} claims. The
 * services validate them with the standard {@code public-key-location} property.
 */
public final class TestTokens {

    private static KeyPair keyPair;
    private static String publicKeyLocation;

    /** The {@code iss} of every test token. */
    public static final String ISSUER = "http://test-issuer";

    /** The audience the services require, as the gateway's tokens carry it. */
    public static final String AUDIENCE = "museum-events";

    private TestTokens() {}

    /** A token for an organiser of {@code organisation}. */
    public static String organiser(String organisation) {
        return token(organisation, "organiser");
    }

    /**
     * A token of scope {@code organiser} for {@code organisation} with claim {@code role} (issue 16):
     * {@code door} for door staff, {@code organiser}, or anything else a service must refuse.
     */
    public static String withRole(String organisation, String role) {
        return token(organisation, "organiser", AUDIENCE, ISSUER, role);
    }

    /** A token with the given scope, e.g. one without {@code organiser}. */
    public static String token(String organisation, String scope) {
        return token(organisation, scope, AUDIENCE);
    }

    /** A token for another audience, e.g. one the services must refuse. */
    public static String token(String organisation, String scope, String audience) {
        return token(organisation, scope, audience, ISSUER);
    }

    /** A token from another issuer (signed with the same key), e.g. one the services must refuse. */
    public static String token(String organisation, String scope, String audience, String issuer) {
        return token(organisation, scope, audience, issuer, null);
    }

    private static String token(String organisation, String scope, String audience, String issuer, String role) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .subject(organisation + "-tester")
                    .issuer(issuer)
                    .audience(List.of("museum-events-web", audience))
                    .issueTime(new Date())
                    .expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                    .jwtID(UUID.randomUUID().toString())
                    .claim("scope", scope)
                    .claim("org", organisation)
                    .claim("role", role)
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
            jwt.sign(new RSASSASigner(keyPair().getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String bearer(String organisation) {
        return "Bearer " + organiser(organisation);
    }

    /**
     * This class's public key as an RFC 7517 JWK set, as a token issuer serves it at its {@code
     * jwks} endpoint.
     */
    public static String jwkSetJson() {
        return new com.nimbusds.jose.jwk.JWKSet(
                        new com.nimbusds.jose.jwk.RSAKey.Builder((java.security.interfaces.RSAPublicKey)
                                        keyPair().getPublic())
                                .build())
                .toString();
    }

    /** A public key file that verifies this class's tokens, as {@code ...jwt.public-key-location}. */
    public static synchronized String publicKeyLocation() {
        if (publicKeyLocation == null) {
            try {
                Path file = Files.createTempFile("test-jwt", ".pub");
                file.toFile().deleteOnExit();
                String pem = "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes())
                                .encodeToString(keyPair().getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n";
                Files.writeString(file, pem);
                publicKeyLocation = file.toUri().toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return publicKeyLocation;
    }

    private static synchronized KeyPair keyPair() {
        if (keyPair == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                keyPair = generator.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return keyPair;
    }
}
