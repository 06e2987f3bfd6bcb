package org.museumevents.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every path of the public contract reaches the service that owns it, headers and body intact. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoutingTest {

    static final Backend catalog = new Backend("catalog");
    static final Backend registration = new Backend("registration");
    static final Backend notification = new Backend("notification");
    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("gateway.services.catalog", catalog::url);
        registry.add("gateway.services.registration", registration::url);
        registry.add("gateway.services.notification", notification::url);
    }

    @AfterAll
    static void stopBackends() {
        catalog.close();
        registration.close();
        notification.close();
    }

    @LocalServerPort
    int port;

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer t0k3n")
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode reached(String method, String path) throws Exception {
        HttpResponse<String> response = send(method, path, "POST".equals(method) ? "{\"name\":\"Élise\"}" : null);
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.body())
                .isBetween(200, 201);
        JsonNode echo = json.readTree(response.body());
        assertThat(echo.get("method").asString()).isEqualTo(method);
        assertThat(echo.get("authorization").asString()).isEqualTo("Bearer t0k3n");
        return echo;
    }

    private String serviceOf(String method, String path) throws Exception {
        return reached(method, path).get("service").asString();
    }

    @Test
    void eachContractPathReachesTheServiceThatOwnsIt() throws Exception {
        String event = UUID.randomUUID().toString();
        String registrationId = UUID.randomUUID().toString();

        assertThat(serviceOf("GET", "/api/events?from=2027-01-01&q=solidarit%C3%A9"))
                .isEqualTo("catalog");
        assertThat(serviceOf("GET", "/api/events/" + event)).isEqualTo("catalog");
        assertThat(serviceOf("GET", "/api/events/" + event + "/calendar.ics")).isEqualTo("catalog");
        assertThat(serviceOf("POST", "/api/events")).isEqualTo("catalog");
        assertThat(serviceOf("PUT", "/api/events/" + event)).isEqualTo("catalog");
        assertThat(serviceOf("POST", "/api/events/" + event + "/publish")).isEqualTo("catalog");
        assertThat(serviceOf("POST", "/api/events/" + event + "/cancel")).isEqualTo("catalog");
        assertThat(serviceOf("GET", "/api/series")).isEqualTo("catalog");
        assertThat(serviceOf("POST", "/api/series/" + event + "/occurrences")).isEqualTo("catalog");

        assertThat(serviceOf("POST", "/api/events/" + event + "/registrations")).isEqualTo("registration");
        assertThat(serviceOf("GET", "/api/registrations/" + registrationId + "?token=abc"))
                .isEqualTo("registration");
        assertThat(serviceOf("DELETE", "/api/registrations/" + registrationId + "?token=abc"))
                .isEqualTo("registration");
        assertThat(serviceOf("POST", "/api/registrations/" + registrationId + "/approve"))
                .isEqualTo("registration");
        assertThat(serviceOf("POST", "/api/registrations/" + registrationId + "/reject"))
                .isEqualTo("registration");
        assertThat(serviceOf("GET", "/api/events/" + event + "/attendees?status=CONFIRMED"))
                .isEqualTo("registration");
        assertThat(serviceOf("GET", "/api/events/" + event + "/registration-stats"))
                .isEqualTo("registration");
        assertThat(serviceOf("GET", "/api/events/" + event + "/availability")).isEqualTo("registration");

        assertThat(serviceOf("GET", "/api/events/" + event + "/notifications")).isEqualTo("notification");
    }

    @Test
    void pathsQueriesAndBodiesArriveUnchanged() throws Exception {
        JsonNode echo = reached("GET", "/api/events?from=2027-01-01&q=solidarit%C3%A9");
        assertThat(echo.get("path").asString()).isEqualTo("/api/events");
        // The same parameters, encoding intact; their order is not significant.
        assertThat(echo.get("query").asString().split("&"))
                .containsExactlyInAnyOrder("from=2027-01-01", "q=solidarit%C3%A9");

        String event = UUID.randomUUID().toString();
        JsonNode posted = reached("POST", "/api/events/" + event + "/registrations");
        assertThat(posted.get("path").asString()).isEqualTo("/api/events/" + event + "/registrations");
        assertThat(posted.get("body").asString()).isEqualTo("{\"name\":\"Élise\"}");
    }

    @Test
    @Order(Integer.MAX_VALUE) // it stops the notification stand-in
    void anUnreachableServiceIsA503Problem() throws Exception {
        notification.close(); // nothing listens there any more
        HttpResponse<String> response = send("GET", "/api/events/" + UUID.randomUUID() + "/notifications", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("Retry-After")).contains("5");
        assertThat(json.readTree(response.body()).get("status").asInt()).isEqualTo(503);
    }
}
