package org.museumevents.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The producers' example messages (one JSON file per type, kept with the producers' tests), read
 * from their modules and given fresh ids so that each test has its own event and registrations, and
 * the test clock's time as {@code occurredAt} ({@link #happenOn}).
 */
final class Examples {

    private static final Path CATALOG = Path.of("../catalog-service/src/test/resources/messages");
    private static final Path REGISTRATION = Path.of("../registration-service/src/test/resources/messages");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The service's clock in the running test, set before each test; null outside one. */
    private static volatile Clock clock;

    private Examples() {}

    /**
     * Makes the examples happen at {@code testClock}'s time: a message says when its fact happened
     * ({@code occurredAt}), and the service judges its rules about time at that moment, so a
     * message made at a test's "now" carries that now, as the producers' would.
     */
    static void happenOn(Clock testClock) {
        clock = testClock;
    }

    private static ObjectNode now(ObjectNode message) {
        Clock current = clock;
        if (current != null) {
            message.put("occurredAt", current.instant().toString());
        }
        return message;
    }

    /**
     * e.g. {@code catalog("EventPublished", eventId)}, with a new message id, without the example's
     * follow-up: it would fall due (two hours after the end) in every test that moves the shared
     * clock past the event, and add an email those tests do not expect. {@link
     * #catalogWithFollowUp} keeps it.
     */
    static ObjectNode catalog(String type, UUID eventId) {
        ObjectNode message = catalogWithFollowUp(type, eventId);
        event(message).putNull("followUp");
        return message;
    }

    /** The producer's example as it is, its follow-up included (issue 15), with a new message id. */
    static ObjectNode catalogWithFollowUp(String type, UUID eventId) {
        ObjectNode message = now(read(CATALOG.resolve(type + ".json")));
        message.put("id", UUID.randomUUID().toString());
        event(message).put("id", eventId.toString());
        return message;
    }

    static ObjectNode event(ObjectNode catalogMessage) {
        return (ObjectNode) catalogMessage.get("event");
    }

    /** e.g. {@code registration("RegistrationConfirmed", eventId, registrationId, email)}, with a new message id. */
    static ObjectNode registration(String type, UUID eventId, UUID registrationId, String email) {
        ObjectNode message = now(read(REGISTRATION.resolve(type + ".json")));
        message.put("id", UUID.randomUUID().toString());
        message.put("eventId", eventId.toString());
        message.put("registrationId", registrationId.toString());
        message.put("email", email);
        if (message.hasNonNull("reconfirmUrl")) {
            message.put(
                    "reconfirmUrl",
                    "https://events.museum-events.org/registrations/" + registrationId + "/reconfirm?token=t0k3n-"
                            + registrationId);
        }
        if (message.hasNonNull("declineUrl")) {
            message.put(
                    "declineUrl",
                    "https://events.museum-events.org/registrations/" + registrationId + "/decline?token=t0k3n-"
                            + registrationId);
        }
        message.put(
                "manageUrl",
                "https://events.museum-events.org/registrations/" + registrationId + "?token=t0k3n-" + registrationId);
        return message;
    }

    /** {@code RegistrationErased} for one registration, with a new message id: the producer's example. */
    static ObjectNode erased(UUID eventId, UUID registrationId) {
        ObjectNode message = now(read(REGISTRATION.resolve("RegistrationErased.json")));
        message.put("id", UUID.randomUUID().toString());
        message.put("eventId", eventId.toString());
        message.put("registrationId", registrationId.toString());
        return message;
    }

    static void publish(ObjectNode catalogMessage) {
        Broker.send(
                Broker.CATALOG,
                event(catalogMessage).get("id").asString(),
                catalogMessage.get("id").asString(),
                catalogMessage.get("type").asString(),
                JSON.writeValueAsBytes(catalogMessage));
    }

    static void announce(ObjectNode registrationMessage) {
        announce(registrationMessage, Map.of());
    }

    /** As registration-service's relay sends it: with the W3C trace of the request that caused it. */
    static void announce(ObjectNode registrationMessage, String traceparent) {
        announce(registrationMessage, Map.of("traceparent", traceparent));
    }

    private static void announce(ObjectNode registrationMessage, Map<String, String> headers) {
        Broker.send(
                Broker.REGISTRATIONS,
                registrationMessage.get("eventId").asString(),
                registrationMessage.get("id").asString(),
                registrationMessage.get("type").asString(),
                JSON.writeValueAsBytes(registrationMessage),
                headers);
    }

    static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    private static ObjectNode read(Path file) {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Missing example message " + file.toAbsolutePath(), e);
        }
    }
}
