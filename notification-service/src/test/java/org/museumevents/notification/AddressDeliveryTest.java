package org.museumevents.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.museumevents.notification.Examples.announce;
import static org.museumevents.notification.Examples.catalog;
import static org.museumevents.notification.Examples.publish;
import static org.museumevents.notification.Examples.registration;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.museumevents.notification.delivery.DeliveryLogEntry;
import org.museumevents.testsupport.TestServers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 12, addresses: an email goes to its address's deliverable form (service-starter's {@code
 * EmailAddresses.deliverable}: an internationalised domain in ASCII); an address that rule refuses
 * (stored before registration-service applied it) ends FAILED at once, never offered to the server;
 * a permanent SMTP refusal (5yz, RFC 5321 §4.2.1) ends FAILED at once, while a transient one (4yz,
 * and 552 to RCPT, §4.5.3.1.10) is retried. The SMTP server is GreenMail behind {@link SmtpGate},
 * which refuses the recipients a test names: so this class has a context of its own.
 */
@NotificationIntegrationTest
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class AddressDeliveryTest {

    static final SmtpGate gate = new SmtpGate(TestServers.smtpPort());

    @Autowired
    TestClock clock;

    @Autowired
    DeliveryLog log;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void smtpThroughTheGate(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", gate::port);
        OwnContext.ownConsumerGroup(registry);
    }

    @AfterAll
    static void closeGate() {
        gate.close();
    }

    private static String token() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A confirmation to {@code email} for an event of its own; returns the event's id. */
    private static UUID confirm(String email) {
        UUID eventId = UUID.randomUUID();
        publish(catalog("EventPublished", eventId));
        announce(registration("RegistrationConfirmed", eventId, UUID.randomUUID(), email));
        return eventId;
    }

    private DeliveryLogEntry confirmationOf(UUID eventId) {
        assertThat(log.of(eventId, "CONFIRMATION")).isNotEmpty();
        return log.of(eventId, "CONFIRMATION").get(0);
    }

    @ParameterizedTest(name = "{0} goes to {1}")
    @CsvSource({
        // The issue's: a registration stored before the rule, with its domain as typed.
        "jose-%s@café.fr, jose-%s@xn--caf-dma.fr",
        "elise-%s@Bücher.DE, elise-%s@xn--bcher-kva.de",
        "'  ada-%s@example.org  ', ada-%s@example.org",
        "kim-%s@例え.テスト.jp, kim-%s@xn--r8jz45g.xn--zckzah.jp"
    })
    void anInternationalisedDomainIsSentInItsAsciiForm(String stored, String sent) {
        String token = token();
        UUID eventId = confirm(stored.formatted(token));

        Inbox.awaitOne(sent.formatted(token));
        await().untilAsserted(() -> assertThat(confirmationOf(eventId)).satisfies(e -> {
            assertThat(e.status()).isEqualTo("SENT");
            assertThat(e.attempts()).isEqualTo(1);
            assertThat(e.recipient()).isEqualTo(sent.formatted(token));
        }));
    }

    @Test
    void aRowStoredBeforeTheRuleWithItsRawDomainIsSentToTheAsciiForm() {
        // As written before this release: the address as typed, not in its deliverable form.
        String token = token();
        UUID eventId = UUID.randomUUID();
        UUID registrationId = UUID.randomUUID();
        announce(registration("RegistrationConfirmed", eventId, registrationId, "jose-" + token + "@xn--caf-dma.fr"));
        await().until(() -> !log.of(eventId, "CONFIRMATION").isEmpty());
        jdbc.sql("UPDATE notification SET recipient = :raw WHERE registration_id = :id")
                .param("raw", "jose-" + token + "@café.fr")
                .param("id", registrationId)
                .update();
        publish(catalog("EventPublished", eventId));

        Inbox.awaitOne("jose-" + token + "@xn--caf-dma.fr");
        await().untilAsserted(() -> assertThat(confirmationOf(eventId)).satisfies(e -> {
            assertThat(e.status()).isEqualTo("SENT");
            assertThat(e.attempts()).isEqualTo(1);
        }));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "zoë-%s@example.org", // a local part outside ASCII needs SMTPUTF8 (RFC 6531)
                "josé-%s@café.fr",
                "\"Ada\" <ada-%s@example.org>",
                "ada-%s@localhost",
                "ada-%s@[192.0.2.1]",
                "ada-%s@exa_mple.org",
                "ada%%-%s@example.org"
            })
    void anAddressThatCannotBeDeliveredToEndsFailedAtOnceWithoutReachingTheServer(
            String address, CapturedOutput output) {
        String token = token();
        UUID eventId = confirm(address.formatted(token));

        await().untilAsserted(() -> assertThat(confirmationOf(eventId)).satisfies(e -> {
            assertThat(e.status()).isEqualTo("FAILED");
            assertThat(e.reason()).isEqualTo("UNDELIVERABLE_ADDRESS");
            assertThat(e.attempts()).isZero();
        }));
        clock.advance(Duration.ofHours(1));
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        assertThat(confirmationOf(eventId).status()).isEqualTo("FAILED");
        assertThat(Inbox.toIgnoringCase(token)).isEmpty();
        assertThat(serviceLog(output)).doesNotContain(token);
    }

    @ParameterizedTest(name = "{1} to {0}")
    @CsvSource({
        "RCPT, 550 5.1.1 No such user here",
        "RCPT, 553 5.1.3 Mailbox name not allowed",
        "RCPT, 551 5.1.6 User not local",
        "RCPT, 556 5.1.10 Domain does not accept mail",
        "DATA, 554 5.7.1 Message refused"
    })
    void aPermanentRefusalEndsFailedAtOnce(SmtpGate.Stage stage, String reply, CapturedOutput output) {
        String token = token();
        String email = "refused-" + token + "@example.org";
        gate.refuse(email, stage, reply);
        UUID eventId = confirm(email);

        await().untilAsserted(() -> assertThat(confirmationOf(eventId)).satisfies(e -> {
            assertThat(e.status()).isEqualTo("FAILED");
            assertThat(e.reason()).isEqualTo("RECIPIENT_REFUSED");
            assertThat(e.attempts()).isEqualTo(1);
        }));
        // Past every retry time: it is not tried again.
        clock.advance(Duration.ofHours(1));
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        assertThat(confirmationOf(eventId).attempts()).isEqualTo(1);
        assertThat(Inbox.to(email)).isEmpty();
        assertThat(serviceLog(output))
                .contains("reply " + reply.substring(0, 3))
                .doesNotContain(token);
    }

    @ParameterizedTest(name = "{1} to {0}")
    @CsvSource({
        "RCPT, 450 4.2.1 Mailbox busy",
        "RCPT, 451 4.3.0 Local error in processing",
        "RCPT, 452 4.2.2 Mailbox full",
        // RFC 5321 §4.5.3.1.10: a 552 to RCPT is taken as 452.
        "RCPT, 552 5.2.2 Mailbox full",
        "DATA, 451 4.3.0 Try again later"
    })
    void aTransientRefusalIsRetriedAndSentOnceAccepted(SmtpGate.Stage stage, String reply) {
        String email = "busy-" + token() + "@example.org";
        gate.refuse(email, stage, reply);
        UUID eventId = confirm(email);

        await().untilAsserted(() -> assertThat(confirmationOf(eventId)).satisfies(e -> {
            assertThat(e.status()).isEqualTo("RETRYING");
            assertThat(e.reason()).isNull();
            assertThat(e.attempts()).isEqualTo(1);
        }));
        gate.admit(email);
        clock.advance(Duration.ofSeconds(11));

        Inbox.awaitOne(email);
        await().untilAsserted(() -> assertThat(confirmationOf(eventId)).satisfies(e -> {
            assertThat(e.status()).isEqualTo("SENT");
            assertThat(e.attempts()).isEqualTo(2);
        }));
    }

    /** The service's own log lines (GreenMail logs the addresses it is given). */
    private static String serviceLog(CapturedOutput output) {
        return String.join(
                "\n",
                output.getOut()
                        .lines()
                        .filter(line -> !line.contains("c.icegreen.greenmail"))
                        .toList());
    }
}
