package org.museumevents.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

/**
 * When the token issuer's JWK set cannot be had, organisers get a 503 problem+json, not a 500 and
 * not a hung request; the public keeps reading. Both ways an issuer fails: stopped (the connection
 * is refused) and hung (it accepts the connection, then never answers), which is answered once the
 * configured read timeout has passed, not whenever the connection gives up.
 *
 * <p>A context of its own, whose tokens are verified against this class's issuer rather than the
 * shared public key, closed after the class.
 */
@CatalogIntegrationTest
@Tag("outage")
@DirtiesContext(classMode = ClassMode.AFTER_CLASS)
// Hung first: once stopped, the issuer's port is free, and binding it again could find it taken.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TokenIssuerOutageTest {

    static final Issuer issuer = new Issuer();

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> issuer.url() + "/oauth2/jwks");
        registry.add("catalog.security.jwk-timeout.read", () -> "2s");
    }

    @AfterAll
    static void stopIssuer() {
        issuer.stop();
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Test
    @Order(1)
    void aSilentIssuerIsA503ForOrganisersOnceTheReadTimeoutHasPassed() throws Exception {
        issuer.hang();
        long start = System.nanoTime();
        createAsOrganiser();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("A silent token issuer answered 503 after " + took.toMillis()
                + " ms (catalog.security.jwk-timeout.read=2s)");

        assertThat(issuer.connections()).as("the JWK set was asked for").isPositive();
        // The configured read timeout is the one that applies (Spring Security's own is 500 ms), and
        // the request is nowhere near the minute an unbounded client would hold it.
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(Duration.ofSeconds(30));
        mvc.perform(get("/api/events")).andExpect(status().isOk());
    }

    @Test
    @Order(2)
    void anUnreachableIssuerIsA503ForOrganisersAndThePublicStillReads() throws Exception {
        issuer.stop();
        createAsOrganiser();
        mvc.perform(get("/api/events")).andExpect(status().isOk());
    }

    /** An organiser's create, answered as the outage of a dependency: 503 problem+json, retry in 5 s. */
    private ResultActions createAsOrganiser() throws Exception {
        return mvc.perform(post("/api/events")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(Fixtures.organisation("ocim")))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Fixtures.workshop())))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"))
                .andExpect(jsonPath("$.status").value(503));
    }

    /**
     * The token issuer on a loopback port of its own: hung (accepts every connection, reads nothing,
     * answers nothing), as it starts, or stopped (nothing listens: connections are refused).
     */
    static final class Issuer {

        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private final int port;
        private ServerSocket server;

        Issuer() {
            server = listen(0);
            port = server.getLocalPort();
        }

        String url() {
            return "http://127.0.0.1:" + port;
        }

        synchronized void hang() {
            if (server == null) {
                server = listen(port);
            }
        }

        synchronized void stop() {
            if (server == null) {
                return;
            }
            try {
                server.close();
                for (Socket socket : held) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // already closed
            }
            server = null;
        }

        int connections() {
            return held.size();
        }

        private ServerSocket listen(int port) {
            ServerSocket listening;
            try {
                listening = new ServerSocket();
                listening.setReuseAddress(true);
                listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread accepting = new Thread(
                    () -> {
                        while (!listening.isClosed()) {
                            try {
                                held.add(listening.accept());
                            } catch (IOException e) {
                                // stopped
                            }
                        }
                    },
                    "silent-issuer");
            accepting.setDaemon(true);
            accepting.start();
            return listening;
        }
    }
}
