package org.museumevents.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Three registration requests, and three cancellations, per client and hour here: the fourth is a
 * 429 problem with Retry-After, however the path is spelled.
 *
 * <p>A context of its own: the limit is per client address and every test is the same client
 * (127.0.0.1), so a limit of three in the shared context would refuse the other tests'
 * registrations, and the shared context's tests would use up this one's allowance.
 */
@GatewayIntegrationTest
@TestPropertySource(
        properties = {
            "gateway.rate-limit.registrations=3",
            "gateway.rate-limit.cancellations=3",
            "gateway.rate-limit.period=PT1H"
        })
class RateLimitTest {

    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void echo() {
        StandIns.echoEverything();
    }

    @LocalServerPort
    int port;

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aClientOverTheLimitIsToldWhenToRetryAndOtherRequestsFlow() throws Exception {
        String registrations = "/api/events/" + UUID.randomUUID() + "/registrations";
        for (int i = 0; i < 3; i++) {
            assertThat(send("POST", registrations).statusCode()).isEqualTo(201);
        }

        HttpResponse<String> refused = send("POST", "/api/events/" + UUID.randomUUID() + "/registrations");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        long retryAfter =
                Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 3600L);
        var problem = JsonMapper.builder().build().readTree(refused.body());
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("type").asString()).endsWith("/too-many-requests");

        // The web front's registration form shares the bucket, and tells a person in words.
        HttpResponse<String> form = http.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/events/" + UUID.randomUUID() + "/register"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("name=A&email=a%40example.org"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(429);
        assertThat(form.headers().firstValue("Retry-After")).isPresent();
        assertThat(form.body()).contains("Too many registrations", "Trop d’inscriptions");

        // Reading, and the organisers' other writes, are not throttled.
        assertThat(send("GET", "/api/events").statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/events").statusCode()).isEqualTo(201);
    }

    /** Answers that show the request never reached an endpoint: the limit, or Tomcat or the firewall refusing it. */
    private static void refusedBeforeAnyService(RawHttp.Response answer, String spelling, int receivedBefore) {
        assertThat(answer.status()).as(spelling).isIn(400, 429);
        assertThat(StandIns.REGISTRATION.received()).as(spelling).hasSize(receivedBefore);
    }

    private static RawHttp.Response register(RawHttp client, String target) {
        return client.send("POST", target, "application/json", "{}");
    }

    static List<String> registrationSpellings(String id) {
        return List.of(
                "/api/events/" + id + "/registration%73",
                "/api/events/" + id + "/%72egistrations",
                "/api/%65vents/" + id + "/registrations",
                "//api/events/" + id + "/registrations",
                "/api//events/" + id + "/registrations",
                "/api/events/" + id + "/registrations;jsessionid=1",
                "/api;x=1/events/" + id + ";y=2/registrations",
                "/api/events/" + id + "/registrations/",
                "/api/events/" + id + "/registrations//",
                "/api/events/" + id + "/registrations?lang=fr",
                "/api/events/" + id + "/./registrations",
                "/api/events/" + id + "/%2e/registrations",
                "/api/events/" + id + "/x/../registrations",
                "/api/events/" + id + "/x/%2e%2e/registrations",
                "/api/events/" + id + "/x/.%2E/registrations");
    }

    @Test
    void everySpellingOfTheRegistrationPathTakesFromTheSameBucket() {
        String id = UUID.randomUUID().toString();
        for (String spelling : registrationSpellings(id)) {
            RawHttp client = RawHttp.newClient(port);
            for (int i = 0; i < 3; i++) {
                assertThat(register(client, "/api/events/" + id + "/registrations")
                                .status())
                        .isEqualTo(201);
            }
            int received = StandIns.REGISTRATION.received().size();
            refusedBeforeAnyService(register(client, spelling), spelling, received);
        }
    }

    @Test
    void aSpellingThatReachesTheServiceCountsAgainstTheLimit() {
        String id = UUID.randomUUID().toString();
        for (String spelling : registrationSpellings(id)) {
            RawHttp client = RawHttp.newClient(port);
            int reached = 0;
            for (int i = 0; i < 3; i++) {
                RawHttp.Response answer = register(client, spelling);
                assertThat(answer.status()).as(spelling).isIn(201, 400, 404);
                reached += answer.status() == 201 ? 1 : 0;
            }
            if (reached == 3) {
                assertThat(register(client, "/api/events/" + id + "/registrations")
                                .status())
                        .as(spelling)
                        .isEqualTo(429);
            }
        }
    }

    @Test
    void everySpellingOfTheRegistrationFormTakesFromTheSameBucket() {
        String id = UUID.randomUUID().toString();
        List<String> spellings = List.of(
                "/events/" + id + "/registe%72",
                "/%65vents/" + id + "/register",
                "//events/" + id + "/register",
                "/events/" + id + "/register/",
                "/events/" + id + "/register;jsessionid=1",
                "/events/" + id + "/x/%2e%2e/register",
                "/events/" + id + "/./register");
        for (String spelling : spellings) {
            RawHttp client = RawHttp.newClient(port);
            for (int i = 0; i < 3; i++) {
                register(client, "/api/events/" + id + "/registrations");
            }
            RawHttp.Response answer =
                    client.send("POST", spelling, "application/x-www-form-urlencoded", "name=A&email=a%40example.org");
            assertThat(answer.status()).as(spelling).isIn(400, 429);
        }
    }

    @Test
    void cancellationsHaveABucketOfTheirOwnWhateverTheSpelling() {
        RawHttp client = RawHttp.newClient(port);
        String id = UUID.randomUUID().toString();
        for (int i = 0; i < 3; i++) {
            assertThat(client.send("DELETE", "/api/registrations/" + id + "?token=t", null, null)
                            .status())
                    .isEqualTo(200);
        }
        int received = StandIns.REGISTRATION.received().size();
        for (String spelling : List.of(
                "/api/registrations/" + id + "?token=t",
                "/api/registration%73/" + id + "?token=t",
                "//api/registrations/" + id,
                "/api/registrations/" + id + ";jsessionid=1",
                "/api/registrations/" + id + "/",
                "/api/registrations/x/%2e%2e/" + id,
                "/api/registrations/x/../" + id)) {
            refusedBeforeAnyService(client.send("DELETE", spelling, null, null), spelling, received);
        }
        for (String spelling :
                List.of("/api/registrations/" + id + "/cancel", "/api/registrations/" + id + "/cance%6c")) {
            refusedBeforeAnyService(client.send("POST", spelling, "application/json", "{}"), spelling, received);
        }
        RawHttp.Response form =
                client.send("POST", "/registrations/" + id + "/cancel", "application/x-www-form-urlencoded", "token=t");
        assertThat(form.status()).isEqualTo(429);
        assertThat(form.header("Retry-After")).isNotNull();
        assertThat(form.body()).contains("Too many cancellations", "Trop d’annulations", "Demasiadas anulaciones");
        assertThat(client.send("POST", "/registrations/" + id + "/cance%6c", "application/x-www-form-urlencoded", "")
                        .status())
                .isEqualTo(429);

        // Registering is another bucket, still full.
        assertThat(register(client, "/api/events/" + id + "/registrations").status())
                .isEqualTo(201);
    }

    /**
     * Any spelling jqwik makes of the registration path (percent-encoding, path parameters, repeated
     * slashes, dot-segments, trailing slashes) either is refused as malformed or is refused by the
     * limit once the client's allowance is spent: it never reaches the registration service.
     * Samples, not a {@code @Property}: jqwik's lifecycle does not run Spring's test extension.
     */
    @Test
    void randomSpellingsOfTheRegistrationPathNeverEscapeTheLimit() {
        String id = UUID.randomUUID().toString();
        RawHttp client = RawHttp.newClient(port);
        for (int i = 0; i < 3; i++) {
            register(client, "/api/events/" + id + "/registrations");
        }
        Arbitrary<String> spellings =
                Arbitraries.randomValue(random -> PathSpellings.spell("/api/events/" + id + "/registrations", random));
        spellings.sampleStream().limit(200).forEach(spelling -> {
            int received = StandIns.REGISTRATION.received().size();
            refusedBeforeAnyService(register(client, spelling), spelling, received);
        });
    }
}
