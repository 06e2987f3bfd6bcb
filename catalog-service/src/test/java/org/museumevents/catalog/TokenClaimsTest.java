package org.museumevents.catalog;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * A token signed by the issuer's key opens the catalog only when it was issued for the services:
 * its {@code iss} is the configured issuer and its {@code aud} contains {@code museum-events}
 * (RFC 7519 §4.1.1 and §4.1.3). Configured as a deployment is: keys from a JWK set served over HTTP,
 * {@code issuer-uri} for the check of {@code iss} (no discovery call), {@code audiences} from
 * application.yml. Its own context, closed after it: the issuer settings differ from the shared one.
 */
@CatalogIntegrationTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TokenClaimsTest {

    private static HttpServer issuer;

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) throws IOException {
        issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer.createContext("/oauth2/jwks", exchange -> {
            byte[] body = TestTokens.jwkSetJson().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        issuer.start();
        registry.add(
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> "http://127.0.0.1:" + issuer.getAddress().getPort() + "/oauth2/jwks");
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestTokens.ISSUER);
    }

    @AfterAll
    static void stopIssuer() {
        issuer.stop(0);
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Test
    void aTokenForTheServicesFromTheIssuerIsAccepted() throws Exception {
        create(TestTokens.token("ocim", "organiser")).andExpect(status().isCreated());
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() throws Exception {
        create(TestTokens.token("ocim", "organiser", "another-api"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void aTokenFromAnotherIssuerIsRefusedThoughSignedWithTheSameKey() throws Exception {
        create(TestTokens.token("ocim", "organiser", TestTokens.AUDIENCE, "http://elsewhere"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    private org.springframework.test.web.servlet.ResultActions create(String token) throws Exception {
        return mvc.perform(post("/api/events")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .content(json.writeValueAsString(Fixtures.workshop())));
    }
}
