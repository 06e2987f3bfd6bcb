package org.museumevents.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
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
 * A service that stops answering: the API says so with a 503 problem, the pages with a friendly
 * 503 page, never a stack trace.
 *
 * <p>A context and stand-ins of its own, and tagged {@code outage}: each test stops the servers it
 * talks to, which the shared {@link StandIns} must never be.
 */
@Tag("outage")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = GatewayDatabase.class)
@AutoConfigureMockMvc
class ServiceOutageTest {

    static final StandIn catalog = new StandIn("catalog");
    static final StandIn registration = new StandIn("registration");
    static final StandIn notification = new StandIn("notification");
    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("gateway.services.catalog", catalog::url);
        registry.add("gateway.services.registration", registration::url);
        registry.add("gateway.services.notification", notification::url);
    }

    @AfterAll
    static void stop() {
        catalog.close();
        registration.close();
        notification.close();
    }

    @Autowired
    MockMvc mvc;

    @LocalServerPort
    int port;

    @Test
    void anUnreachableServiceIsA503Problem() throws Exception {
        notification.close(); // nothing listens there any more
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/events/" + UUID.randomUUID() + "/notifications"))
                .header("Authorization", "Bearer t0k3n")
                .header("Content-Type", "application/json")
                .GET()
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("Retry-After")).contains("5");
        assertThat(json.readTree(response.body()).get("status").asInt()).isEqualTo(503);
    }

    @Test
    void aServiceDownIsAFriendly503PageNeverAStackTrace() throws Exception {
        registration.close();
        mvc.perform(get("/registrations/" + UUID.randomUUID())
                        .param("token", "t")
                        .header("Accept-Language", "en"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"service-unavailable\""),
                                containsString("Temporarily unavailable"),
                                not(containsString("Exception")),
                                not(containsString("at org.")))));
        catalog.close();
        mvc.perform(get("/").header("Accept-Language", "fr"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().string(containsString("momentanément indisponible")));
    }
}
