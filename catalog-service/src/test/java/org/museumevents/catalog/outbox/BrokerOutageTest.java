package org.museumevents.catalog.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.museumevents.catalog.CatalogIntegrationTest;
import org.museumevents.catalog.Fixtures;
import org.museumevents.testsupport.Prometheus;
import org.museumevents.testsupport.TcpProxy;
import org.museumevents.testsupport.TestServers;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * With Kafka unreachable, organisers keep working and the messages wait in the outbox; when Kafka
 * is back they go out, none lost. Meanwhile the service stays ready and Prometheus shows the
 * backlog. The service reaches a broker of this test's own only through a
 * proxy that the test cuts, so the shared broker stays up.
 *
 * <p>A context of its own (its own broker), closed after the class so that its producer and outbox
 * relay do not linger against a broker that is gone.
 */
@CatalogIntegrationTest
@Tag("outage")
@DirtiesContext(classMode = ClassMode.AFTER_CLASS)
class BrokerOutageTest {

    static final TcpProxy proxy = new TcpProxy();
    static final EmbeddedKafkaKraftBroker broker = TestServers.startEmbeddedKafkaBehind(proxy);

    @DynamicPropertySource
    static void ownBroker(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> "localhost:" + proxy.port());
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @AfterAll
    static void stopBroker() {
        proxy.close();
        broker.destroy();
    }

    @Test
    void organisersPublishWhileKafkaIsDownAndTheMessagesFollowWhenItReturns() throws Exception {
        proxy.cut();

        String token = TestTokens.bearer("ocim");
        String created = mvc.perform(post("/api/events")
                        .header(HttpHeaders.AUTHORIZATION, token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Fixtures.workshop())))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String id = json.readTree(created).path("id").asString();
        mvc.perform(post("/api/events/{id}/publish", id).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk());
        mvc.perform(post("/api/events/{id}/cancel", id).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk());

        // The relay keeps trying and failing (every 500 ms); the messages stay in the outbox all along.
        await().during(Duration.ofSeconds(8))
                .atMost(Duration.ofSeconds(12))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> unpublished(id) == 2);
        assertThat(unpublished(id)).isEqualTo(2);
        String metrics = scrape();
        assertThat(sample(metrics, "museum_outbox_backlog")).isEqualTo(2);
        assertThat(sample(metrics, "museum_outbox_oldest_age_seconds")).isBetween(7.0, 120.0);
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());

        proxy.restore();
        await().atMost(Duration.ofSeconds(60)).until(() -> unpublished(id) == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> sample(scrape(), "museum_outbox_backlog") == 0);
        try (CatalogTopic topic = new CatalogTopic("localhost:" + proxy.port())) {
            var records = topic.recordsFor(id, 2, Duration.ofSeconds(30));
            assertThat(records)
                    .extracting(r -> CatalogTopic.header(r, "ce_type"))
                    .containsExactly("EventPublished", "EventCancelled");
        }
    }

    private String scrape() throws Exception {
        return mvc.perform(get("/actuator/prometheus"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    /** The value of a sample that must be in the scrape. */
    private static double sample(String scrape, String name) {
        return new Prometheus(scrape).sample(name);
    }

    private long unpublished(String key) {
        return jdbc.sql("SELECT count(*) FROM outbox WHERE message_key = :key AND published_at IS NULL")
                .param("key", key)
                .query(Long.class)
                .single();
    }
}
