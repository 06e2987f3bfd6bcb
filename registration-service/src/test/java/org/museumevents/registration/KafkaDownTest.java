package org.museumevents.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.museumevents.registration.event.EventSnapshot;
import org.museumevents.testsupport.Prometheus;
import org.museumevents.testsupport.TcpProxy;
import org.museumevents.testsupport.TestServers;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Registering works while Kafka is down; the messages wait in the outbox and follow when it is
 * back. Meanwhile the instance stays ready (the outbox absorbs the outage) and its backlog shows in
 * Prometheus. The instance reaches a broker of this test's own through a proxy that the test cuts, so the
 * shared broker stays up.
 *
 * <p>Its instance is its own ({@link TestInstance}, not the shared test context), on its own
 * database and broker, and is closed when the test ends. Tagged {@code outage}: {@code -Pfast}
 * leaves it out.
 */
@Tag("outage")
class KafkaDownTest {

    @Test
    void registeringWorksWhileKafkaIsDownAndTheMessagesFollowWhenItIsBack() throws Exception {
        TestServers.DatabaseCoordinates db = TestServers.newDatabase();
        ConfigurableApplicationContext app = null;
        try (TcpProxy proxy = new TcpProxy()) {
            EmbeddedKafkaKraftBroker broker = TestServers.startEmbeddedKafkaBehind(proxy);
            String bootstrap = "localhost:" + proxy.port();
            try {
                app = TestInstance.start(db, bootstrap, "--registration.outbox.relay-interval=200ms");
                Api api = TestInstance.api(app);
                JdbcClient jdbc = app.getBean(JdbcClient.class);
                EventSnapshot event = TestCatalog.apply(app, TestCatalog.event("icom-france", 10));

                String before = api.register(event.id(), "before-" + UUID.randomUUID() + "@example.org")
                        .json()
                        .get("id")
                        .asString();
                try (KafkaProbe probe = new KafkaProbe(bootstrap, "registration.events")) {
                    await().atMost(Duration.ofSeconds(60)).until(() -> received(probe, before));
                }

                proxy.cut();
                Api.Response during = api.register(event.id(), "during-" + UUID.randomUUID() + "@example.org");
                assertThat(during.status()).as(during.toString()).isEqualTo(201);
                String duringId = during.json().get("id").asString();
                // The relay keeps trying and failing (its sends time out within 10 s); the message stays
                // in the outbox while its age grows.
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> api.prometheus().value("museum_outbox_oldest_age_seconds") >= 7.0);
                assertThat(unpublished(jdbc, event)).isEqualTo(1);
                Prometheus waiting = api.prometheus();
                assertThat(waiting.value("museum_outbox_backlog")).isEqualTo(1);
                assertThat(waiting.value("museum_outbox_oldest_age_seconds")).isBetween(7.0, 120.0);
                assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);

                proxy.restore();
                await().atMost(Duration.ofSeconds(60)).until(() -> unpublished(jdbc, event) == 0);
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    Prometheus caughtUp = api.prometheus();
                    assertThat(caughtUp.value("museum_outbox_backlog")).isZero();
                    assertThat(caughtUp.value("museum_outbox_oldest_age_seconds"))
                            .isZero();
                });
                try (KafkaProbe probe = new KafkaProbe(bootstrap, "registration.events")) {
                    await().atMost(Duration.ofSeconds(60)).until(() -> received(probe, duringId));
                }
            } finally {
                if (app != null) {
                    app.close();
                }
                broker.destroy();
            }
        }
    }

    private static boolean received(KafkaProbe probe, String registrationId) {
        return probe.poll().stream()
                .anyMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains(registrationId));
    }

    private static long unpublished(JdbcClient jdbc, EventSnapshot event) {
        return jdbc.sql("SELECT count(*) FROM outbox WHERE published_at IS NULL AND message_key = :key")
                .param("key", event.id().toString())
                .query(Long.class)
                .single();
    }
}
