package org.museumevents.gateway.identity;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

/**
 * Short-lived tokens for the organiser logged in to the web pages, so that the pages call the
 * services exactly as the organiser's browser client would: signed with the gateway's own key
 * (the {@link JWKSource} of {@link IdentityConfig}, published at {@code /oauth2/jwks}) and with
 * the claims of the authorization server's tokens ({@code iss}, {@code sub}, {@code aud} the web
 * client, {@code org}, {@code role}, {@code scope: [organiser]}). They never leave the server.
 */
@Component
public class OrganiserTokens {

    static final Duration LIFETIME = Duration.ofMinutes(5);

    private final JwtEncoder encoder;
    private final Organisations organisations;
    private final IdentityProperties properties;
    private final Clock clock = Clock.systemUTC();

    OrganiserTokens(JWKSource<SecurityContext> keys, Organisations organisations, IdentityProperties properties) {
        this.encoder = new NimbusJwtEncoder(keys);
        this.organisations = organisations;
        this.properties = properties;
    }

    /** The organisation the organiser acts for; empty for a login that is not an organiser's. */
    public Optional<String> organisationOf(String username) {
        return organisations.ofOrganiser(username);
    }

    /** Whether the login is door staff (role {@code door}: check-in only); false for an unknown login. */
    public boolean isDoorStaff(String username) {
        return organisations
                .memberOfOrganiser(username)
                .map(member -> IdentityProperties.DOOR.equals(member.role()))
                .orElse(false);
    }

    /** A bearer token for the organiser (or door staff, with claim {@code role: door}), valid for a few minutes. */
    public String tokenFor(String username) {
        Organisations.Member member = organisations
                .memberOfOrganiser(username)
                .orElseThrow(() -> new IllegalArgumentException("Not an organiser: no organisation configured"));
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(properties.issuer().toString())
                .subject(username)
                .audience(List.of(IdentityConfig.WEB_CLIENT, IdentityConfig.AUDIENCE))
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(now.plus(LIFETIME))
                .id(UUID.randomUUID().toString())
                .claim("org", member.organisation())
                .claim("role", member.role())
                .claim("scope", List.of(IdentityConfig.ORGANISER_SCOPE))
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).build();
        return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
    }
}
