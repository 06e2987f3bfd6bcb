package org.museumevents.registration.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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

/** Every kind of bad input is a 4xx problem+json that names the field, never a 500, and stores nothing. */
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

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"name\": \"Élise\",", null),
                Arguments.of("an empty body", "", null),
                Arguments.of("a JSON array", "[1, 2]", null),
                Arguments.of(
                        "a name of the wrong type",
                        VALID.replace("\"Élise Durand\"", "{\"first\": \"Élise\"}"),
                        "name"),
                Arguments.of(
                        "consent of the wrong type",
                        VALID.replace("\"consent\": true", "\"consent\": [true]"),
                        "consent"),
                Arguments.of("consent refused", VALID.replace("\"consent\": true", "\"consent\": false"), "consent"),
                Arguments.of("consent missing", VALID.replace(", \"consent\": true", ""), "consent"),
                Arguments.of(
                        "a language we do not write in",
                        VALID.replace("\"language\": \"fr\"", "\"language\": \"de\""),
                        "language"),
                Arguments.of("no language", VALID.replace("\"language\": \"fr\",", ""), "language"),
                Arguments.of(
                        "an email that is not one", VALID.replace("elise@example.org", "elise at example"), "email"),
                Arguments.of("a blank name", VALID.replace("\"Élise Durand\"", "\"   \""), "name"),
                Arguments.of("an oversized name", VALID.replace("Élise Durand", "É".repeat(201)), "name"),
                Arguments.of(
                        "a huge organisation", VALID.replace("Musée d'Orsay", "x".repeat(100_000)), "organisation"),
                Arguments.of(
                        "a time zone that does not exist", VALID.replace("Europe/Paris", "Mars/Olympus"), "timeZone"),
                Arguments.of(
                        "an interpretation language that is not one",
                        VALID.replace("\"en\"", "\"English!\""),
                        "interpretationLanguage"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void aBadRegistrationIsA400NamingTheFieldAndStoresNothing(String what, String body, String field) {
        Response response = api.post("/api/events/" + event.id() + "/registrations", body);

        assertThat(response.status()).as(what + ": " + response).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("type").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        if (field != null) {
            assertThat(fields(problem)).as(what + ": " + response).contains(field);
        }
        assertThat(registrations()).isZero();
    }

    @Test
    void wrongPathsMediaTypesAndParametersAre4xxProblems() {
        String path = "/api/events/" + event.id() + "/registrations";
        List<Response> answers = List.of(
                api.post("/api/events/not-a-uuid/registrations", VALID),
                api.post(path, VALID, "Content-Type", "text/plain"),
                api.get("/api/registrations/not-a-uuid?token=x"),
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
