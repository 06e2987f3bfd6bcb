package org.museumevents.registration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.museumevents.testsupport.Prometheus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client against a running instance, as a browser or script would call it. */
public record Api(String baseUrl) {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static Api onPort(int port) {
        return new Api("http://127.0.0.1:" + port);
    }

    public static String body(String name, String email) {
        return """
                {"name": "%s", "email": "%s", "organisation": "Musée d'Orsay", "language": "fr",
                 "timeZone": "Europe/Paris", "interpretationLanguage": "en", "consent": true}
                """
                .formatted(name, email);
    }

    public Response register(UUID eventId, String email, String... headers) {
        return post("/api/events/" + eventId + "/registrations", body("Élise Durand", email), headers);
    }

    public Response post(String path, String json, String... headers) {
        return send(
                path,
                "POST",
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json),
                headers);
    }

    /** A POST of raw bytes (a file's exact encoding); give its {@code Content-Type} in {@code headers}. */
    public Response postBytes(String path, byte[] body, String... headers) {
        return send(path, "POST", HttpRequest.BodyPublishers.ofByteArray(body), headers);
    }

    public Response put(String path, String json, String... headers) {
        return send(path, "PUT", HttpRequest.BodyPublishers.ofString(json), headers);
    }

    /** One scrape of {@code /actuator/prometheus}, which must answer 200. */
    public Prometheus prometheus() {
        Response response = get("/actuator/prometheus");
        if (response.status() != 200) {
            throw new AssertionError("Expected 200 from the scrape: " + response);
        }
        return new Prometheus(response.body());
    }

    public Response get(String path, String... headers) {
        return send(path, "GET", HttpRequest.BodyPublishers.noBody(), headers);
    }

    public Response delete(String path, String... headers) {
        return send(path, "DELETE", HttpRequest.BodyPublishers.noBody(), headers);
    }

    private Response send(String path, String method, HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body)
                .header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    public record Response(int status, byte[] bytes, HttpHeaders headers) {

        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return JSON.readTree(bytes);
        }

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return status + " " + body();
        }
    }
}
