package org.museumevents.registration.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * The check-in code on {@code registration.events} (issue 16), read from the outbox rows as they are
 * relayed: on the CONFIRMED and PROMOTED messages of an event that is not online, never on a waiting
 * list's, an online event's, or after erasure.
 */
@RegistrationIntegrationTest
class CheckInCodeInMessagesTest {

    private static final String ICOM = TestTokens.bearer("icom-france");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void api() {
        api = Api.onPort(port);
    }

    @Test
    void confirmedAndPromotedMessagesOfAnInPersonEventCarryTheCode() {
        EventSnapshot event =
                TestCatalog.apply(context, TestCatalog.format(TestCatalog.event("icom-france", 1), "IN_PERSON"));
        JsonNode first = register(event);
        JsonNode second = register(event);
        String firstCode = code(first);
        assertThat(firstCode).matches("[A-Za-z0-9_-]{22}");

        assertThat(message(first, "RegistrationConfirmed").get("checkInCode").asString())
                .isEqualTo(firstCode);
        assertThat(message(second, "RegistrationWaitlisted").get("checkInCode").isNull())
                .isTrue();

        Response cancelled = api.delete("/api/registrations/" + first.get("id").asString() + "?token="
                + first.get("token").asString());
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(message(first, "RegistrationCancelled").get("checkInCode").isNull())
                .isTrue();
        String secondCode = code(second);
        assertThat(message(second, "RegistrationPromoted").get("checkInCode").asString())
                .isEqualTo(secondCode)
                .isNotEqualTo(firstCode);

        Response erased = api.delete(
                "/api/registrations/" + second.get("id").asString() + "/personal-data", "Authorization", ICOM);
        assertThat(erased.status()).as(erased.toString()).isEqualTo(204);
        assertThat(messages(second))
                .filteredOn(m -> !"RegistrationErased".equals(m.get("type").asString()))
                .hasSize(2)
                .allSatisfy(m -> assertThat(m.get("checkInCode").isNull()).isTrue());
    }

    @Test
    void anOnlineEventsMessagesCarryNoCode() {
        EventSnapshot event =
                TestCatalog.apply(context, TestCatalog.format(TestCatalog.event("icom-france", 5), "ONLINE"));
        JsonNode registered = register(event);
        JsonNode message = message(registered, "RegistrationConfirmed");
        assertThat(message.has("checkInCode")).isTrue();
        assertThat(message.get("checkInCode").isNull()).isTrue();
    }

    private JsonNode register(EventSnapshot event) {
        Response r = api.register(event.id(), "code-" + UUID.randomUUID() + "@example.org");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    private String code(JsonNode registered) {
        return api.get("/api/registrations/" + registered.get("id").asString() + "?token="
                        + registered.get("token").asString())
                .json()
                .get("checkInCode")
                .asString();
    }

    private JsonNode message(JsonNode registered, String type) {
        List<JsonNode> found = messages(registered).stream()
                .filter(m -> type.equals(m.get("type").asString()))
                .toList();
        assertThat(found).as(type).hasSize(1);
        return found.get(0);
    }

    private List<JsonNode> messages(JsonNode registered) {
        String id = registered.get("id").asString();
        return jdbc
                .sql("SELECT payload FROM outbox WHERE destination = 'registration.events' AND payload LIKE :like"
                        + " ORDER BY occurred_at")
                .param("like", "%" + id + "%")
                .query(String.class)
                .list()
                .stream()
                .map(JSON::readTree)
                .filter(m -> id.equals(m.path("registrationId").asString()))
                .toList();
    }
}
