package org.museumevents.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.museumevents.notification.Examples.announce;
import static org.museumevents.notification.Examples.catalog;
import static org.museumevents.notification.Examples.publish;
import static org.museumevents.notification.Examples.registration;
import static org.museumevents.notification.Examples.unique;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.museumevents.notification.delivery.DeliveryLogEntry;
import org.museumevents.testsupport.TcpProxy;
import org.museumevents.testsupport.TestServers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service reaches the SMTP server only through a proxy that the test cuts: emails wait as
 * RETRYING with backoff and go out once when the server is back; past the give-up time (2 h in
 * these tests) they end FAILED. Prometheus counts each attempt's outcome. It breaks a server, so
 * it has a context of its own, closed after it.
 */
@NotificationIntegrationTest
@DirtiesContext
@Tag("outage")
class SmtpOutageTest {

    static final TcpProxy smtp = new TcpProxy();

    @Autowired
    TestClock clock;

    @Autowired
    DeliveryLog log;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void smtpThroughTheProxy(DynamicPropertyRegistry registry) {
        smtp.forwardTo(TestServers.smtpPort());
        registry.add("spring.mail.port", smtp::port);
        OwnContext.ownConsumerGroup(registry);
    }

    @AfterAll
    static void closeProxy() {
        smtp.close();
    }

    /** The emails counter of this context, e.g. {@code emails("confirmation", "sent")}. */
    private double emails(String kind, String status) {
        return meters.get("museum.emails")
                .tag("kind", kind)
                .tag("status", status)
                .counter()
                .count();
    }

    private DeliveryLogEntry confirmationOf(UUID eventId) {
        // An assertion, not an index error, while the message is still on its way: awaits retry it.
        assertThat(log.of(eventId, "CONFIRMATION")).isNotEmpty();
        return log.of(eventId, "CONFIRMATION").get(0);
    }

    @Test
    void anSmtpOutageLosesNothingAndEachEmailGoesOutOnceWhenItReturns() {
        clock.set("2027-01-10T09:00:00Z");
        double retriedBefore = emails("confirmation", "retrying");
        double sentBefore = emails("confirmation", "sent");
        UUID eventId = UUID.randomUUID();
        publish(catalog("EventPublished", eventId));
        smtp.cut();
        String email = unique("outage");
        announce(registration("RegistrationConfirmed", eventId, UUID.randomUUID(), email));

        await().untilAsserted(() -> assertThat(log.of(eventId, "CONFIRMATION"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.status()).isEqualTo("RETRYING");
                    assertThat(e.attempts()).isEqualTo(1);
                }));
        // Backoff: nothing is tried again before the first retry time (10 s in these tests).
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(confirmationOf(eventId).attempts()).isEqualTo(1);
        assertThat(emails("confirmation", "retrying") - retriedBefore).isEqualTo(1);
        assertThat(emails("confirmation", "sent")).isEqualTo(sentBefore);

        smtp.restore();
        clock.advance(Duration.ofSeconds(11));
        Inbox.awaitOne(email);
        await().untilAsserted(() -> assertThat(confirmationOf(eventId).status()).isEqualTo("SENT"));
        assertThat(confirmationOf(eventId).attempts()).isEqualTo(2);
        assertThat(emails("confirmation", "sent") - sentBefore).isEqualTo(1);

        clock.advance(Duration.ofMinutes(5));
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        assertThat(Inbox.to(email)).hasSize(1);
    }

    @Test
    void anEmailThatCannotBeSentPastTheGiveUpTimeEndsFailed() {
        clock.set("2027-01-11T09:00:00Z");
        double failedBefore = emails("confirmation", "failed");
        UUID eventId = UUID.randomUUID();
        publish(catalog("EventPublished", eventId));
        smtp.cut();
        try {
            String email = unique("never");
            announce(registration("RegistrationConfirmed", eventId, UUID.randomUUID(), email));
            await().untilAsserted(
                            () -> assertThat(confirmationOf(eventId).status()).isEqualTo("RETRYING"));

            clock.advance(Duration.ofHours(2).plusMinutes(1));
            await().untilAsserted(
                            () -> assertThat(confirmationOf(eventId).status()).isEqualTo("FAILED"));
            assertThat(confirmationOf(eventId).attempts()).isEqualTo(2);
            assertThat(emails("confirmation", "failed") - failedBefore).isEqualTo(1);
            assertThat(Inbox.to(email)).isEmpty();
        } finally {
            smtp.restore();
        }
    }
}
