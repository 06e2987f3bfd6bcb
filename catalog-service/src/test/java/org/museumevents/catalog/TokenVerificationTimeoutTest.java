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
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.museumevents.testsupport.RealServers;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * A token issuer that accepts the connection and then never answers (a hung gateway, not a
 * stopped one) is an outage too: organisers get the 503 problem once the configured read timeout
 * has passed, not whenever the connection gives up.
 */
@SpringBootTest(properties = "catalog.security.jwk-timeout.read=2s")
@AutoConfigureMockMvc
@RealServers
class TokenVerificationTimeoutTest {

    static final SilentIssuer issuer = new SilentIssuer();

    @DynamicPropertySource
    static void issuerHangs(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> issuer.url() + "/oauth2/jwks");
    }

    @AfterAll
    static void stopIssuer() {
        issuer.close();
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Test
    void aSilentIssuerIsA503ForOrganisersOnceTheReadTimeoutHasPassed() throws Exception {
        long start = System.nanoTime();
        mvc.perform(post("/api/events")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer("ocim"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Fixtures.workshop())))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"))
                .andExpect(jsonPath("$.status").value(503));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("A silent token issuer answered 503 after " + took.toMillis()
                + " ms (catalog.security.jwk-timeout.read=2s)");

        assertThat(issuer.connections()).as("the JWK set was asked for").isPositive();
        // The configured read timeout is the one that applies (Spring Security's own is 500 ms), and
        // the request is nowhere near the minute an unbounded client would hold it.
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(Duration.ofSeconds(30));
        mvc.perform(get("/api/events")).andExpect(status().isOk());
    }

    /** Accepts every connection, reads nothing, answers nothing. */
    static final class SilentIssuer implements AutoCloseable {

        private final ServerSocket server;
        private final List<Socket> held = new CopyOnWriteArrayList<>();

        SilentIssuer() {
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread accepting = new Thread(
                    () -> {
                        while (!server.isClosed()) {
                            try {
                                held.add(server.accept());
                            } catch (IOException e) {
                                // closed
                            }
                        }
                    },
                    "silent-issuer");
            accepting.setDaemon(true);
            accepting.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        int connections() {
            return held.size();
        }

        @Override
        public void close() {
            try {
                server.close();
                for (Socket socket : held) {
                    socket.close();
                }
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
