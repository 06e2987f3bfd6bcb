package org.museumevents.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.museumevents.registration.Api.Response;
import org.museumevents.registration.event.EventSnapshot;
import org.museumevents.testsupport.TcpProxy;
import org.museumevents.testsupport.TestServers;
import org.museumevents.testsupport.TestTokens;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With its database unreachable the service answers 503 problem+json within seconds, leaves the
 * load balancer's rotation (readiness DOWN) without being restarted (liveness UP), and serves again
 * by itself when the database returns. The instance reaches its database
 * through a proxy that the test cuts; the shared PostgreSQL server stays up.
 *
 * <p>Its instance is its own ({@link TestInstance}, not the shared test context), on its own
 * database and catalog topic, and is closed when the test ends: nothing of it outlives the test to
 * take the shared context's messages. Tagged {@code outage}: {@code -Pfast} leaves it out.
 */
@Tag("outage")
class DatabaseOutageTest {

    /** Hikari's connection timeout is 3 s; a bound well above it, not a speed measurement. */
    private static final Duration QUICKLY = Duration.ofSeconds(10);

    @Test
    void aDatabaseOutageAnswers503QuicklyAndTheServiceHealsByItself() throws Exception {
        try (TcpProxy proxy = new TcpProxy();
                ConfigurableApplicationContext app = TestInstance.start(
                        TestServers.newDatabase().behind(proxy),
                        TestServers.kafkaBootstrapServers(),
                        // A topic of its own, so this instance takes no partitions from other tests' consumers.
                        "--spring.cloud.stream.bindings.catalogEvents-in-0.destination=catalog.events.db-outage")) {
            Api api = TestInstance.api(app);
            EventSnapshot event = TestCatalog.apply(app, TestCatalog.event("icom-france", 10));
            assertThat(api.register(event.id(), email()).status()).isEqualTo(201);

            proxy.cut();
            long started = System.nanoTime();
            Response during = api.register(event.id(), email());
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(during.status()).as(during.toString()).isEqualTo(503);
            assertThat(during.contentType()).startsWith("application/problem+json");
            assertThat(during.json().get("status").asInt()).isEqualTo(503);
            assertThat(took).isLessThan(QUICKLY);
            Response reading = api.get(
                    "/api/events/" + event.id() + "/registration-stats",
                    "Authorization",
                    TestTokens.bearer("icom-france"));
            assertThat(reading.status()).as(reading.toString()).isEqualTo(503);
            assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(503);
            assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
            // Metrics still answer: the outbox gauges are unknown (NaN), not an error.
            assertThat(api.prometheus().text()).contains("museum_outbox_backlog NaN");

            proxy.restore();
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> api.register(event.id(), email()).status() == 201);
            Response stats = api.get(
                    "/api/events/" + event.id() + "/registration-stats",
                    "Authorization",
                    TestTokens.bearer("icom-france"));
            // The one before the outage and the one that went through after it; the refused one left nothing.
            assertThat(stats.json().get("confirmed").asInt()).isEqualTo(2);
            assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
        }
    }

    private static String email() {
        return "outage-" + UUID.randomUUID() + "@example.org";
    }
}
