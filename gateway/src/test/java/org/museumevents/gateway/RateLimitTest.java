package org.museumevents.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Three registration requests per client and hour here: the fourth is a 429 problem with Retry-After.
 *
 * <p>A context of its own: the limit is per client address and every test is the same client
 * (127.0.0.1), so a limit of three in the shared context would refuse the other tests'
 * registrations, and the shared context's tests would use up this one's allowance.
 */
@GatewayIntegrationTest
@TestPropertySource(properties = {"gateway.rate-limit.registrations=3", "gateway.rate-limit.period=PT1H"})
class RateLimitTest {

    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void echo() {
        StandIns.echoEverything();
    }

    @LocalServerPort
    int port;

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aClientOverTheLimitIsToldWhenToRetryAndOtherRequestsFlow() throws Exception {
        String registrations = "/api/events/" + UUID.randomUUID() + "/registrations";
        for (int i = 0; i < 3; i++) {
            assertThat(send("POST", registrations).statusCode()).isEqualTo(201);
        }

        HttpResponse<String> refused = send("POST", "/api/events/" + UUID.randomUUID() + "/registrations");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        long retryAfter =
                Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 3600L);
        var problem = JsonMapper.builder().build().readTree(refused.body());
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("type").asString()).endsWith("/too-many-requests");

        // The web front's registration form shares the bucket, and tells a person in words.
        HttpResponse<String> form = http.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/events/" + UUID.randomUUID() + "/register"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("name=A&email=a%40example.org"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(429);
        assertThat(form.headers().firstValue("Retry-After")).isPresent();
        assertThat(form.body()).contains("Too many registrations", "Trop d’inscriptions");

        // Reading, and the organisers' other writes, are not throttled.
        assertThat(send("GET", "/api/events").statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/events").statusCode()).isEqualTo(201);
    }
}
