package org.museumevents.gateway.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.provisioning.UserDetailsManager;

/**
 * The tokens the services trust: JWTs signed by this gateway whose {@code org} claim names the
 * organisation and whose {@code scope} contains {@code organiser}, for an organiser who logged in
 * (authorization code with PKCE, the web client) or an organisation's API client
 * ({@code client_credentials}), and whose {@code role} claim says {@code organiser} or
 * {@code door} (door staff, check-in only: the services drop the organiser scope for them). The
 * services read the keys at {@code /oauth2/jwks}.
 */
@Configuration(proxyBeanMethods = false)
class IdentityConfig {

    static final String ORGANISER_SCOPE = "organiser";
    static final String WEB_CLIENT = "museum-events-web";
    /**
     * The audience every organiser token carries, and the one each service requires
     * ({@code spring.security.oauth2.resourceserver.jwt.audiences}): a token the authorization
     * server minted for another resource does not open the services.
     */
    static final String AUDIENCE = "museum-events";

    private static final Logger log = LoggerFactory.getLogger(IdentityConfig.class);

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsManager organisers(IdentityProperties properties) {
        List<UserDetails> users = new ArrayList<>();
        properties.organisations().forEach(organisation -> organisation
                .organisers()
                .forEach(organiser -> users.add(User.withUsername(organiser.username())
                        .password(organiser.password())
                        .authorities(IdentityProperties.DOOR.equals(organiser.role()) ? "ROLE_DOOR" : "ROLE_ORGANISER")
                        .build())));
        return new InMemoryUserDetailsManager(users);
    }

    @Bean
    RegisteredClientRepository registeredClients(IdentityProperties properties) {
        TokenSettings tokens = TokenSettings.builder()
                .accessTokenTimeToLive(properties.tokenLifetime())
                .build();
        List<RegisteredClient> clients = new ArrayList<>();
        clients.add(RegisteredClient.withId(UUID.nameUUIDFromBytes(WEB_CLIENT.getBytes(StandardCharsets.UTF_8))
                        .toString())
                .clientId(WEB_CLIENT)
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(properties.webRedirectUri().toString())
                .scope(ORGANISER_SCOPE)
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(true)
                        .requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(tokens)
                .build());
        properties.organisations().forEach(organisation -> organisation
                .clients()
                .forEach(client -> clients.add(RegisteredClient.withId(
                                UUID.nameUUIDFromBytes(client.id().getBytes(StandardCharsets.UTF_8))
                                        .toString())
                        .clientId(client.id())
                        .clientSecret(client.secret())
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                        .scope(ORGANISER_SCOPE)
                        .tokenSettings(tokens)
                        .build())));
        return new ConfiguredClients(clients);
    }

    /**
     * Adds {@code org}, {@code role}, {@code organiser} to the scope and {@value #AUDIENCE} to the
     * audience, to access tokens of known organisations.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> organisationClaims(Organisations organisations) {
        return context -> {
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            var member = AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())
                    ? organisations.memberOfClient(context.getRegisteredClient().getClientId())
                    : organisations.memberOfOrganiser(context.getPrincipal().getName());
            member.ifPresent(org -> {
                Set<String> scopes = new LinkedHashSet<>(context.getAuthorizedScopes());
                scopes.add(ORGANISER_SCOPE);
                context.getClaims()
                        .claim("org", org.organisation())
                        .claim("role", org.role())
                        .claim("scope", scopes)
                        .audience(List.of(context.getRegisteredClient().getClientId(), AUDIENCE));
            });
        };
    }

    /**
     * Issue 18: codes and tokens in the gateway's database (Flyway V4), so that a code one instance
     * issued is redeemed at any other; {@link ExpiredAuthorizations} deletes the expired ones.
     */
    @Bean
    OAuth2AuthorizationService authorizations(JdbcOperations jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationService(jdbc, clients);
    }

    /** The organiser's consents, shared as the authorizations are (the web client asks none today). */
    @Bean
    OAuth2AuthorizationConsentService authorizationConsents(JdbcOperations jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IdentityProperties properties) {
        return AuthorizationServerSettings.builder()
                .issuer(properties.issuer().toString())
                .build();
    }

    /**
     * The signing key: the configured one (PKCS#8 PEM), shared by every gateway instance, or one
     * generated at start-up, whose tokens die with the process.
     */
    @Bean
    JWKSource<SecurityContext> jwkSource(IdentityProperties properties) throws IOException, JOSEException {
        KeyPair keys;
        if (properties.signingKey() != null) {
            keys = readKeyPair(properties.signingKey());
        } else {
            log.warn("No gateway.identity.signing-key configured: generated a key for this process only");
            keys = generateKeyPair();
        }
        RSAKey key = new RSAKey.Builder((RSAPublicKey) keys.getPublic())
                .privateKey(keys.getPrivate())
                .keyIDFromThumbprint()
                .build();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    private static KeyPair generateKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair readKeyPair(org.springframework.core.io.Resource pem) throws IOException {
        try (InputStream in = pem.getInputStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "")
                    .replaceAll("\\s", "");
            KeyFactory factory = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) factory.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(text)));
            RSAPublicKey publicKey = (RSAPublicKey) factory.generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return new KeyPair(publicKey, privateKey);
        } catch (NoSuchAlgorithmException | InvalidKeySpecException | ClassCastException e) {
            throw new IllegalStateException("gateway.identity.signing-key must be an RSA private key in PKCS#8 PEM", e);
        }
    }
}
