package org.museumevents.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.museumevents.notification.Examples.announce;
import static org.museumevents.notification.Examples.catalog;
import static org.museumevents.notification.Examples.publish;
import static org.museumevents.notification.Examples.registration;
import static org.museumevents.notification.Examples.unique;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.museumevents.notification.delivery.DeliveryLogEntry;
import org.museumevents.notification.event.KnownEventRepository;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Two instances on one database and one consumer group, both dispatching every 200 ms in small
 * batches: each reminder goes out once. It needs a second instance beside its own, so it has a
 * context (and a consumer group) of its own, closed after it.
 */
@NotificationIntegrationTest
@TestPropertySource(properties = {"notification.delivery.batch-size=3", "notification.delivery.senders=2"})
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class TwoInstancesTest {

    private static final int PEOPLE = 24;
    private static final int BURST = 400;
    private static ConfigurableApplicationContext second;

    @Autowired
    TestClock clock;

    @Autowired
    DeliveryLog log;

    @Autowired
    Environment environment;

    @Autowired
    MockMvc mvc;

    @Autowired
    KnownEventRepository events;

    @DynamicPropertySource
    static void ownConsumerGroup(DynamicPropertyRegistry registry) {
        OwnContext.ownConsumerGroup(registry);
    }

    @AfterAll
    static void stopSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    /** The same application beside the test's, with the same settings and a clock of its own. */
    private TestClock secondInstance() {
        if (second != null) {
            return second.getBean(TestClock.class);
        }
        List<String> args =
                new ArrayList<>(List.of("--server.port=0", "--spring.task.scheduling.thread-name-prefix=second-"));
        for (String property : List.of(
                "spring.datasource.url",
                "spring.datasource.username",
                "spring.datasource.password",
                "spring.kafka.bootstrap-servers",
                "spring.mail.host",
                "spring.mail.port",
                "spring.security.oauth2.resourceserver.jwt.public-key-location",
                "spring.cloud.stream.bindings.catalogEvents-in-0.group",
                "spring.cloud.stream.bindings.registrationEvents-in-0.group",
                "spring.cloud.stream.kafka.bindings.catalogEvents-in-0.consumer.start-offset",
                "spring.cloud.stream.kafka.bindings.registrationEvents-in-0.consumer.start-offset",
                "notification.delivery.poll-interval",
                "notification.messages.poll-interval",
                "notification.delivery.batch-size",
                "notification.delivery.senders",
                "logging.level.org.apache.kafka")) {
            args.add("--" + property + "=" + environment.getRequiredProperty(property));
        }
        second = new SpringApplicationBuilder(
                        org.museumevents.notification.NotificationApplication.class, TestClockConfig.class)
                .run(args.toArray(String[]::new));
        return second.getBean(TestClock.class);
    }

    @Test
    void twoInstancesSendEachReminderOnce(CapturedOutput output) {
        TestClock secondClock = secondInstance();
        clock.set("2027-01-10T09:00:00Z");
        secondClock.set("2027-01-10T09:00:00Z");
        UUID eventId = UUID.randomUUID();
        publish(catalog("EventPublished", eventId));
        List<String> people = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            String email = unique("pair-" + i);
            people.add(email);
            announce(registration("RegistrationConfirmed", eventId, UUID.randomUUID(), email));
        }
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(log.of(eventId, "REMINDER")).hasSize(2 * PEOPLE));
        people.forEach(Inbox::awaitOne);

        // Both instances reach the day-before reminders' time together.
        clock.set("2027-02-15T12:00:30Z");
        secondClock.set("2027-02-15T12:00:30Z");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(log.of(eventId, "REMINDER"))
                .filteredOn(e -> e.status().equals("SENT"))
                .hasSize(PEOPLE));
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);

        assertThat(people).allSatisfy(email -> assertThat(Inbox.to(email))
                .extracting(Inbox.Email::subject)
                .containsExactly(
                        "Inscription confirmée\u202f: Le numérique est-il solidaire ?",
                        "Rappel\u202f: Le numérique est-il solidaire ?"));
        assertThat(log.of(eventId, "REMINDER"))
                .filteredOn(e -> e.status().equals("SENT"))
                .extracting(DeliveryLogEntry::attempts)
                .containsOnly(1);
        // Which instance claimed what depends on timing: reported, not asserted.
        List<String> sent = output.getOut()
                .lines()
                .filter(line -> line.contains("Sent REMINDER") && line.contains(eventId.toString()))
                .toList();
        long bySecond = sent.stream().filter(line -> line.contains(" second-")).count();
        System.out.printf(
                Locale.ROOT,
                "Reminders sent: %d by the first instance, %d by the second%n",
                sent.size() - bySecond,
                bySecond);
    }

    /**
     * Issue 15: an organiser's message scheduled for later is planned and sent once, at its time,
     * though both instances look for due messages and dispatch every 200 ms.
     */
    @Test
    void twoInstancesSendAScheduledMessageOnceAtItsTime() throws Exception {
        TestClock secondClock = secondInstance();
        clock.set("2027-01-10T09:00:00Z");
        secondClock.set("2027-01-10T09:00:00Z");
        UUID eventId = UUID.randomUUID();
        publish(catalog("EventPublished", eventId));
        await().until(() -> events.find(eventId).isPresent());
        List<String> people = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            String email = unique("message-" + i);
            people.add(email);
            announce(registration("RegistrationConfirmed", eventId, UUID.randomUUID(), email));
        }
        people.forEach(Inbox::awaitOne);
        mvc.perform(
                        post("/api/events/" + eventId + "/messages")
                                .header(HttpHeaders.AUTHORIZATION, TestTokens.bearer("icom-france"))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content(
                                        """
                                {"recipients": ["CONFIRMED"], "sendAt": "2027-01-10T10:00:00Z",
                                 "subject": {"fr": "Programme de {event}"}, "body": {"fr": "Bonjour {name}"}}
                                """))
                .andExpect(status().isAccepted());
        await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
        assertThat(log.of(eventId, "MESSAGE")).isEmpty();

        // Both instances reach the message's time together.
        clock.set("2027-01-10T10:00:01Z");
        secondClock.set("2027-01-10T10:00:01Z");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(log.of(eventId, "MESSAGE"))
                .hasSize(PEOPLE)
                .allSatisfy(e -> assertThat(e.status()).isEqualTo("SENT")));
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);

        assertThat(log.of(eventId, "MESSAGE"))
                .hasSize(PEOPLE)
                .extracting(DeliveryLogEntry::attempts)
                .containsOnly(1);
        assertThat(people).allSatisfy(email -> assertThat(Inbox.to(email))
                .extracting(Inbox.Email::subject)
                .containsExactly(
                        "Inscription confirmée\u202f: Le numérique est-il solidaire ?",
                        "Programme de Le numérique est-il solidaire ?"));
    }

    /**
     * Issue 15: an event's follow-up falls due on both instances at once (two hours after the
     * end): each confirmed registrant receives it once.
     */
    @Test
    void twoInstancesSendAFollowUpOnce() {
        TestClock secondClock = secondInstance();
        clock.set("2027-01-10T09:00:00Z");
        secondClock.set("2027-01-10T09:00:00Z");
        UUID eventId = UUID.randomUUID();
        var published = Examples.catalogWithFollowUp("EventPublished", eventId);
        Examples.event(published).putArray("reminders");
        publish(published);
        await().until(() -> events.find(eventId).isPresent());
        List<String> people = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            String email = unique("follow-up-" + i);
            people.add(email);
            announce(registration("RegistrationConfirmed", eventId, UUID.randomUUID(), email));
        }
        people.forEach(Inbox::awaitOne);

        clock.set("2027-02-16T15:30:01Z");
        secondClock.set("2027-02-16T15:30:01Z");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(log.of(eventId, "FOLLOW_UP"))
                .hasSize(PEOPLE)
                .allSatisfy(e -> assertThat(e.status()).isEqualTo("SENT")));
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);

        assertThat(log.of(eventId, "FOLLOW_UP"))
                .hasSize(PEOPLE)
                .extracting(DeliveryLogEntry::attempts)
                .containsOnly(1);
        assertThat(people).allSatisfy(email -> assertThat(Inbox.to(email))
                .extracting(Inbox.Email::subject)
                .containsExactly(
                        "Inscription confirmée\u202f: Le numérique est-il solidaire ?",
                        "Après «\u202fLe numérique est-il solidaire ?\u202f»"));
    }

    /**
     * Issue 13: with many reminders due at once on two instances, some went out twice. Here both
     * instances send hundreds of reminders due together, in small batches (many claims, side by
     * side), while new registrations are planned and confirmed on both: every email goes out
     * once, and every reminder goes out.
     */
    @Test
    void underABurstTwoInstancesSendEachOfManyRemindersOnce() {
        TestClock secondClock = secondInstance();
        clock.set("2027-01-10T09:00:00Z");
        secondClock.set("2027-01-10T09:00:00Z");
        UUID eventId = UUID.randomUUID();
        publish(catalog("EventPublished", eventId));
        List<String> people = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            String email = unique("burst-" + i);
            people.add(email);
            announce(registration("RegistrationConfirmed", eventId, UUID.randomUUID(), email));
        }
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            assertThat(log.of(eventId, "REMINDER")).hasSize(2 * BURST);
            assertThat(log.of(eventId, "CONFIRMATION")).hasSize(BURST).allSatisfy(e -> assertThat(e.status())
                    .isEqualTo("SENT"));
        });

        // The day-before reminders all fall due on both instances, while more people register.
        clock.set("2027-02-15T12:00:30Z");
        secondClock.set("2027-02-15T12:00:30Z");
        List<String> late = new ArrayList<>();
        for (int i = 0; i < BURST / 4; i++) {
            String email = unique("late-" + i);
            late.add(email);
            announce(registration("RegistrationConfirmed", eventId, UUID.randomUUID(), email));
        }
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            assertThat(log.of(eventId, "REMINDER"))
                    .filteredOn(e -> e.status().equals("SENT"))
                    .hasSize(BURST);
            assertThat(log.of(eventId, "CONFIRMATION"))
                    .hasSize(BURST + BURST / 4)
                    .allSatisfy(e -> assertThat(e.status()).isEqualTo("SENT"));
        });
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);

        Map<String, Long> perMessageId = new HashMap<>();
        for (String email : people) {
            List<Inbox.Email> received = Inbox.to(email);
            assertThat(received).extracting(Inbox.Email::subject).hasSize(2);
            received.forEach(e -> perMessageId.merge(e.messageId(), 1L, Long::sum));
        }
        for (String email : late) {
            Inbox.to(email).forEach(e -> perMessageId.merge(e.messageId(), 1L, Long::sum));
        }
        assertThat(perMessageId.entrySet())
                .filteredOn(e -> e.getValue() > 1)
                .as("emails received more than once")
                .isEmpty();
        assertThat(perMessageId).hasSize(2 * BURST + BURST / 4);
    }
}
