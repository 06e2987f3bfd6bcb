package org.museumevents.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a newcomer sees after the first Quick start command: the real launcher starts PostgreSQL,
 * Kafka, SMTP and the four services' jars; everything below goes through the gateway, as a user
 * would, and the same data is there after a restart of the platform.
 *
 * <p>Tagged {@code platform}: it starts PostgreSQL, Kafka and every service, so {@code -Pfast} leaves it out.
 */
@Tag("platform")
class PlatformTest {

    static Platform platform;
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void start() {
        platform = Platform.shared();
    }

    @Test
    void demoCatalogueRegistrationAttendeesEmailAndRestart() throws Exception {
        // The seed catalogue through the gateway, without meeting secrets.
        HttpResponse<String> events = get(platform.gatewayUrl("/api/events"), null);
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.body()).contains("Le numérique est-il solidaire ?").doesNotContain("passcode", "meeting");
        String eventId = eventTitled(events.body(), "Le numérique est-il solidaire ?");

        // A registration through the gateway.
        String email = "platform-" + UUID.randomUUID() + "@example.org";
        HttpResponse<String> registered = post(
                platform.gatewayUrl("/api/events/" + eventId + "/registrations"),
                """
                {"name": "Ana López", "email": "%s", "language": "es", "consent": true}"""
                        .formatted(email));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        assertThat(json.readTree(registered.body()).get("status").asString()).isEqualTo("CONFIRMED");

        // The demo organisation's API client reads its attendee list; another organisation's does not.
        String icom = token("icom-france");
        HttpResponse<String> attendees = get(platform.gatewayUrl("/api/events/" + eventId + "/attendees"), icom);
        assertThat(attendees.statusCode()).isEqualTo(200);
        assertThat(attendees.body()).contains(email);
        HttpResponse<String> foreign = get(platform.gatewayUrl("/api/events/" + eventId + "/attendees"), token("ocim"));
        assertThat(foreign.statusCode()).isIn(403, 404);
        assertThat(foreign.body()).doesNotContain(email);

        // The confirmation on the mail page, readable, with its calendar attachment.
        JsonNode confirmation = awaitEmailTo(email);
        assertThat(confirmation.get("subject").asString()).startsWith("Inscripción confirmada");
        int number = confirmation.get("number").asInt();
        assertThat(get(platform.mailUrl("/"), null).body()).contains(email, "Inscripción confirmada");
        HttpResponse<String> page = get(platform.mailUrl("/emails/" + number), null);
        assertThat(page.body()).contains("Código secreto"); // the confirmed registrant gets the passcode
        HttpResponse<String> invite = get(platform.mailUrl("/emails/" + number + "/attachments/1"), null);
        assertThat(invite.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/calendar"));
        assertThat(invite.body()).contains("BEGIN:VCALENDAR");

        // Ctrl-C stops everything, PostgreSQL last; the next start finds the same data and still
        // accepts the old token.
        // The services' logs are appended to across restarts, and the fault tests break things on
        // purpose: only what catalog-service wrote while stopping counts.
        Path catalogLog = platform.data.resolve("logs/catalog-service.log");
        long logBeforeStop = Files.size(catalogLog);
        platform.stop();
        assertThat(isFree(platform.gateway)).isTrue();
        assertThat(platform.data.resolve("postgres/postmaster.pid"))
                .as("PostgreSQL stopped")
                .doesNotExist();
        String whileStopping;
        try (var log = Files.newInputStream(catalogLog)) {
            log.skipNBytes(logBeforeStop);
            whileStopping = new String(log.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(whileStopping)
                .as("no service lost its database while stopping")
                .doesNotContain(" ERROR ");
        platform.restart();
        HttpResponse<String> again = get(platform.gatewayUrl("/api/events/" + eventId + "/attendees"), icom);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains(email);
        HttpResponse<String> eventsAgain = get(platform.gatewayUrl("/api/events"), null);
        int before =
                json.readTree(events.body()).get("page").get("totalElements").asInt();
        assertThat(before).isPositive();
        assertThat(json.readTree(eventsAgain.body())
                        .get("page")
                        .get("totalElements")
                        .asInt())
                .as("the demo catalogue is not loaded a second time, nor lost")
                .isEqualTo(before);
    }

    private String eventTitled(String page, String title) {
        for (JsonNode event : json.readTree(page).get("content")) {
            if (event.get("title").toString().contains(title)) {
                return event.get("id").asString();
            }
        }
        throw new AssertionError("No event titled " + title + " in " + page);
    }

    private String token(String client) throws Exception {
        return new PlatformApi(platform).token(client);
    }

    private JsonNode awaitEmailTo(String recipient) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode email :
                    json.readTree(get(platform.mailUrl("/api/emails"), null).body())) {
                if (email.get("to").toString().contains(recipient)) {
                    return email;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("No email to " + recipient + " within 60 s");
    }

    private HttpResponse<String> get(String url, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(20))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static boolean isFree(int port) {
        try (ServerSocket ignored = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
