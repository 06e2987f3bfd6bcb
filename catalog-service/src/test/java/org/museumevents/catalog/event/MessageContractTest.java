package org.museumevents.catalog.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.museumevents.catalog.config.LocalTimes;
import org.museumevents.catalog.event.EventService.CatalogEventMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The example messages in src/test/resources/messages are what consumers' tests read: the
 * producer must serialise to exactly them, so a change on either side shows.
 */
class MessageContractTest {

    // Boot's auto-configured mapper with the service's own module, as the outbox writes messages.
    final JsonMapper json = JsonMapper.builder().addModule(LocalTimes.module()).build();

    @ParameterizedTest
    @ValueSource(strings = {"EventPublished", "EventUpdated", "EventCancelled"})
    void producerSerialisesToTheCommittedExample(String type) throws Exception {
        JsonNode example = json.readTree(Files.readString(Path.of("src/test/resources/messages/" + type + ".json")));

        // Rebuild the example through the production types: the event read as organisers write it.
        JsonNode event = example.path("event");
        EventDetails details = json.treeToValue(event, EventDetails.class);
        Event rebuilt = new Event(
                UUID.fromString(event.path("id").asString()),
                event.path("organisation").asString(),
                EventStatus.valueOf(event.path("status").asString()),
                details,
                event.path("version").asLong(),
                // Not part of the message; any time will do for an event that has been published.
                Instant.parse(example.path("occurredAt").asString()));
        CatalogEventMessage message = new CatalogEventMessage(
                UUID.fromString(example.path("id").asString()),
                type,
                Instant.parse(example.path("occurredAt").asString()),
                rebuilt.view());

        assertThat(json.readTree(json.writeValueAsString(message))).isEqualTo(example);
    }
}
