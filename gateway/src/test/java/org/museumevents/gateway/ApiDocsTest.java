package org.museumevents.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Swagger UI on the gateway's origin lists the three services' OpenAPI descriptions, each fetched
 * through the gateway from the service's own {@code /v3/api-docs}, and nobody needs to log in.
 */
@GatewayIntegrationTest
class ApiDocsTest {

    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void echo() {
        StandIns.echoEverything();
    }

    @LocalServerPort
    int port;

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void eachServicesDescriptionIsFetchedFromItsOwnApiDocs() throws Exception {
        for (String service : new String[] {"catalog", "registration", "notification"}) {
            HttpResponse<String> response = get("/v3/api-docs/" + service);
            assertThat(response.statusCode())
                    .as(service + ": " + response.body())
                    .isEqualTo(200);
            JsonNode echo = json.readTree(response.body());
            assertThat(echo.get("service").asString()).isEqualTo(service);
            assertThat(echo.get("method").asString()).isEqualTo("GET");
            assertThat(echo.get("path").asString()).isEqualTo("/v3/api-docs");
        }
    }

    @Test
    void swaggerUiIsPublicAndListsTheThreeDescriptions() throws Exception {
        HttpResponse<String> shortcut = get("/swagger-ui.html");
        assertThat(shortcut.statusCode()).isEqualTo(302);
        assertThat(shortcut.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/swagger-ui/index.html"));

        HttpResponse<String> page = get("/swagger-ui/index.html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");

        HttpResponse<String> initializer = get("/swagger-ui/swagger-initializer.js");
        assertThat(initializer.statusCode()).isEqualTo(200);
        assertThat(initializer.body()).contains("/v3/api-docs/swagger-config");

        HttpResponse<String> config = get("/v3/api-docs/swagger-config");
        assertThat(config.statusCode()).as(config.body()).isEqualTo(200);
        Map<String, String> urls = new HashMap<>();
        json.readTree(config.body())
                .get("urls")
                .forEach(url ->
                        urls.put(url.get("name").asString(), url.get("url").asString()));
        assertThat(urls)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "catalog", "/v3/api-docs/catalog",
                        "registration", "/v3/api-docs/registration",
                        "notification", "/v3/api-docs/notification"));
    }
}
