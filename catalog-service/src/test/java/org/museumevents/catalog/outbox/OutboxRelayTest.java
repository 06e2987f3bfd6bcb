package org.museumevents.catalog.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.museumevents.catalog.CatalogIntegrationTest;
import org.museumevents.catalog.CatalogRequests;
import org.museumevents.catalog.Fixtures;
import org.museumevents.testsupport.TestServers;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@CatalogIntegrationTest
class OutboxRelayTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @Test
    void eachMessageCarriesTheTraceOfTheRequestThatWroteIt() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String traceparent = "00-" + traceId + "-00f067aa0ba902b7-01";
        String token = TestTokens.bearer("icom-france");
        String created = mvc.perform(post("/api/events")
                        .header(HttpHeaders.AUTHORIZATION, token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(Fixtures.onlineDebate())))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String id = json.readTree(created).path("id").asString();
        mvc.perform(post("/api/events/{id}/publish", id)
                        .header(HttpHeaders.AUTHORIZATION, token)
                        .header("traceparent", traceparent))
                .andExpect(status().isOk());

        try (CatalogTopic topic = new CatalogTopic(TestServers.kafkaBootstrapServers())) {
            ConsumerRecord<String, String> record =
                    topic.recordsFor(id, 1, Duration.ofSeconds(30)).get(0);
            String stored = jdbc.sql("SELECT traceparent FROM outbox WHERE message_id = :id")
                    .param("id", UUID.fromString(CatalogTopic.header(record, "ce_id")))
                    .query(String.class)
                    .single();
            // The request's trace, continued by the service's own span, as stored with the row.
            assertThat(stored).matches("00-" + traceId + "-[0-9a-f]{16}-01");
            assertThat(CatalogTopic.header(record, "traceparent")).isEqualTo(stored);
            assertThat(CatalogTopic.header(record, "ce_type")).isEqualTo("EventPublished");
        }
    }

    @Test
    void theEventsQuestionsTravelWithItOnTheTopic() throws Exception {
        String organisation = Fixtures.organisation("icom-france");
        Map<String, Object> event = Fixtures.onlineDebate();
        event.put("questions", Fixtures.questions());
        String id = CatalogRequests.publish(mvc, json, organisation, event);

        try (CatalogTopic topic = new CatalogTopic(TestServers.kafkaBootstrapServers())) {
            ConsumerRecord<String, String> record =
                    topic.recordsFor(id, 1, Duration.ofSeconds(30)).get(0);
            JsonNode questions = json.readTree(record.value()).path("event").path("questions");
            // As the committed example carries them (messages/EventPublished.json), which consumers read.
            JsonNode example = json.readTree(
                            Files.readString(Path.of("src/test/resources/messages/EventPublished.json")))
                    .path("event")
                    .path("questions");
            assertThat(questions).isEqualTo(example);
            assertThat(questions
                            .get(0)
                            .path("choices")
                            .get(2)
                            .path("label")
                            .path("es")
                            .asString())
                    .isEqualTo("Otra");
            assertThat(questions.get(1).path("required").asBoolean()).isFalse();
        }
    }

    @Test
    void theEventsFollowUpTravelsWithItOnTheTopic() throws Exception {
        String organisation = Fixtures.organisation("icom-france");
        JsonNode example = json.readTree(Files.readString(Path.of("src/test/resources/messages/EventPublished.json")))
                .path("event")
                .path("followUp");
        Map<String, Object> event = Fixtures.onlineDebate();
        event.put("followUp", json.convertValue(example, Map.class));
        String id = CatalogRequests.publish(mvc, json, organisation, event);

        try (CatalogTopic topic = new CatalogTopic(TestServers.kafkaBootstrapServers())) {
            ConsumerRecord<String, String> record =
                    topic.recordsFor(id, 1, Duration.ofSeconds(30)).get(0);
            // As the committed example carries it (messages/EventPublished.json), which notification reads.
            JsonNode followUp = json.readTree(record.value()).path("event").path("followUp");
            assertThat(followUp).isEqualTo(example);
            assertThat(followUp.path("text").path("es").asString()).contains("\n");
            assertThat(followUp.path("links").get(1).path("url").asString())
                    .isEqualTo("https://survey.example.org/s/solidarity-4?lang=fr");
        }
    }

    /** Issue 17: the reconfirmation policy, as registration-service and notification-service read it. */
    @Test
    void theEventsReconfirmationPolicyTravelsWithItOnTheTopic() throws Exception {
        String organisation = Fixtures.organisation("ocim");
        JsonNode example = json.readTree(Files.readString(Path.of("src/test/resources/messages/EventPublished.json")))
                .at("/event/registration/reconfirmation");
        assertThat(example.isObject())
                .as("the committed example carries a policy")
                .isTrue();
        Map<String, Object> event = Fixtures.workshop();
        event.put("registration", Map.of("reconfirmation", json.convertValue(example, Map.class)));
        String id = CatalogRequests.publish(mvc, json, organisation, event);
        Map<String, Object> changed = Map.of("before", "P7D", "deadline", "PT0S");
        event.put("registration", Map.of("reconfirmation", changed));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/events/{id}", id)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(organisation))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(event)))
                .andExpect(status().isOk());
        event.put("registration", Map.of("waitlist", true));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/events/{id}", id)
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer(organisation))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(json.writeValueAsString(event)))
                .andExpect(status().isOk());

        try (CatalogTopic topic = new CatalogTopic(TestServers.kafkaBootstrapServers())) {
            List<ConsumerRecord<String, String>> records = topic.recordsFor(id, 3, Duration.ofSeconds(30));
            assertThat(records)
                    .extracting(r -> CatalogTopic.header(r, "ce_type"))
                    .containsExactly("EventPublished", "EventUpdated", "EventUpdated");
            // As the committed example carries it (messages/EventPublished.json), which consumers read.
            assertThat(json.readTree(records.get(0).value()).at("/event/registration/reconfirmation"))
                    .isEqualTo(example);
            JsonNode changedOnTopic = json.readTree(records.get(1).value()).at("/event/registration/reconfirmation");
            assertThat(changedOnTopic.path("before").asString()).isEqualTo("P7D");
            assertThat(changedOnTopic.path("deadline").asString()).isEqualTo("PT0S");
            assertThat(changedOnTopic.path("releaseSilent").isBoolean()).isTrue();
            assertThat(changedOnTopic.path("releaseSilent").asBoolean()).isFalse();
            // Turned off: null, present.
            JsonNode registration = json.readTree(records.get(2).value()).at("/event/registration");
            assertThat(registration.has("reconfirmation")).isTrue();
            assertThat(registration.path("reconfirmation").isNull()).isTrue();
        }
    }

    @Test
    void publishUpdateAndCancelReachTheRealBrokerInOrderKeyedByEvent() throws Exception {
        String token = TestTokens.bearer("icom-france");
        String body = json.writeValueAsString(Fixtures.onlineDebate());
        String created = mvc.perform(post("/api/events")
                        .header(HttpHeaders.AUTHORIZATION, token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andReturn()
                .getResponse()
                .getContentAsString();
        String id = json.readTree(created).path("id").asString();
        mvc.perform(post("/api/events/{id}/publish", id).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/api/events/{id}", id)
                        .header(HttpHeaders.AUTHORIZATION, token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isOk());
        mvc.perform(post("/api/events/{id}/cancel", id).header(HttpHeaders.AUTHORIZATION, token))
                .andExpect(status().isOk());

        try (CatalogTopic topic = new CatalogTopic(TestServers.kafkaBootstrapServers())) {
            List<ConsumerRecord<String, String>> records = topic.recordsFor(id, 3, Duration.ofSeconds(30));
            assertThat(records)
                    .extracting(r -> CatalogTopic.header(r, "ce_type"))
                    .containsExactly("EventPublished", "EventUpdated", "EventCancelled");
            assertThat(records)
                    .extracting(r -> r.partition())
                    .containsOnly(records.get(0).partition());
            JsonNode published = json.readTree(records.get(0).value());
            assertThat(published.path("type").asString()).isEqualTo("EventPublished");
            assertThat(published.path("id").asString()).isEqualTo(CatalogTopic.header(records.get(0), "ce_id"));
            assertThat(published.path("occurredAt").asString()).isNotBlank();
            assertThat(published.path("event").path("id").asString()).isEqualTo(id);
            assertThat(published.path("event").path("meeting").path("passcode").asString())
                    .isEqualTo("010934");
            assertThat(records)
                    .extracting(r -> json.readTree(r.value())
                            .path("event")
                            .path("version")
                            .asLong())
                    .containsExactly(2L, 3L, 4L);
            assertThat(CatalogTopic.header(records.get(0), "ce_source")).isEqualTo("/catalog-service");
            assertThat(CatalogTopic.header(records.get(0), "ce_specversion")).isEqualTo("1.0");
        }
    }
}
