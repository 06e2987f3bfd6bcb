package org.museumevents.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.museumevents.notification.Examples.announce;
import static org.museumevents.notification.Examples.registration;
import static org.museumevents.notification.Examples.unique;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 11, logs: a message the database refuses is logged (by the binder, at each attempt) and
 * dead-lettered with its exception's text; PostgreSQL's error detail would quote the failing row,
 * name, email, manage link with its token and check-in code included. None of them reaches the log or the dead
 * letter.
 */
@NotificationIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataInLogsTest {

    @Autowired
    Environment environment;

    @Test
    void aRefusedRowLeavesNoPersonalDataInTheLogsOrTheDeadLetter(CapturedOutput output) {
        String email = unique("refused");
        UUID registrationId = UUID.randomUUID();
        ObjectNode confirmed = registration("RegistrationConfirmed", UUID.randomUUID(), registrationId, email);
        confirmed.putNull("name"); // stored, it breaks a constraint at every attempt
        // The check-in code (issue 16) is a secret of the registrant's too.
        String code = confirmed.get("checkInCode").asString();
        assertThat(code).hasSize(22);
        announce(confirmed);

        String deadLetters =
                "error." + Broker.REGISTRATIONS + "." + environment.getRequiredProperty(IntegrationTestExtension.GROUP);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(Broker.readAll(deadLetters))
                .filteredOn(r -> new String(r.value(), StandardCharsets.UTF_8)
                        .contains(confirmed.get("id").asString()))
                .singleElement()
                .satisfies(r -> r.headers()
                        .forEach(header -> assertThat(new String(header.value(), StandardCharsets.UTF_8))
                                .as(header.key())
                                .doesNotContain(email, "t0k3n", "Musée des Confluences", code))));
        assertThat(output.getOut()).contains("registrant_contact_until_erased");
        String serviceLines = String.join(
                "\n",
                output.getOut()
                        .lines()
                        // The test's servers log in this JVM too: GreenMail, and the embedded
                        // PostgreSQL server's own log (its DETAIL quotes the failing row), which in
                        // production is the database server's, not the service's.
                        .filter(line -> !line.contains("c.icegreen.greenmail"))
                        .filter(line -> !line.contains("i.z.t.d.p.embedded.EmbeddedPostgres"))
                        .toList());
        assertThat(serviceLines).doesNotContain(email, "t0k3n-" + registrationId, "Musée des Confluences", code);
    }
}
