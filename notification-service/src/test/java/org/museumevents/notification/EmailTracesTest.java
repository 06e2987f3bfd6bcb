package org.museumevents.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.museumevents.notification.Examples.announce;
import static org.museumevents.notification.Examples.catalog;
import static org.museumevents.notification.Examples.publish;
import static org.museumevents.notification.Examples.registration;
import static org.museumevents.notification.Examples.unique;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.museumevents.testsupport.Prometheus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.node.ObjectNode;

/**
 * An operator follows a request to its email: the trace of a registration message (its {@code
 * traceparent} header) is kept with the emails it calls for and is in the log lines of their
 * handling and of their sending; and Prometheus counts the emails by kind and status.
 */
@ExtendWith(OutputCaptureExtension.class)
@NotificationIntegrationTest
class EmailTracesTest {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    @Autowired
    DeliveryLog log;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    @Autowired
    Environment environment;

    @Autowired
    PrometheusMeterRegistry prometheus;

    @Test
    void theTraceOfARegistrationMessageIsKeptWithItsEmailsAndInTheirLogLines(CapturedOutput output) {
        UUID eventId = UUID.randomUUID();
        publish(catalog("EventPublished", eventId));
        // Known first, so that the registration message, not the catalog's, is what plans the reminders.
        await().until(() -> jdbc.sql("SELECT count(*) FROM known_event WHERE id = :id")
                        .param("id", eventId)
                        .query(Long.class)
                        .single()
                == 1);
        UUID registrationId = UUID.randomUUID();
        String email = unique("traced");
        ObjectNode confirmed = registration("RegistrationConfirmed", eventId, registrationId, email);
        announce(confirmed, TRACEPARENT);

        Inbox.awaitOne(email);
        await().untilAsserted(() -> assertThat(log.of(eventId, "CONFIRMATION"))
                .singleElement()
                .satisfies(entry -> assertThat(entry.status()).isEqualTo("SENT")));
        // The confirmation and the reminders the same message planned, each with the message's trace.
        assertThat(traceIds(registrationId))
                .containsEntry("CONFIRMATION", List.of(TRACE_ID))
                .containsEntry("REMINDER", List.of(TRACE_ID, TRACE_ID));

        assertThat(lineWith(
                        output,
                        "Applied RegistrationConfirmed " + confirmed.get("id").asString()))
                .contains(TRACE_ID);
        assertThat(lineWith(output, "Sent CONFIRMATION notification", "for event " + eventId))
                .contains(TRACE_ID);
        // The service's own lines name no recipient (the test's SMTP server, GreenMail, logs its users).
        assertThat(output.getAll().lines().filter(line -> !line.contains("icegreen")))
                .noneMatch(line -> line.contains(email));
    }

    @Test
    void prometheusCountsSentEmailsByKindAndStatus() {
        // The counters count every email of the context; the exact increases below are this test's
        // only while nothing else is on its way: no message left to apply, no email due unsent.
        untilNothingIsOnItsWay();
        String before = prometheus.scrape();
        UUID eventId = UUID.randomUUID();
        publish(catalog("EventPublished", eventId));
        String confirmed = unique("counted");
        String waiting = unique("counted-wait");
        announce(registration("RegistrationConfirmed", eventId, UUID.randomUUID(), confirmed));
        announce(registration("RegistrationWaitlisted", eventId, UUID.randomUUID(), waiting));
        Inbox.awaitOne(confirmed);
        Inbox.awaitOne(waiting);

        await().untilAsserted(() -> {
            String after = prometheus.scrape();
            assertThat(increase(before, after, "confirmation", "sent")).isEqualTo(1);
            assertThat(increase(before, after, "waitlisted", "sent")).isEqualTo(1);
            assertThat(increase(before, after, "confirmation", "retrying")).isZero();
            assertThat(after).doesNotContain("@example.org").doesNotContain(eventId.toString());
        });
    }

    private void untilNothingIsOnItsWay() {
        Broker.awaitConsumed(environment.getRequiredProperty(IntegrationTestExtension.GROUP));
        await().until(() -> jdbc.sql(
                                """
                        SELECT count(*) FROM notification n WHERE n.status IN ('SCHEDULED', 'RETRYING')
                            AND n.next_attempt_at <= :now AND EXISTS (SELECT 1 FROM known_event e WHERE e.id = n.event_id)
                        """)
                        .param("now", java.sql.Timestamp.from(clock.instant()))
                        .query(Long.class)
                        .single()
                == 0);
    }

    /** The trace ids of a registration's emails, by kind. */
    private Map<String, List<String>> traceIds(UUID registrationId) {
        return jdbc
                .sql("SELECT kind, trace_id FROM notification WHERE registration_id = :id")
                .param("id", registrationId)
                .query((rs, n) -> Map.entry(rs.getString("kind"), String.valueOf(rs.getString("trace_id"))))
                .list()
                .stream()
                .collect(Collectors.groupingBy(
                        Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    /** The one log line that contains every one of {@code texts}. */
    private static String lineWith(CapturedOutput output, String... texts) {
        List<String> lines = output.getAll()
                .lines()
                .filter(line -> Stream.of(texts).allMatch(line::contains))
                .toList();
        assertThat(lines).as(String.join(" ", texts)).hasSize(1);
        return lines.get(0);
    }

    /** How much {@code museum_emails_total{kind, status}} grew between two scrapes. */
    private static double increase(String before, String after, String kind, String status) {
        return sample(after, kind, status) - sample(before, kind, status);
    }

    private static double sample(String scrape, String kind, String status) {
        return new Prometheus(scrape).sample("museum_emails_total", "kind", kind, "status", status);
    }
}
