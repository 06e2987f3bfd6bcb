package org.museumevents.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tokens the services trust: an organisation's API client ({@code client_credentials}) and an
 * organiser logging in with the form (authorization code with PKCE) both get a JWT naming their
 * organisation with scope {@code organiser}, verifiable with the gateway's JWK set as the services
 * verify it. Passwords and secrets are configured as BCrypt hashes: the organisations of
 * {@link TestIdentity}.
 */
@GatewayIntegrationTest
class TokensTest {

    static final String REDIRECT = "http://localhost:8080/login/oauth2/code/museum-events";

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @LocalServerPort
    int port;

    /** As a service is configured: spring.security.oauth2.resourceserver.jwt.jwk-set-uri. */
    private Jwt verify(String token) {
        JwtDecoder services = TestIdentity.servicesDecoder(port);
        return services.decode(token);
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anOrganisationsApiClientGetsATokenNamingItsOrganisation() throws Exception {
        String answer = mvc.perform(post("/oauth2/token")
                        .header(HttpHeaders.AUTHORIZATION, basic("ocim", "demo-secret"))
                        .param("grant_type", "client_credentials"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        Jwt token = verify(json.readTree(answer).get("access_token").asString());
        assertThat(token.getClaimAsString("org")).isEqualTo("ocim");
        assertThat(token.getClaimAsStringList("scope")).contains("organiser");
        assertThat(token.getClaimAsString("role")).isEqualTo("organiser");
        assertThat(token.getClaimAsString("iss")).isEqualTo(TestIdentity.ISSUER);
        assertThat(token.getAudience()).contains("museum-events");
        assertThat(token.getExpiresAt()).isAfter(token.getIssuedAt());

        String other = mvc.perform(post("/oauth2/token")
                        .header(HttpHeaders.AUTHORIZATION, basic("icom-france-scripts", "demo-secret"))
                        .param("grant_type", "client_credentials"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(verify(json.readTree(other).get("access_token").asString()).getClaimAsString("org"))
                .isEqualTo("icom-france");

        mvc.perform(post("/oauth2/token")
                        .header(HttpHeaders.AUTHORIZATION, basic("ocim", "wrong"))
                        .param("grant_type", "client_credentials"))
                .andExpect(status().isUnauthorized());
        mvc.perform(post("/oauth2/token")
                        .header(HttpHeaders.AUTHORIZATION, basic("icom-france", "demo-secret"))
                        .param("grant_type", "client_credentials"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void aDoorStaffClientGetsATokenWithRoleDoor() throws Exception {
        String answer = mvc.perform(post("/oauth2/token")
                        .header(HttpHeaders.AUTHORIZATION, basic("ocim-door", "demo-secret"))
                        .param("grant_type", "client_credentials"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();

        Jwt token = verify(json.readTree(answer).get("access_token").asString());
        assertThat(token.getClaimAsString("org")).isEqualTo("ocim");
        // The services' starter drops the organiser scope for role door: check-in only.
        assertThat(token.getClaimAsString("role")).isEqualTo("door");
        assertThat(token.getAudience()).contains("museum-events");
    }

    @Test
    void anOrganiserLogsInWithTheFormAndGetsATokenForTheirOrganisation() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("name=\"password\"")));
        mvc.perform(post("/login")
                        .param("username", "marie@ocim.fr")
                        .param("password", "wrong")
                        .with(csrf()))
                .andExpect(redirectedUrl("/login?error"));

        String verifier = verifier();
        String authorize = authorizeUrl(verifier);

        // Not logged in: the authorization endpoint sends the browser to the login form. The
        // session is Spring Session's (issue 18), known by its cookie, as a browser keeps it.
        MvcResult toLogin = mvc.perform(get(authorize).accept("text/html"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/login"))
                .andReturn();
        Cookie session = toLogin.getResponse().getCookie("SESSION");
        assertThat(session)
                .as("the session that remembers the authorization request")
                .isNotNull();
        MvcResult login = mvc.perform(post("/login")
                        .cookie(session)
                        .param("username", "marie@ocim.fr")
                        .param("password", "atelier-dijon")
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        assertThat(login.getResponse().getRedirectedUrl()).contains("/oauth2/authorize");
        // A login changes the session's id (session fixation protection): the browser takes the new cookie.
        if (login.getResponse().getCookie("SESSION") != null) {
            session = login.getResponse().getCookie("SESSION");
        }

        MvcResult authorized = mvc.perform(get(authorize).cookie(session))
                .andExpect(status().is3xxRedirection())
                .andReturn();
        URI callback = URI.create(authorized.getResponse().getRedirectedUrl());
        assertThat(callback.toString()).startsWith(REDIRECT);
        String code =
                UriComponentsBuilder.fromUri(callback).build().getQueryParams().getFirst("code");

        String answer = mvc.perform(post("/oauth2/token")
                        .param("grant_type", "authorization_code")
                        .param("client_id", "museum-events-web")
                        .param("code", code)
                        .param("redirect_uri", REDIRECT)
                        .param("code_verifier", verifier))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        Jwt token = verify(json.readTree(answer).get("access_token").asString());
        assertThat(token.getSubject()).isEqualTo("marie@ocim.fr");
        assertThat(token.getClaimAsString("org")).isEqualTo("ocim");
        assertThat(token.getClaimAsStringList("scope")).contains("organiser");
        assertThat(token.getAudience()).contains("museum-events");
        assertThat(token.getClaimAsString("iss")).isEqualTo(TestIdentity.ISSUER);
    }

    /**
     * A secret hashed at a BCrypt cost below the default is re-encoded by the authorization server
     * after each use and saved: the configured clients keep the stronger hash in memory rather than
     * refusing the save, so the client keeps getting tokens, and the old secret still works.
     */
    @Test
    void aClientWhoseSecretIsHashedAtALowCostKeepsGettingTokens() throws Exception {
        for (int i = 0; i < 3; i++) {
            String answer = mvc.perform(post("/oauth2/token")
                            .header(HttpHeaders.AUTHORIZATION, basic("ocim-legacy", "legacy-secret"))
                            .param("grant_type", "client_credentials"))
                    .andExpect(status().isOk())
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertThat(verify(json.readTree(answer).get("access_token").asString())
                            .getClaimAsString("org"))
                    .isEqualTo("ocim");
        }
        mvc.perform(post("/oauth2/token")
                        .header(HttpHeaders.AUTHORIZATION, basic("ocim-legacy", "wrong"))
                        .param("grant_type", "client_credentials"))
                .andExpect(status().isUnauthorized());
    }

    /**
     * The web client's authorization request (RFC 6749 section 4.1.1) with a PKCE S256 challenge
     * (RFC 7636) of {@code verifier}: a path and query for {@code GET}, state {@code s1}.
     */
    static String authorizeUrl(String verifier) throws Exception {
        return UriComponentsBuilder.fromPath("/oauth2/authorize")
                .queryParam("response_type", "code")
                .queryParam("client_id", "museum-events-web")
                .queryParam("redirect_uri", REDIRECT)
                .queryParam("scope", "organiser")
                .queryParam("state", "s1")
                .queryParam("code_challenge", challenge(verifier))
                .queryParam("code_challenge_method", "S256")
                .build()
                .toUriString();
    }

    /** A PKCE code verifier (RFC 7636 section 4.1): 32 random bytes, base64url without padding. */
    static String verifier() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The S256 code challenge of {@code verifier} (RFC 7636 section 4.2). */
    static String challenge(String verifier) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }
}
