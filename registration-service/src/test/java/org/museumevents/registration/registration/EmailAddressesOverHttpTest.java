package org.museumevents.registration.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
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

/**
 * Every path of registration-service that takes an email follows the starter's one rule ({@code
 * org.museumevents.starter.input.EmailAddresses}), through HTTP on the real servers: registering
 * refuses what cannot be delivered with a 400 problem naming {@code email} and stores nothing;
 * internationalised domains are stored, counted as duplicates and sent in their ASCII form; and the
 * organisers' search finds a stored address however its domain is typed (issue 12's example: {@code
 * jose@café.fr} finds {@code jose@xn--caf-dma.fr}). Registering is the only way an email enters
 * this service: there is no change of email nor organiser-side addition.
 */
@RegistrationIntegrationTest
class EmailAddressesOverHttpTest {

    private static final String ICOM = TestTokens.bearer("icom-france");

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
        event = TestCatalog.apply(context, TestCatalog.event("icom-france", 100));
    }

    static Stream<String> undeliverable() {
        return Stream.of(
                // A local part outside ASCII needs SMTPUTF8 end to end.
                "zoë@example.org",
                "josé@café.fr",
                "用户@例え.jp",
                "Ελένη@example.gr",
                // Labels IDNA or DNS refuse.
                "elise@xn--.org",
                "elise@-café.fr",
                "elise@café-.fr",
                "elise@café..fr",
                "elise@" + "é".repeat(60) + ".fr",
                "elise@exa_mple.org",
                // Reserved and special-use top-level domains (RFC 2606, 6761, 6762, 7686, 9476).
                "elise@example.invalid",
                "elise@musee.test",
                "elise@musee.example",
                "elise@musee.localhost",
                "elise@musee.local",
                "elise@musee.onion",
                "elise@musee.alt",
                "elise@café.example",
                "elise@例え.テスト");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("undeliverable")
    void anUndeliverableAddressIsA400NamingEmailAndStoresNothing(String email) {
        Response response = api.register(event.id(), email);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).as(response.toString()).contains("email");
        assertThat(registrations()).isZero();
    }

    static Stream<Arguments> internationalDomains() {
        return Stream.of(
                Arguments.of("jose@café.fr", "jose@xn--caf-dma.fr", "café.fr"),
                Arguments.of("elise@bücher.de", "elise@xn--bcher-kva.de", "bücher"),
                Arguments.of("Elise@BÜCHER.DE", "Elise@xn--bcher-kva.de", "BÜCHER.DE"),
                Arguments.of("kenji@例え.jp", "kenji@xn--r8jz45g.jp", "@例え.jp"),
                Arguments.of("eleni@ελλάδα.gr", "eleni@xn--hxakic4aa.gr", "eleni@ελλάδα.gr"),
                Arguments.of("ivan@пример.рф", "ivan@xn--e1afmkfd.xn--p1ai", "пример.рф"),
                Arguments.of("  anna@münchen.de  ", "anna@xn--mnchen-3ya.de", "anna@münchen.de"));
    }

    @ParameterizedTest(name = "{0} is stored as {1} and found by {2}")
    @MethodSource("internationalDomains")
    void anInternationalDomainIsStoredSentAndFoundInItsAsciiForm(String typed, String stored, String search) {
        Response registered = api.register(event.id(), typed);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        String id = registered.json().get("id").asString();

        JsonNode view = api.get("/api/registrations/" + id + "/organiser-view", "Authorization", ICOM)
                .json();
        assertThat(view.get("email").asString()).isEqualTo(stored);
        assertThat(jdbc.sql("SELECT payload FROM outbox WHERE message_key = :key AND payload LIKE :id")
                        .param("key", event.id().toString())
                        .param("id", "%" + id + "%")
                        .query(String.class)
                        .single())
                .contains(stored)
                .doesNotContain(typed.strip());

        // The same person typing the other form is the same email.
        Response again = api.register(event.id(), stored.toUpperCase(Locale.ROOT));
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
        assertThat(again.json().get("type").asString()).endsWith("/duplicate-registration");

        // The organisers find it however the domain is typed, the full address as in JSON and CSV.
        for (String q : List.of(search, typed.strip(), stored)) {
            JsonNode found = api.get(attendees() + "?q=" + encode(q), "Authorization", ICOM)
                    .json();
            assertThat(found.get("content")).as(q).hasSize(1);
            assertThat(found.get("content").get(0).get("id").asString()).isEqualTo(id);
            Response csv = api.get(attendees() + "?q=" + encode(q), "Authorization", ICOM, "Accept", "text/csv");
            assertThat(csv.body()).as(q).contains(stored);
        }
    }

    private String attendees() {
        return "/api/events/" + event.id() + "/attendees";
    }

    private static String encode(String q) {
        return URLEncoder.encode(q, StandardCharsets.UTF_8);
    }

    private long registrations() {
        return jdbc.sql("SELECT count(*) FROM registration WHERE event_id = :event")
                .param("event", event.id())
                .query(Long.class)
                .single();
    }
}
