package org.museumevents.registration.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.museumevents.registration.Api;
import org.museumevents.registration.Api.Response;
import org.museumevents.registration.RegistrationIntegrationTest;
import org.museumevents.registration.TestCatalog;
import org.museumevents.registration.event.EventSnapshot;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Bad input that only the service or the database can recognise is a 4xx problem+json that names
 * the field, never a 500, and stores nothing. What the web layer refuses by itself is checked in
 * the {@link RegistrationInputTest} slice.
 */
@RegistrationIntegrationTest
class BadInputTest {

    private static final String VALID =
            """
            {"name": "Élise Durand", "email": "elise@example.org", "organisation": "Musée d'Orsay",
             "language": "fr", "timeZone": "Europe/Paris", "interpretationLanguage": "en", "consent": true}""";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    Api api;
    EventSnapshot event;

    @BeforeEach
    void publishedEvent() {
        api = Api.onPort(port);
        event = TestCatalog.apply(context, TestCatalog.event("icom-france", 10));
    }

    /**
     * A zone that does not exist, and the ones Java reads but that follow no region's rules (issue
     * 12): an offset, a legacy name, {@code Etc/GMT+1} (which means UTC-1), {@code SystemV/*}. With
     * {@code UTC+1} the emails silently left out the registrant's own time.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {"Mars/Olympus", "UTC+1", "Z", "+02:00", "GMT+1", "EST", "US/Eastern", "Etc/GMT+1", "SystemV/AST4"
            })
    void aTimeZoneThatIsNoRegionIsA400NamingItAndStoresNothing(String zone) {
        Response response =
                api.post("/api/events/" + event.id() + "/registrations", VALID.replace("Europe/Paris", zone));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("type").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        assertThat(fields(problem)).as(response.toString()).contains("timeZone");
        assertThat(registrations()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC", "America/Argentina/Buenos_Aires", "Asia/Kathmandu", "Pacific/Auckland"})
    void aRegionTimeZoneIsAccepted(String zone) {
        Response response = api.post(
                "/api/events/" + event.id() + "/registrations",
                VALID.replace("Europe/Paris", zone)
                        .replace("elise@example.org", "elise-" + UUID.randomUUID() + "@example.org"));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
    }

    @Test
    void wrongParametersAndUnknownEventsAre4xxProblems() {
        List<Response> answers = List.of(
                api.get(
                        "/api/events/" + event.id() + "/attendees?page=-1",
                        "Authorization",
                        TestTokens.bearer("icom-france")),
                api.get(
                        "/api/events/" + event.id() + "/attendees?size=100000",
                        "Authorization",
                        TestTokens.bearer("icom-france")));
        assertThat(answers).allSatisfy(r -> {
            assertThat(r.status()).as(r.toString()).isBetween(400, 499);
            assertThat(r.contentType()).as(r.toString()).startsWith("application/problem+json");
        });
        assertThat(api.post("/api/events/" + UUID.randomUUID() + "/registrations", VALID)
                        .status())
                .isEqualTo(404);
        assertThat(registrations()).isZero();
    }

    /** A bad status filter says in words which statuses there are, without naming a Java type. */
    @Test
    void anUnknownStatusFilterSaysWhichStatusesThereAre() {
        for (String path : List.of("/attendees?status=DONE", "/attendees?status=confirmed")) {
            Response response =
                    api.get("/api/events/" + event.id() + path, "Authorization", TestTokens.bearer("icom-france"));
            assertThat(response.status()).as(response.toString()).isEqualTo(400);
            assertThat(response.body())
                    .contains("\"field\":\"status\"")
                    .contains("must be one of CONFIRMED, WAITLISTED, PENDING, REJECTED, CANCELLED")
                    .doesNotContainPattern("\\b(org|java|jakarta|tools)\\.[a-z]")
                    .doesNotContain("must match");
        }
    }

    private long registrations() {
        return jdbc.sql("SELECT count(*) FROM registration WHERE event_id = :event")
                .param("event", event.id())
                .query(Long.class)
                .single();
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asString()));
        return fields;
    }
}
