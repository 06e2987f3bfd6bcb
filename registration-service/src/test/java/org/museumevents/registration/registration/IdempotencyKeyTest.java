package org.museumevents.registration.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.museumevents.registration.Api;
import org.museumevents.registration.Api.Response;
import org.museumevents.registration.RegistrationIntegrationTest;
import org.museumevents.registration.TestCatalog;
import org.museumevents.registration.event.EventSnapshot;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A replayed {@code Idempotency-Key} answers the first result without minting a token (replaying it
 * used to hand out a fresh, valid token every time, forever), and a key older than {@code
 * registration.idempotency-key-lifetime} is new again.
 */
@RegistrationIntegrationTest
class IdempotencyKeyTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PersonalDataPurge purge;

    Api api;

    @BeforeEach
    void api() {
        api = Api.onPort(port);
    }

    @Test
    void replaysAnswerTheFirstResultWithoutMintingATokenOrMakingOneValid() {
        EventSnapshot event = TestCatalog.apply(context, TestCatalog.event("icom-france", 1));
        api.register(event.id(), email());
        String key = "replay-" + UUID.randomUUID();
        String body = Api.body("Ana Ruiz", email());
        Response first = post(event, body, key);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        String id = first.json().get("id").asString();
        long tokens = tokens(id);

        for (int i = 0; i < 5; i++) {
            Response replay = post(event, body, key);
            assertThat(replay.status()).as(replay.toString()).isEqualTo(201);
            assertThat(replay.json().get("id").asString()).isEqualTo(id);
            assertThat(replay.json().get("status").asString()).isEqualTo("WAITLISTED");
            assertThat(replay.json().get("waitlistPosition").asInt()).isEqualTo(1);
            assertThat(replay.json().has("token")).as(replay.toString()).isFalse();
        }
        // No new token exists; the first one still works, a guessed one does not.
        assertThat(tokens(id)).isEqualTo(tokens);
        assertThat(api.get("/api/registrations/" + id + "?token="
                                + first.json().get("token").asString())
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/registrations/" + id + "?token=" + Tokens.newToken())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anExpiredKeyIsNewAndThePurgeForgetsExpiredKeys() {
        EventSnapshot event = TestCatalog.apply(context, TestCatalog.event("icom-france", 10));
        String key = "expiring-" + UUID.randomUUID();
        Response first = post(event, Api.body("Ana Ruiz", email()), key);
        assertThat(first.status()).isEqualTo(201);
        age(event, key);

        // The same key with another body after the lifetime: a new registration, not a 422.
        Response later = post(event, Api.body("Ana Ruiz", email()), key);
        assertThat(later.status()).as(later.toString()).isEqualTo(201);
        assertThat(later.json().get("id").asString())
                .isNotEqualTo(first.json().get("id").asString());
        assertThat(later.json().get("token").asString()).isNotBlank();

        age(event, key);
        purge.purge();
        assertThat(jdbc.sql("SELECT count(*) FROM idempotency_key WHERE event_id = :e")
                        .param("e", event.id())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    /** Time passes for the key: its first use is now older than the default lifetime (P1D). */
    private void age(EventSnapshot event, String key) {
        jdbc.sql("UPDATE idempotency_key SET created_at = created_at - interval '25 hours'"
                        + " WHERE event_id = :e AND key = :k")
                .param("e", event.id())
                .param("k", key)
                .update();
    }

    private Response post(EventSnapshot event, String body, String key) {
        return api.post("/api/events/" + event.id() + "/registrations", body, "Idempotency-Key", key);
    }

    private long tokens(String id) {
        return jdbc.sql("SELECT count(*) FROM registration_token WHERE registration_id = :id")
                .param("id", UUID.fromString(id))
                .query(Long.class)
                .single();
    }

    private static String email() {
        return "idem-" + UUID.randomUUID() + "@example.org";
    }
}
