package org.museumevents.local;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.museumevents.local.servers.Smtp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the fault tests do through HTTP, as users would: an organiser's token, events created and
 * published, registrations, the attendee list, and the emails the platform's SMTP server received
 * (its mail page's {@code /api/emails}).
 */
final class PlatformApi {

    /** The demo organisation whose API client the tests use (demo profile, secret {@code demo-secret}). */
    static final String ORGANISATION = "icom-france";

    static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

    final Platform platform;
    final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final JsonMapper json = JsonMapper.builder().build();

    PlatformApi(Platform platform) {
        this.platform = platform;
    }

    /** A bearer token of {@link #ORGANISATION}'s API client. */
    String token() throws IOException, InterruptedException {
        return token(ORGANISATION);
    }

    /**
     * A bearer token of a demo organisation's API client (client credentials, RFC 6749 §4.4; the
     * demo profile's secret {@code demo-secret}).
     *
     * @param client the organisation's slug, e.g. {@code icom-france} or {@code ocim}
     */
    String token(String client) throws IOException, InterruptedException {
        return tokenAt(platform.gatewayUrl(""), client);
    }

    /**
     * As {@link #token(String)}, issued by the gateway instance at {@code origin} (e.g. {@link
     * Platform#secondGatewayUrl}).
     */
    String tokenAt(String origin, String client) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((client + ":demo-secret").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(origin + "/oauth2/token"))
                        .timeout(CALL_TIMEOUT)
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("access_token").asString();
    }

    /**
     * One HTTP call; a refused or cut connection comes back as the {@link IOException} it is.
     *
     * @param url absolute
     * @param bearer an organiser's token, or {@code null}
     * @param body JSON, or {@code null} for none
     * @param headers more headers as name, value, name, value...
     */
    HttpResponse<String> call(String method, String url, String bearer, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(CALL_TIMEOUT)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A call through the gateway that must answer {@code expected}; returns the body. */
    String expect(int expected, String method, String path, String bearer, String body)
            throws IOException, InterruptedException {
        HttpResponse<String> response = call(method, platform.gatewayUrl(path), bearer, body);
        assertThat(response.statusCode())
                .as(method + " " + path + ": " + response.body())
                .isEqualTo(expected);
        return response.body();
    }

    /**
     * The JSON of an online event {@code daysAhead} days from today, 13:00-14:30 Paris time, with a
     * meeting and {@code capacity} places: the body of {@code POST} and {@code PUT /api/events}.
     */
    static String eventBody(String title, int capacity, int daysAhead) {
        LocalDate day = LocalDate.now().plusDays(daysAhead);
        return """
                {"title": {"en": "%s"}, "description": {"en": "A fault test's event."}, "defaultLanguage": "en",
                 "format": "ONLINE", "start": "%s", "end": "%s", "timeZone": "Europe/Paris",
                 "meeting": {"url": "https://zoom.example/j/123", "meetingId": "123 456", "passcode": "fault"},
                 "capacity": %d, "reminders": ["P1D"]}"""
                .formatted(title, day.atTime(13, 0), day.atTime(14, 30), capacity);
    }

    /** Creates a draft event (see {@link #eventBody}); returns its id. */
    String createEvent(String bearer, String title, int capacity, int daysAhead)
            throws IOException, InterruptedException {
        return json.readTree(expect(201, "POST", "/api/events", bearer, eventBody(title, capacity, daysAhead)))
                .get("id")
                .asString();
    }

    /** Replaces an event by {@code PUT} with the {@code If-Match} of a fresh {@code GET}. */
    void replaceEvent(String bearer, String eventId, String body) throws IOException, InterruptedException {
        HttpResponse<String> current = call("GET", platform.gatewayUrl("/api/events/" + eventId), bearer, null);
        assertThat(current.statusCode()).as(current.body()).isEqualTo(200);
        String etag = current.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> replaced =
                call("PUT", platform.gatewayUrl("/api/events/" + eventId), bearer, body, "If-Match", etag);
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
    }

    /** Creates and publishes an event, and waits until registration-service takes registrations for it. */
    String publishedEvent(String bearer, String title, int capacity) throws Exception {
        String id = createEvent(bearer, title, capacity, 30);
        expect(200, "POST", "/api/events/" + id + "/publish", bearer, null);
        awaitOpen(id, Duration.ofSeconds(60));
        return id;
    }

    /**
     * Creates and publishes an online event that starts in 4 minutes (Europe/Paris, whole seconds),
     * lasts an hour and reminds 3 minutes before its start, so that its reminders fall due about a
     * minute from now; waits until registration-service takes registrations for it.
     *
     * @param bearer an organiser's token, from either gateway
     * @return the event's id
     */
    String publishedEventRemindingSoon(String bearer, String title, int capacity) throws Exception {
        ZonedDateTime start =
                ZonedDateTime.now(ZoneId.of("Europe/Paris")).plusMinutes(4).truncatedTo(ChronoUnit.SECONDS);
        String body = eventBody(title, capacity, 1)
                .replaceFirst("\"start\": \"[^\"]+\"", "\"start\": \"" + start.toLocalDateTime() + "\"")
                .replaceFirst(
                        "\"end\": \"[^\"]+\"",
                        "\"end\": \"" + start.plusHours(1).toLocalDateTime() + "\"")
                .replace("[\"P1D\"]", "[\"PT3M\"]");
        String id = json.readTree(expect(201, "POST", "/api/events", bearer, body))
                .get("id")
                .asString();
        expect(200, "POST", "/api/events/" + id + "/publish", bearer, null);
        awaitOpen(id, Duration.ofSeconds(60));
        return id;
    }

    /** Waits until registration-service knows the event as open (its catalog message has arrived). */
    void awaitOpen(String eventId, Duration timeout) throws Exception {
        await("registration-service opens " + eventId, timeout, () -> {
            HttpResponse<String> availability =
                    call("GET", platform.registrationUrl("/api/events/" + eventId + "/availability"), null, null);
            return availability.statusCode() == 200
                    && json.readTree(availability.body()).path("open").asBoolean();
        });
    }

    /**
     * A registration in English to registration-service's own port (no gateway rate limit).
     *
     * @return the answer; throws the {@link IOException} of a refused or cut connection
     */
    HttpResponse<String> register(String eventId, String email, String idempotencyKey)
            throws IOException, InterruptedException {
        return registerAt(platform.registrationUrl(""), eventId, email, idempotencyKey);
    }

    /** As {@link #register}, through the gateway (spread over registration-service's instances). */
    HttpResponse<String> registerThroughGateway(String eventId, String email, String idempotencyKey)
            throws IOException, InterruptedException {
        return registerAt(platform.gatewayUrl(""), eventId, email, idempotencyKey);
    }

    private HttpResponse<String> registerAt(String origin, String eventId, String email, String idempotencyKey)
            throws IOException, InterruptedException {
        String body = """
                {"name": "Fault Test", "email": "%s", "language": "en", "consent": true}"""
                .formatted(email);
        return call(
                "POST",
                origin + "/api/events/" + eventId + "/registrations",
                null,
                body,
                "Idempotency-Key",
                idempotencyKey);
    }

    /** The event's registrations as the organiser sees them: id to status. */
    Map<String, String> attendees(String bearer, String eventId) throws IOException, InterruptedException {
        Map<String, String> statuses = new java.util.LinkedHashMap<>();
        for (int page = 0; ; page++) {
            JsonNode answer = json.readTree(
                    expect(200, "GET", "/api/events/" + eventId + "/attendees?size=100&page=" + page, bearer, null));
            answer.path("content")
                    .forEach(attendee -> statuses.put(
                            attendee.path("id").asString(),
                            attendee.path("status").asString()));
            if (page + 1 >= answer.path("page").path("totalPages").asInt()) {
                return statuses;
            }
        }
    }

    /** Every email the SMTP server received since the platform started, oldest first. */
    List<JsonNode> emails() throws IOException, InterruptedException {
        HttpResponse<String> response = call("GET", platform.mailUrl("/api/emails"), null, null);
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> emails = new ArrayList<>();
        json.readTree(response.body()).forEach(emails::add);
        java.util.Collections.reverse(emails);
        return emails;
    }

    /** The emails to one address ({@code subject}, {@code text}, ...), oldest first. */
    List<JsonNode> emailsTo(String recipient) throws IOException, InterruptedException {
        return emails().stream()
                .filter(email -> email.path("to").toString().contains(recipient))
                .toList();
    }

    /** The subjects of the emails to one address, oldest first. */
    List<String> subjectsTo(String recipient) throws IOException, InterruptedException {
        return emailsTo(recipient).stream()
                .map(email -> email.path("subject").asString())
                .toList();
    }

    /**
     * What the platform's SMTP server received with exactly this subject, read in-process (cheaper
     * than the mail page for thousands of emails): each recipient's address to the Message-IDs of
     * the emails it received, in the order they arrived.
     */
    static Map<String, List<String>> messageIdsTo(Smtp smtp, String subject) throws MessagingException {
        Map<String, List<String>> ids = new java.util.LinkedHashMap<>();
        for (MimeMessage message : smtp.received()) {
            if (subject.equals(message.getSubject())) {
                for (Address to : message.getRecipients(Message.RecipientType.TO)) {
                    ids.computeIfAbsent(((InternetAddress) to).getAddress(), address -> new ArrayList<>())
                            .add(message.getMessageID());
                }
            }
        }
        return ids;
    }

    /** How many emails in {@code messageIdsTo}'s answer. */
    static int total(Map<String, List<String>> messageIds) {
        return messageIds.values().stream().mapToInt(List::size).sum();
    }

    static String address(String prefix) {
        return prefix + "-" + UUID.randomUUID() + "@example.org";
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    /** Polls every 500 ms until the condition holds; fails naming {@code what} after {@code timeout}. */
    static void await(String what, Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            assertThat(System.nanoTime())
                    .as("not within " + timeout + ": " + what)
                    .isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    /** True when every element of {@code all} satisfies {@code test}. */
    static <T> boolean all(List<T> all, Predicate<T> test) {
        return all.stream().allMatch(test);
    }
}
