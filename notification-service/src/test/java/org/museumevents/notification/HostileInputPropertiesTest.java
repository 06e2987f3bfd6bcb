package org.museumevents.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.museumevents.notification.event.KnownEventRepository;
import org.museumevents.notification.registrant.RegistrantRepository;
import org.museumevents.testsupport.TestTokens;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.TestContextManager;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Hostile input, as jqwik properties (issue 11) on the shared context of {@link
 * NotificationIntegrationTest} (jqwik is not a JUnit Jupiter engine, so the context comes from
 * Spring's {@link TestContextManager}, from the same cache): the delivery log never answers 500,
 * whatever the path segment and credentials; and each consumer, fed any body on its real topic,
 * goes on: a body that is not JSON is dead-lettered, and a valid message after it is applied.
 */
@NotificationIntegrationTest
class HostileInputPropertiesTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static ApplicationContext context;

    /** A body for one topic; {@code unreadable} when it is certainly not a readable message. */
    record Hostile(String topic, byte[] body, boolean unreadable) {
        @Override
        public String toString() {
            return topic + ": " + new String(body, StandardCharsets.UTF_8);
        }
    }

    @BeforeContainer
    static void sharedContext() {
        Broker.createTopics();
        context = new TestContextManager(HostileInputPropertiesTest.class)
                .getTestContext()
                .getApplicationContext();
        context.getBean(TestClock.class).set(IntegrationTestExtension.START);
        Broker.awaitAssigned(context.getEnvironment().getRequiredProperty(IntegrationTestExtension.GROUP));
    }

    @Property(tries = 300)
    void theDeliveryLogNeverAnswers500(
            @ForAll("segments") String segment, @ForAll("authorizations") String authorization) throws Exception {
        MockHttpServletRequestBuilder request = get("/api/events/{eventId}/notifications", segment);
        if (!authorization.isEmpty()) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        int status = context.getBean(MockMvc.class)
                .perform(request)
                .andReturn()
                .getResponse()
                .getStatus();
        assertThat(status).isIn(400, 401, 403, 404);
    }

    @Property(tries = 16)
    void theConsumersSurviveAnyBodyAndApplyTheNextValidMessage(@ForAll("bodies") Hostile hostile) {
        UUID eventId = UUID.randomUUID();
        Broker.sendRaw(hostile.topic(), eventId.toString(), hostile.body());
        // The same key, so the same partition: the valid message is handled after the hostile one.
        if (hostile.topic().equals(Broker.CATALOG)) {
            Examples.publish(Examples.catalog("EventPublished", eventId));
            await().atMost(Duration.ofSeconds(60)).until(() -> context.getBean(KnownEventRepository.class)
                    .find(eventId)
                    .isPresent());
        } else {
            UUID registrationId = UUID.randomUUID();
            Examples.announce(
                    Examples.registration("RegistrationConfirmed", eventId, registrationId, Examples.unique("after")));
            await().atMost(Duration.ofSeconds(60)).until(() -> context.getBean(RegistrantRepository.class)
                    .find(registrationId)
                    .isPresent());
        }
        if (hostile.unreadable()) {
            String deadLetters = "error." + hostile.topic() + "."
                    + context.getEnvironment().getRequiredProperty(IntegrationTestExtension.GROUP);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(Broker.readAll(deadLetters))
                    .anyMatch(r -> Arrays.equals(r.value(), hostile.body())));
        }
    }

    @Provide
    Arbitrary<String> segments() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(60),
                Arbitraries.strings()
                        .withChars("0123456789abcdef-%./\\\u0000\n;")
                        .ofMaxLength(40),
                Arbitraries.create(UUID::randomUUID).map(UUID::toString),
                Arbitraries.create(UUID::randomUUID).map(id -> id + "\u0000"));
    }

    @Provide
    Arbitrary<String> authorizations() {
        return Arbitraries.oneOf(
                Arbitraries.just(""),
                Arbitraries.strings().all().ofMaxLength(80),
                Arbitraries.strings().ascii().ofMaxLength(200).map("Bearer "::concat),
                Arbitraries.strings().alpha().ofMaxLength(20).map(TestTokens::bearer),
                Arbitraries.just(TestTokens.bearer("icom-france")));
    }

    @Provide
    Arbitrary<Hostile> bodies() {
        Arbitrary<String> topics = Arbitraries.of(Broker.CATALOG, Broker.REGISTRATIONS);
        Arbitrary<Hostile> notJson = Combinators.combine(
                        topics, Arbitraries.strings().all().ofMaxLength(200))
                .as((topic, text) -> new Hostile(topic, ("\u0001" + text).getBytes(StandardCharsets.UTF_8), true));
        Arbitrary<Hostile> bytes = Combinators.combine(
                        topics,
                        Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(100))
                .as((topic, raw) -> {
                    byte[] body = new byte[raw.length + 1];
                    body[0] = (byte) 0xFF; // never the start of a JSON text
                    System.arraycopy(raw, 0, body, 1, raw.length);
                    return new Hostile(topic, body, true);
                });
        Arbitrary<Hostile> mutated = Combinators.combine(
                        topics,
                        Arbitraries.of("id", "type", "registrationId", "eventId", "email", "name", "event", "status"),
                        Arbitraries.oneOf(
                                Arbitraries.strings().all().ofMaxLength(30).map(s -> (Object) s),
                                Arbitraries.integers().map(i -> (Object) i),
                                Arbitraries.just((Object) null)))
                .as((topic, field, value) -> {
                    UUID eventId = UUID.randomUUID();
                    ObjectNode message = topic.equals(Broker.CATALOG)
                            ? Examples.catalog("EventPublished", eventId)
                            : Examples.registration(
                                    "RegistrationConfirmed", eventId, UUID.randomUUID(), Examples.unique("mutant"));
                    if (value == null) {
                        message.remove(field);
                    } else if (value instanceof Integer i) {
                        message.put(field, i);
                    } else {
                        message.put(field, (String) value);
                    }
                    return new Hostile(topic, JSON.writeValueAsBytes(message), false);
                });
        Arbitrary<Hostile> empty = topics.map(topic -> new Hostile(topic, "{}".getBytes(StandardCharsets.UTF_8), true));
        return Arbitraries.oneOf(notJson, bytes, mutated, empty);
    }
}
