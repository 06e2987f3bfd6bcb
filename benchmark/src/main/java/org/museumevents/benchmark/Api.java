package org.museumevents.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's public API as the benchmark uses it (docs/api.md): an organiser's token from the
 * gateway ({@code POST /oauth2/token}, demo client {@code icom-france}), events created and
 * published through the gateway, registrations, and the organiser's registration statistics.
 */
final class Api {

    static final String ORGANISATION = "icom-france";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final LocalPlatform platform;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private String token;

    Api(LocalPlatform platform) {
        this.platform = platform;
    }

    /** A bearer token of the demo organisation's API client, fetched once. */
    synchronized String token() {
        if (token == null) {
            String basic = Base64.getEncoder()
                    .encodeToString((ORGANISATION + ":demo-secret").getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> response =
                    send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/oauth2/token"))
                            .header("Authorization", "Basic " + basic)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(BodyPublishers.ofString("grant_type=client_credentials"))
                            .build());
            expect(response, 200);
            token = json.readTree(response.body()).get("access_token").asString();
        }
        return token;
    }

    /**
     * An online event in UTC that starts {@code startsIn} from now (on a whole minute) and lasts an
     * hour, with registration open now and a waiting list.
     *
     * @param capacity places, or null for unlimited
     * @param reminders ISO-8601 durations before the start
     */
    Map<String, Object> event(String title, Integer capacity, Duration startsIn, List<String> reminders) {
        LocalDateTime start = LocalDateTime.now(ZoneOffset.UTC).plus(startsIn).truncatedTo(ChronoUnit.MINUTES);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("title", Map.of("en", title));
        event.put("description", Map.of("en", "An event of the benchmark (issue 13)."));
        event.put("defaultLanguage", "en");
        event.put("format", "ONLINE");
        event.put("start", LOCAL.format(start));
        event.put("end", LOCAL.format(start.plusHours(1)));
        event.put("timeZone", "UTC");
        event.put(
                "meeting",
                Map.of("url", "https://meet.example.org/benchmark", "meetingId", "123 456", "passcode", "42"));
        event.put("capacity", capacity);
        event.put("registration", Map.of("requiresApproval", false, "waitlist", true));
        event.put("reminders", reminders);
        return event;
    }

    /** When an event made by {@link #event} starts, as an instant. */
    static java.time.Instant startOf(Map<String, Object> event) {
        return LocalDateTime.parse((String) event.get("start"), LOCAL).toInstant(ZoneOffset.UTC);
    }

    /**
     * Creates and publishes the event through the gateway, then waits until registration-service and
     * notification-service have heard of it (their databases), at most a minute.
     *
     * @return the event's id
     */
    String publish(Map<String, Object> event) {
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/api/events"))
                .header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(json.writeValueAsString(event)))
                .build());
        expect(created, 201);
        String id = json.readTree(created.body()).get("id").asString();
        HttpResponse<String> published =
                send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/api/events/" + id + "/publish"))
                        .header("Authorization", "Bearer " + token())
                        .POST(BodyPublishers.noBody())
                        .build());
        expect(published, 200);
        awaitKnown(id, 0);
        return id;
    }

    /**
     * Replaces the event ({@code PUT} with the {@code ETag} of a {@code GET} as {@code If-Match}) and
     * waits until notification-service holds the new version.
     */
    void replace(String id, Map<String, Object> event) {
        HttpResponse<String> current =
                send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/api/events/" + id))
                        .header("Authorization", "Bearer " + token())
                        .build());
        expect(current, 200);
        HttpResponse<String> replaced =
                send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/api/events/" + id))
                        .header("Authorization", "Bearer " + token())
                        .header("Content-Type", "application/json")
                        .header("If-Match", current.headers().firstValue("ETag").orElseThrow())
                        .PUT(BodyPublishers.ofString(json.writeValueAsString(event)))
                        .build());
        expect(replaced, 200);
        awaitKnown(id, json.readTree(replaced.body()).get("version").asLong());
    }

    /**
     * Registers one person.
     *
     * @param baseUrl the gateway's or registration-service's own URL
     * @return the HTTP status
     */
    int register(String baseUrl, String eventId, String email) {
        String body =
                """
                {"name": "Bench Registrant", "email": "%s", "language": "en", "consent": true}"""
                        .formatted(email);
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/events/" + eventId + "/registrations"))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(60))
                        .POST(BodyPublishers.ofString(body))
                        .build());
        return response.statusCode();
    }

    /**
     * A public GET.
     *
     * @return the HTTP status
     */
    int get(String url, String accept) {
        return send(HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", accept)
                        .timeout(Duration.ofSeconds(60))
                        .build())
                .statusCode();
    }

    /** The organiser's {@code registration-stats} of the event: {@code confirmed}, {@code waitlisted}, ... */
    JsonNode stats(String eventId) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        URI.create(platform.gatewayUrl() + "/api/events/" + eventId + "/registration-stats"))
                .header("Authorization", "Bearer " + token())
                .build());
        expect(response, 200);
        return json.readTree(response.body());
    }

    /** Counts rows of one of the platform's databases: the benchmark reads, never writes, them. */
    long count(String database, String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(platform.jdbcUrl(database), "postgres", "");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Emails notification-service has still to send (SCHEDULED or RETRYING), due or not. */
    long unsentEmails() {
        return count("notification", "SELECT count(*) FROM notification WHERE status IN ('SCHEDULED', 'RETRYING')");
    }

    private void awaitKnown(String id, long version) {
        UUID uuid = UUID.fromString(id);
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            if (count("registration", "SELECT count(*) FROM event WHERE id = ? AND version >= ?", uuid, version) > 0
                    && count(
                                    "notification",
                                    "SELECT count(*) FROM known_event WHERE id = ? AND version >= ?",
                                    uuid,
                                    version)
                            > 0) {
                return;
            }
            LocalPlatform.sleep(Duration.ofMillis(200));
        }
        throw new IllegalStateException("Event " + id + " version " + version + " did not reach the services");
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("%s %s answered %d: %s"
                    .formatted(
                            response.request().method(),
                            response.request().uri(),
                            response.statusCode(),
                            response.body()));
        }
    }
}
