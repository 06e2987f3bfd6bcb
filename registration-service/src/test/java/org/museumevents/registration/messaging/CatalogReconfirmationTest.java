package org.museumevents.registration.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.museumevents.registration.event.ReconfirmationPolicy;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * How {@code event.registration.reconfirmation} (issue 17) reads from the catalog's example message:
 * the policy with its instants, none when absent or null, and an unreadable one as none rather than
 * the whole event refused. No server: the end-to-end path is in {@code ReconfirmationTest}.
 */
class CatalogReconfirmationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path EXAMPLE = Path.of("../catalog-service/src/test/resources/messages/EventPublished.json");

    private static CatalogMessage read(String reconfirmation) throws Exception {
        ObjectNode message = (ObjectNode) JSON.readTree(Files.readAllBytes(EXAMPLE));
        ObjectNode registration = (ObjectNode) message.get("event").get("registration");
        if (reconfirmation == null) {
            registration.remove("reconfirmation");
        } else {
            registration.set("reconfirmation", JSON.readTree(reconfirmation));
        }
        CatalogMessage read = JSON.readValue(JSON.writeValueAsBytes(message), CatalogMessage.class);
        read.check();
        return read;
    }

    @Test
    void readsThePolicyAndItsInstants() throws Exception {
        CatalogMessage message = read("{\"before\": \"P3D\", \"deadline\": \"P1D\", \"releaseSilent\": true}");
        ReconfirmationPolicy policy = message.snapshot().reconfirmation();
        assertThat(policy).isEqualTo(new ReconfirmationPolicy("P3D", "P1D", true));
        Instant start = message.snapshot().startsAt();
        assertThat(policy.askAt(start)).isEqualTo(start.minus(Duration.ofDays(3)));
        assertThat(policy.remindAt(start)).isEqualTo(start.minus(Duration.ofDays(2)));
        assertThat(policy.dueAt(start)).isEqualTo(start.minus(Duration.ofDays(1)));
        // releaseSilent defaults to false; a deadline of zero is the start itself.
        assertThat(read("{\"before\": \"PT12H\", \"deadline\": \"PT0S\"}")
                        .snapshot()
                        .reconfirmation())
                .isEqualTo(new ReconfirmationPolicy("PT12H", "PT0S", false));
    }

    @Test
    void noPolicyIsNone() throws Exception {
        assertThat(read(null).snapshot().reconfirmation()).isNull();
        assertThat(read("null").snapshot().reconfirmation()).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"P3D\"",
                "[]",
                "{\"before\": \"P1D\", \"deadline\": \"P3D\"}",
                "{\"before\": \"P1D\", \"deadline\": \"P1D\"}",
                "{\"before\": \"3 days\", \"deadline\": \"P1D\"}",
                "{\"before\": 3, \"deadline\": \"P1D\"}",
                "{\"before\": \"P400D\", \"deadline\": \"P1D\"}",
                "{\"before\": \"P3D\", \"deadline\": \"-P1D\"}",
                "{\"before\": \"P3D\"}",
                "{\"before\": \"P1M\", \"deadline\": \"P1D\"}"
            })
    void anUnreadablePolicyIsNoneAndTheEventStillReads(String reconfirmation) throws Exception {
        CatalogMessage message = read(reconfirmation);
        assertThat(message.snapshot().reconfirmation()).isNull();
        assertThat(message.snapshot().id()).isNotNull();
    }
}
