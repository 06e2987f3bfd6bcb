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
import tools.jackson.databind.json.JsonMapper;

/**
 * A request reaches its service with a W3C {@code traceparent}: the caller's trace continued when
 * it sent one, a new trace when it did not. That is where a registration's trace begins before
 * it travels through the outbox and Kafka to the email.
 */
@GatewayIntegrationTest
class TracePropagationTest {

    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void echo() {
        StandIns.REGISTRATION.echoes("/api/events/[^/]+/registrations");
    }

    @LocalServerPort
    int port;

    private String traceparentReceived(String traceparent) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/events/" + UUID.randomUUID() + "/registrations"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body()).get("traceparent").asString();
    }

    @Test
    void theCallersTraceGoesOnToTheService() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String callers = "00-" + traceId + "-00f067aa0ba902b7-01";
        // Same trace, and the gateway's own span as the parent: the hop is part of the trace.
        assertThat(traceparentReceived(callers))
                .matches("00-" + traceId + "-[0-9a-f]{16}-01")
                .isNotEqualTo(callers);
    }

    @Test
    void aRequestWithoutTraceStartsOne() throws Exception {
        assertThat(traceparentReceived(null)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }
}
