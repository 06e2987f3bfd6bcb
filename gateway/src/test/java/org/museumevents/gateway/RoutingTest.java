package org.museumevents.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every path of the public contract reaches the service that owns it, headers and body intact. An
 * unreachable service is {@link ServiceOutageTest}'s.
 */
@GatewayIntegrationTest
class RoutingTest {

    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void echo() {
        StandIns.echoEverything();
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

    /**
     * Every path of the contract's endpoint tables (docs/api.md, the sections "Catalog",
     * "Registration" and "Notification"; rows still planned left out) reaches the service whose
     * section lists it, so that an endpoint a service gains cannot be left unrouted: before this test,
     * issue 16's check-ins, attendance and attestation verification answered the catalog's 404
     * (without their routes: "[GET /api/events/…/check-ins] expected: \"registration\" but was:
     * \"catalog\"").
     */
    @Test
    void everyPathOfTheContractsTablesReachesItsService() throws Exception {
        java.nio.file.Path contract = java.nio.file.Path.of("..", "docs", "api.md");
        java.util.regex.Pattern endpoint =
                java.util.regex.Pattern.compile("`(GET|POST|PUT|DELETE|PATCH) (/api/[^`?\\s]*)");
        String service = null;
        int checked = 0;
        for (String line : java.nio.file.Files.readAllLines(contract)) {
            if (line.startsWith("## ")) {
                service = line.startsWith("## Catalog")
                        ? "catalog"
                        : line.startsWith("## Registration")
                                ? "registration"
                                : line.startsWith("## Notification") ? "notification" : null;
                continue;
            }
            if (service == null || !line.startsWith("| `") || line.contains("Planned")) {
                continue;
            }
            String firstCell = line.substring(1, line.indexOf('|', 1));
            java.util.regex.Matcher m = endpoint.matcher(firstCell);
            while (m.find()) {
                String path =
                        m.group(2).replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
                assertThat(serviceOf(m.group(1), path))
                        .as(m.group(1) + " " + path)
                        .isEqualTo(service);
                checked++;
            }
        }
        assertThat(checked).as("endpoints read from " + contract).isGreaterThan(30);
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

        // Issue 17: a series' and an organisation's feeds are the catalog's; following a series, its
        // followers, the subscriptions, and a registrant's reconfirmation are registration-service's.
        String series = UUID.randomUUID().toString();
        assertThat(serviceOf("GET", "/api/series/" + series + "/calendar.ics")).isEqualTo("catalog");
        assertThat(serviceOf("GET", "/api/organisations/ocim/calendar.ics")).isEqualTo("catalog");
        assertThat(serviceOf("GET", "/api/series/" + series)).isEqualTo("catalog");
        assertThat(serviceOf("POST", "/api/series/" + series + "/subscriptions"))
                .isEqualTo("registration");
        assertThat(serviceOf("GET", "/api/series/" + series + "/followers")).isEqualTo("registration");
        assertThat(serviceOf("GET", "/api/subscriptions/" + registrationId + "?token=abc"))
                .isEqualTo("registration");
        assertThat(serviceOf("DELETE", "/api/subscriptions/" + registrationId + "?token=abc&cancelRegistrations=true"))
                .isEqualTo("registration");
        assertThat(serviceOf("POST", "/api/registrations/" + registrationId + "/reconfirm?token=abc"))
                .isEqualTo("registration");
        assertThat(serviceOf("POST", "/api/registrations/" + registrationId + "/decline?token=abc"))
                .isEqualTo("registration");

        assertThat(serviceOf("GET", "/api/events/" + event + "/notifications")).isEqualTo("notification");
        assertThat(serviceOf("GET", "/api/events/" + event + "/messages")).isEqualTo("notification");
        assertThat(serviceOf("POST", "/api/events/" + event + "/messages")).isEqualTo("notification");
        assertThat(serviceOf("POST", "/api/events/" + event + "/messages/preview"))
                .isEqualTo("notification");
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
    void aBodyTheServicesWouldRefuseIsRefusedAtTheDoorNotReportedAsAnOutage() throws Exception {
        String huge = "{\"name\":\"" + "a".repeat(3 * 1024 * 1024) + "\"}";
        // On a connection of its own, with "Expect: 100-continue" (RFC 9110 §10.1.1) as clients
        // sending large bodies do: CI once saw "header parser received no bytes" on the shared
        // client's connection here (a connection the server had closed, or a reset while writing
        // the 3 MB the gateway refuses).
        HttpResponse<String> refused = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/events/"
                                        + UUID.randomUUID() + "/registrations"))
                                .header("Content-Type", "application/json")
                                .expectContinue(true)
                                .POST(HttpRequest.BodyPublishers.ofString(huge))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json.readTree(refused.body()).get("type").asString()).endsWith("/body-too-large");
        // A body within the limit still goes through.
        assertThat(send("POST", "/api/events/" + UUID.randomUUID() + "/registrations", "{\"name\":\"Ana\"}")
                        .statusCode())
                .isLessThan(300);
    }

    /**
     * A query the services would refuse as 400 is refused here as 400, not forwarded and reported as
     * an outage (503): malformed escapes, overlong or Latin-1 octets, wherever the route leads.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/registrations/00000000-0000-0000-0000-000000000001?token=%ZZ",
                "/api/events/00000000-0000-0000-0000-000000000001/availability?x=%C0%AF",
                "/api/events?q=%E9t%E9",
                "/api/events?q=100%",
                "/api/events/00000000-0000-0000-0000-000000000001/notifications?x=%2",
                "/api/series?q=%FF%FE"
            })
    void aMalformedQueryIsABadRequestNotAnOutage(String target) {
        RawHttp.Response refused = RawHttp.newClient(port).send("GET", target, null, null);

        assertThat(refused.status()).as(target).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.body()).contains("/invalid-characters");
    }

    /**
     * What Tomcat refuses before the gateway's filters see it (a malformed escape in the path, a
     * token longer than the request line allows) is still problem details on the API.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/api/registrations/%ZZ", "/api/events/%C0%AF%", "LONG_TOKEN"})
    void whatTomcatRefusesIsStillAProblemOnTheApi(String target) {
        String path = target.equals("LONG_TOKEN")
                ? "/api/registrations/00000000-0000-0000-0000-000000000001?token=" + "a".repeat(10_000)
                : target;
        RawHttp.Response refused = RawHttp.newClient(port).send("GET", path, null, null);

        assertThat(refused.status()).as(target).isBetween(400, 499);
        assertThat(refused.header("Content-Type")).as(target).startsWith("application/problem+json");
        assertThat(refused.body()).contains("\"status\":" + refused.status());
    }

    /**
     * What Spring Security's firewall refuses (a line break in the path, encoded or not) is a 400
     * problem on the API too, not Spring Boot's error JSON (found by the breaker, issue 17's feeds
     * and subscriptions among the paths).
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/organisations/a%0Ab/calendar.ics",
                "/api/subscriptions/x%0d%0a",
                "/api/events/x%0d%0a",
                "/api/series/a%0Ab/calendar.ics"
            })
    void whatTheFirewallRefusesIsAProblemOnTheApi(String target) {
        RawHttp.Response refused = RawHttp.newClient(port).send("GET", target, null, null);

        assertThat(refused.status()).as(target).isEqualTo(400);
        assertThat(refused.header("Content-Type")).as(target).startsWith("application/problem+json");
        assertThat(refused.body()).contains("/rejected-request");
    }

    /**
     * A service's own 503 (its database is down) goes to the caller at once and once: the proxy's
     * HTTP client does not wait for the answer's {@code Retry-After} to repeat the request, which
     * made such an answer take 11 s (local-platform's PostgresOutageFaultTest). Negative control:
     * with HttpClient's default retry strategy back in {@code Routes}, this test fails (2 calls, 5 s).
     */
    @Test
    void aServicesOwn503IsPassedOnOnceAndAtOnce() throws Exception {
        String event = UUID.randomUUID().toString();
        StandIns.CATALOG.on(
                "GET",
                "/api/events/" + event,
                new StandIn.Answer(
                        503,
                        "application/problem+json",
                        "{\"title\":\"Service unavailable\",\"status\":503}",
                        Map.of("Retry-After", "5")));
        long began = System.nanoTime();
        HttpResponse<String> response = send("GET", "/api/events/" + event, null);
        long millis = (System.nanoTime() - began) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("5");
        assertThat(StandIns.CATALOG.received("GET", "/api/events/" + event))
                .as("calls to the service")
                .hasSize(1);
        assertThat(millis).as("ms until the 503").isLessThan(4_000);
    }
}
