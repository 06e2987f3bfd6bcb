package org.museumevents.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each service's requests spread over its instances (routing.ServiceInstances, Spring Cloud
 * LoadBalancer): registration-service here has two instances, one of which dies (its port closed,
 * as after a SIGKILL) before its health check notices (checked hourly here); the catalog has one
 * instance that answers and one whose readiness probe fails, checked every 2 s as configured.
 * Stand-ins of its own: the tests stop one and change another's readiness, which the shared
 * {@link StandIns} must never see.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = GatewayDatabase.class)
@AutoConfigureMockMvc
class ServiceInstancesTest {

    static final StandIn doomed = new StandIn("registration-doomed").echoes("/.*");
    static final StandIn registration = new StandIn("registration").echoes("/.*");
    static final StandIn catalog = new StandIn("catalog").echoes("/.*");
    static final StandIn catalogNotReady = new StandIn("catalog-not-ready").echoes("/.*");
    static final StandIn notification = new StandIn("notification").echoes("/.*");
    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("gateway.services.registration", () -> doomed.url() + "," + registration.url());
        // The instance that dies stays on the list, as it would until its next check.
        registry.add("spring.cloud.loadbalancer.clients.registration.health-check.interval", () -> "1h");
        registry.add("gateway.services.catalog", () -> catalogNotReady.url() + "," + catalog.url());
        registry.add("gateway.services.notification", notification::url);
    }

    @AfterAll
    static void stop() {
        doomed.close();
        registration.close();
        catalog.close();
        catalogNotReady.close();
        notification.close();
    }

    @Autowired
    MockMvc mvc;

    @LocalServerPort
    int port;

    @BeforeEach
    void reset() {
        registration.reset();
        registration.echoes("/.*");
        catalog.reset();
        catalog.echoes("/.*");
        catalogNotReady.reset();
        catalogNotReady.echoes("/.*");
        catalogNotReady.ready(false);
    }

    @Test
    void aRequestOfferedToAnInstanceThatIsGoneIsSentToTheOtherWithItsBody() throws Exception {
        // Both instances checked and given requests, then one is gone before its next check.
        awaitAtMost(Duration.ofSeconds(15), () -> {
            apiGet("/api/events/" + UUID.randomUUID() + "/availability");
            return !doomed.received().isEmpty() && !registration.received().isEmpty();
        });
        doomed.close();
        // A pooled connection idle over a second is checked before reuse (routing.Routes); one to the
        // dead instance reused sooner fails its request with a 503, which is not sent again: the
        // gateway cannot know whether the instance had received it.
        Thread.sleep(1_500);
        registration.reset();
        registration.echoes("/.*");

        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String body = "{\"name\":\"Registrant " + i + "\",\"email\":\"r" + i + "@example.org\"}";
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(api("/api/events/" + UUID.randomUUID() + "/registrations"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            sent.add(body);
        }
        assertThat(registration.received().stream().map(StandIn.Request::body).toList())
                .as("every registration reached the instance that answers, once, with its body")
                .containsExactlyElementsOf(sent);

        // The pages' own calls to the service likewise.
        registration.reset();
        registration.on("GET", "/api/registrations/.*", StandIn.problem(404, "not-found", "No such registration"));
        for (int i = 0; i < 4; i++) {
            mvc.perform(get("/registrations/" + UUID.randomUUID()).param("token", "t"))
                    .andExpect(status().isNotFound());
        }
        assertThat(registration.received()).hasSize(4);
    }

    @Test
    void anInstanceFailingItsReadinessGetsNoRequestsUntilItPassesAgain() throws Exception {
        awaitAtMost(
                Duration.ofSeconds(15),
                () -> apiGet("/api/events/" + UUID.randomUUID()).statusCode() != 503);
        catalog.reset();
        catalog.echoes("/.*");
        for (int i = 0; i < 6; i++) {
            assertThat(apiGet("/api/events/" + UUID.randomUUID()).statusCode()).isEqualTo(200);
        }
        assertThat(catalogNotReady.received()).isEmpty();
        assertThat(catalog.received()).hasSize(6);

        catalogNotReady.ready(true);
        awaitAtMost(Duration.ofSeconds(15), () -> {
            apiGet("/api/series/" + UUID.randomUUID());
            return !catalogNotReady.received().isEmpty();
        });
        catalog.reset();
        catalogNotReady.reset();
        for (int i = 0; i < 6; i++) {
            apiGet("/api/events/" + UUID.randomUUID());
        }
        assertThat(catalog.received())
                .as("round-robin over both once both pass")
                .hasSize(3);
        assertThat(catalogNotReady.received()).hasSize(3);
    }

    @Test
    void withNoInstanceReadyTheServiceIsA503Problem() throws Exception {
        catalog.ready(false);
        try {
            awaitAtMost(
                    Duration.ofSeconds(15),
                    () -> apiGet("/api/events/" + UUID.randomUUID()).statusCode() == 503);
            HttpResponse<String> response = apiGet("/api/events/" + UUID.randomUUID());
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.headers().firstValue("Retry-After")).contains("5");
            assertThat(json.readTree(response.body()).get("status").asInt()).isEqualTo(503);
        } finally {
            catalog.ready(true);
        }
    }

    private HttpResponse<String> apiGet(String path) {
        try {
            return http.send(HttpRequest.newBuilder(api(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI api(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static void awaitAtMost(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within " + limit).isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
