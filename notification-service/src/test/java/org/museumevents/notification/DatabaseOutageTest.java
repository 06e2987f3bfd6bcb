package org.museumevents.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.museumevents.notification.Examples.announce;
import static org.museumevents.notification.Examples.catalog;
import static org.museumevents.notification.Examples.publish;
import static org.museumevents.notification.Examples.registration;
import static org.museumevents.notification.Examples.unique;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.museumevents.testsupport.TcpProxy;
import org.museumevents.testsupport.TestServers;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The service reaches its database only through a proxy that the test cuts, or silences (a frozen
 * host, a partition: connections stay open and carry nothing). Its API answers 503 problem+json
 * and its readiness goes DOWN; a registration message that arrives meanwhile is tried for as long
 * as the outage lasts, past the binding's {@code max-attempts}, and is neither dead-lettered nor
 * lost: its confirmation goes out once, when the database answers again, without a restart (the
 * starter's {@code ConsumerRetries}; with the binder's own retries it went to {@code
 * error.registration.events.<group>} after 3 attempts and the registrant never heard). It breaks a
 * server, so it has a context of its own, closed after it.
 */
@NotificationIntegrationTest
@DirtiesContext
@Tag("outage")
class DatabaseOutageTest {

    static final TcpProxy database = new TcpProxy();

    /**
     * Far above the socket timeout given below (5 s; the service's default is 30 s) and the pool's
     * 3 s: a bound that stops a hung test, not a speed measurement.
     */
    private static final Duration NEVER_ENDING = Duration.ofSeconds(90);

    @Autowired
    ConsumerCalls calls;

    @Autowired
    DeliveryLog log;

    @Autowired
    MockMvc mvc;

    @Autowired
    Environment environment;

    @DynamicPropertySource
    static void databaseThroughTheProxy(DynamicPropertyRegistry registry) {
        TestServers.DatabaseCoordinates db = TestServers.newDatabase().behind(database);
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", db::password);
        registry.add("spring.datasource.hikari.data-source-properties.socketTimeout", () -> "5");
        OwnContext.ownConsumerGroup(registry);
    }

    @AfterAll
    static void closeProxy() {
        database.close();
    }

    @Test
    void aConfirmationThatArrivesDuringADatabaseOutageGoesOutOnceWhenTheDatabaseReturns() throws Exception {
        UUID eventId = knownEvent();
        String email = confirmedDuring(database::cut, eventId);

        MockHttpServletResponse answer = assertTimeoutPreemptively(NEVER_ENDING, () -> deliveryLog(eventId));
        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getContentType()).startsWith("application/problem+json");
        assertThat(mvc.perform(get("/actuator/health/readiness"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(503);
        assertThat(mvc.perform(get("/actuator/health/liveness"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);

        database.restore();
        assertReceivedOnceAndNotDeadLettered(eventId, email);
        await().atMost(NEVER_ENDING)
                .ignoreExceptions()
                .until(() -> deliveryLog(eventId).getStatus() == 200);
    }

    @Test
    void aConfirmationThatArrivesWhileTheDatabaseIsSilentGoesOutOnceWhenItAnswersAgain() throws Exception {
        UUID eventId = knownEvent();
        String email = confirmedDuring(database::silence, eventId);

        database.restore();
        assertReceivedOnceAndNotDeadLettered(eventId, email);
    }

    /** A published event the service has stored, its database reachable. */
    private UUID knownEvent() {
        UUID eventId = UUID.randomUUID();
        publish(catalog("EventPublished", eventId));
        await().atMost(NEVER_ENDING)
                .ignoreExceptions()
                .until(() -> deliveryLog(eventId).getStatus() == 200 && calls.of(eventId) == 1);
        return eventId;
    }

    /**
     * Starts the {@code outage}, then announces a registrant's confirmation for {@code eventId} and
     * waits until the consumer has been called with it more times than the binding's {@code
     * max-attempts}: as many as the binder allowed before it dead-lettered a message. Returns the
     * registrant's address.
     */
    private String confirmedDuring(Runnable outage, UUID eventId) {
        outage.run();
        String email = unique("db-outage");
        int before = calls.of(eventId);
        announce(registration("RegistrationConfirmed", eventId, UUID.randomUUID(), email));
        int maxAttempts = environment.getRequiredProperty(
                "spring.cloud.stream.bindings.registrationEvents-in-0.consumer.max-attempts", Integer.class);
        await().atMost(NEVER_ENDING).until(() -> calls.of(eventId) - before > maxAttempts);
        return email;
    }

    private void assertReceivedOnceAndNotDeadLettered(UUID eventId, String email) {
        Inbox.awaitOne(email);
        String deadLetters =
                "error." + Broker.REGISTRATIONS + "." + environment.getRequiredProperty(IntegrationTestExtension.GROUP);
        assertThat(Broker.readAll(deadLetters))
                .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .noneMatch(value -> value.contains(eventId.toString()));
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(Inbox.to(email)).hasSize(1);
        assertThat(log.of(eventId, "CONFIRMATION")).singleElement().satisfies(entry -> assertThat(entry.status())
                .isEqualTo("SENT"));
    }

    private MockHttpServletResponse deliveryLog(UUID eventId) throws Exception {
        return mvc.perform(get("/api/events/" + eventId + "/notifications")
                        .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer("icom-france")))
                .andReturn()
                .getResponse();
    }
}
