package org.museumevents.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.museumevents.local.PlatformApi.address;
import static org.museumevents.local.PlatformApi.await;
import static org.museumevents.local.PlatformApi.messageIdsTo;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.museumevents.local.servers.KafkaBroker;
import org.museumevents.local.servers.Smtp;
import tools.jackson.databind.JsonNode;

/**
 * Issue 18: the seed flow with two instances of every service (the test platform's setting, see
 * {@link Platform}), on the real processes. An organiser's token from one gateway works on the
 * other (one signing key); public reads are spread over both catalog-service instances and
 * registrations over both registration-service instances (each instance's own request counter, read
 * from its {@code /actuator/prometheus}); every registration message is relayed from the outbox once
 * (read back from {@code registration.events}, the event's messages all on one partition); each
 * registrant's emails come once and in the order of the facts (confirmed before cancelled, waiting
 * before promoted), whichever notification-service instance sent them; and each reminder is sent
 * once.
 */
@Tag("platform")
class TwoOfEverythingTest {

    private static final String TITLE = "Two of everything";
    private static final int PLACES = 12;
    private static final int CONCURRENT = PLACES;
    private static final int WAITING = 4;
    private static final int CANCELLED = 2;
    private static final Duration HEALING = Duration.ofSeconds(180);
    private static final String REGISTRATIONS_URI = "uri=\"/api/events/{eventId}/registrations\"";

    @Test
    void theSeedFlowRunsOnceOverTwoInstancesOfEveryService() throws Exception {
        Platform platform = Platform.shared();
        PlatformApi api = new PlatformApi(platform);
        Smtp smtp = platform.component(Smtp.class);
        List<String> gateways = List.of(platform.gatewayUrl(""), platform.secondGatewayUrl(""));

        // A token from the second gateway, used on the first: both sign with the same key.
        String organiser = api.tokenAt(platform.secondGatewayUrl(""), PlatformApi.ORGANISATION);

        // Its reminders fall due in about a minute.
        String event = api.publishedEventRemindingSoon(organiser, TITLE, PLACES);

        // Public reads through both gateways: both catalog-service instances answer some.
        List<String> catalogs = platform.instanceUrls("catalog-service");
        Map<String, Long> catalogBefore = counts(api, catalogs, "uri=\"/api/events\"", "method=\"GET\"");
        for (int i = 0; i < 20; i++) {
            String gateway = gateways.get(i % 2);
            HttpResponse<String> list = api.call("GET", gateway + "/api/events?q=" + UUID.randomUUID(), null, null);
            assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        }
        Map<String, Long> catalogAfter = counts(api, catalogs, "uri=\"/api/events\"", "method=\"GET\"");
        catalogs.forEach(catalog -> assertThat(catalogAfter.get(catalog) - catalogBefore.get(catalog))
                .as("public reads answered by " + catalog)
                .isPositive());

        // The registrants: CONCURRENT at once over both gateways, then WAITING one after the other.
        List<String> registrations = platform.instanceUrls("registration-service");
        Map<String, Long> registrationBefore =
                counts(api, registrations, REGISTRATIONS_URI, "method=\"POST\"", "status=\"201\"");
        Map<String, String> idByEmail = new LinkedHashMap<>();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<String> emails = new ArrayList<>();
            List<Future<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < CONCURRENT; i++) {
                String email = address("two");
                String gateway = gateways.get(i % 2);
                emails.add(email);
                calls.add(callers.submit(() -> register(api, gateway, event, email)));
            }
            for (int i = 0; i < CONCURRENT; i++) {
                HttpResponse<String> answer = calls.get(i).get();
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
                idByEmail.put(
                        emails.get(i),
                        api.json.readTree(answer.body()).get("id").asString());
            }
        } finally {
            callers.shutdown();
        }
        List<String> waiting = new ArrayList<>();
        for (int i = 0; i < WAITING; i++) {
            String email = address("two-waiting");
            HttpResponse<String> answer = register(api, gateways.get(i % 2), event, email);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
            JsonNode registration = api.json.readTree(answer.body());
            assertThat(registration.get("status").asString()).isEqualTo("WAITLISTED");
            idByEmail.put(email, registration.get("id").asString());
            waiting.add(email);
        }
        Map<String, Long> registrationAfter =
                counts(api, registrations, REGISTRATIONS_URI, "method=\"POST\"", "status=\"201\"");
        long registered = 0;
        for (String instance : registrations) {
            long answered = registrationAfter.get(instance) - registrationBefore.get(instance);
            assertThat(answered).as("registrations answered by " + instance).isPositive();
            registered += answered;
        }
        assertThat(registered).isEqualTo(CONCURRENT + WAITING);

        Map<String, String> statuses = api.attendees(organiser, event);
        List<String> confirmed = idByEmail.entrySet().stream()
                .filter(entry -> "CONFIRMED".equals(statuses.get(entry.getValue())))
                .map(Map.Entry::getKey)
                .toList();
        assertThat(confirmed).hasSize(PLACES);

        // Each registrant's first email, once (a confirmation not yet sent when its registration is
        // cancelled is never sent: no longer true; so the cancellations come after).
        Map<String, List<String>> expected = new LinkedHashMap<>();
        confirmed.forEach(email -> expected.put(email, List.of("Registration confirmed: " + TITLE)));
        waiting.forEach(email -> expected.put(email, List.of("On the waiting list: " + TITLE)));
        awaitEmails(smtp, expected);

        // Two confirmed registrants cancelled by the organiser through the second gateway: the first
        // two of the waiting list, in their order, take the places.
        List<String> cancelled = confirmed.subList(0, CANCELLED);
        for (String email : cancelled) {
            HttpResponse<String> cancel = api.call(
                    "POST",
                    platform.secondGatewayUrl("/api/registrations/" + idByEmail.get(email) + "/cancel"),
                    organiser,
                    null);
            assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
        }
        List<String> promoted = waiting.subList(0, CANCELLED);
        Map<String, String> after = api.attendees(organiser, event);
        promoted.forEach(email -> assertThat(after.get(idByEmail.get(email))).isEqualTo("CONFIRMED"));
        waiting.subList(CANCELLED, WAITING)
                .forEach(email -> assertThat(after.get(idByEmail.get(email))).isEqualTo("WAITLISTED"));

        // Then their emails, once each, in the order of the facts.
        cancelled.forEach(email ->
                expected.put(email, List.of("Registration confirmed: " + TITLE, "Registration cancelled: " + TITLE)));
        promoted.forEach(
                email -> expected.put(email, List.of("On the waiting list: " + TITLE, "A place is yours: " + TITLE)));
        awaitEmails(smtp, expected);

        // The reminders, once each, to the confirmed only.
        String reminder = "Reminder: " + TITLE;
        List<String> remindedToBe = idByEmail.keySet().stream()
                .filter(email -> "CONFIRMED".equals(after.get(idByEmail.get(email))))
                .toList();
        assertThat(remindedToBe).hasSize(PLACES);
        await("a reminder to every confirmed registrant", HEALING, () -> messageIdsTo(smtp, reminder)
                .keySet()
                .containsAll(remindedToBe));
        Thread.sleep(5_000); // room for a late duplicate to show
        Map<String, List<String>> reminders = messageIdsTo(smtp, reminder);
        assertThat(reminders.keySet()).containsExactlyInAnyOrderElementsOf(remindedToBe);
        reminders.forEach(
                (email, ids) -> assertThat(ids).as("reminders to " + email).hasSize(1));
        expected.forEach((email, subjects) -> assertThat(withoutReminders(subjects(smtp, email)))
                .as("emails to " + email)
                .containsExactlyElementsOf(subjects));

        // Each outcome relayed once, all of the event's messages on one partition.
        List<ConsumerRecord<String, String>> relayed =
                relayedFor(platform.component(KafkaBroker.class).bootstrapServers(), event);
        assertThat(relayed.stream().map(ConsumerRecord::partition).distinct())
                .as("partitions of the event's messages")
                .hasSize(1);
        Map<String, Integer> byIdAndType = new HashMap<>();
        List<String> messageIds = new ArrayList<>();
        for (ConsumerRecord<String, String> record : relayed) {
            JsonNode message = api.json.readTree(record.value());
            messageIds.add(message.path("id").asString());
            byIdAndType.merge(
                    message.path("registrationId").asString() + " "
                            + message.path("type").asString(),
                    1,
                    Integer::sum);
        }
        assertThat(relayed).as("the event's registration messages").hasSizeGreaterThanOrEqualTo(idByEmail.size());
        assertThat(messageIds).as("message ids").doesNotHaveDuplicates();
        byIdAndType.forEach(
                (key, count) -> assertThat(count).as("messages " + key).isEqualTo(1));
        System.out.printf(
                "TwoOfEverythingTest: %d registrations over %s (%s before, %s after), public reads over %s; "
                        + "%d messages relayed once each on one partition; %d reminders, none twice%n",
                registered,
                registrations,
                registrationBefore,
                registrationAfter,
                catalogs,
                relayed.size(),
                reminders.size());
    }

    private static HttpResponse<String> register(PlatformApi api, String gateway, String event, String email)
            throws Exception {
        return api.call(
                "POST",
                gateway + "/api/events/" + event + "/registrations",
                null,
                """
                {"name": "Two Instances", "email": "%s", "language": "en", "consent": true}"""
                        .formatted(email),
                "Idempotency-Key",
                UUID.randomUUID().toString());
    }

    /**
     * Waits until each address has received at least as many emails (reminders aside) as it is
     * expected to, then checks they are exactly those, in that order; fails naming those short, with
     * what they received.
     */
    private static void awaitEmails(Smtp smtp, Map<String, List<String>> expected) throws Exception {
        try {
            await("every registrant's emails", HEALING, () -> expected.entrySet().stream()
                    .allMatch(entry ->
                            withoutReminders(subjects(smtp, entry.getKey())).size()
                                    >= entry.getValue().size()));
        } catch (AssertionError e) {
            StringBuilder missing = new StringBuilder();
            expected.forEach((email, subjects) -> {
                List<String> received = withoutReminders(subjects(smtp, email));
                if (received.size() < subjects.size()) {
                    missing.append("\n  ")
                            .append(email)
                            .append(" expected ")
                            .append(subjects)
                            .append(", received ")
                            .append(received);
                }
            });
            throw new AssertionError(e.getMessage() + missing, e);
        }
        expected.forEach((email, subjects) -> assertThat(withoutReminders(subjects(smtp, email)))
                .as("emails to " + email)
                .containsExactlyElementsOf(subjects));
    }

    private static List<String> withoutReminders(List<String> subjects) {
        return subjects.stream()
                .filter(subject -> !subject.startsWith("Reminder: "))
                .toList();
    }

    private static List<String> subjects(Smtp smtp, String email) {
        try {
            List<String> subjects = new ArrayList<>();
            for (jakarta.mail.internet.MimeMessage message : smtp.received()) {
                for (jakarta.mail.Address to : message.getRecipients(jakarta.mail.Message.RecipientType.TO)) {
                    if (((jakarta.mail.internet.InternetAddress) to)
                            .getAddress()
                            .equals(email)) {
                        subjects.add(message.getSubject());
                    }
                }
            }
            return subjects;
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sums, on each instance's {@code /actuator/prometheus}, the {@code
     * http_server_requests_seconds_count} series whose labels contain every one of {@code labels}.
     *
     * @return instance origin to the sum
     */
    private static Map<String, Long> counts(PlatformApi api, List<String> instances, String... labels)
            throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String instance : instances) {
            HttpResponse<String> scrape = api.call("GET", instance + "/actuator/prometheus", null, null);
            assertThat(scrape.statusCode()).as(instance + ": " + scrape.body()).isEqualTo(200);
            long sum = 0;
            for (String line : scrape.body().lines().toList()) {
                if (line.startsWith("http_server_requests_seconds_count{")
                        && List.of(labels).stream().allMatch(line::contains)) {
                    sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            counts.put(instance, sum);
        }
        return counts;
    }

    /**
     * Every message of {@code registration.events} keyed by the event, from the beginning of each
     * partition to its end as it was when called.
     */
    private static List<ConsumerRecord<String, String>> relayedFor(String bootstrapServers, String event) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings)) {
            List<TopicPartition> partitions = consumer.partitionsFor("registration.events").stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + HEALING.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                assertThat(System.nanoTime())
                        .as("registration.events read to its end")
                        .isLessThan(deadline);
                consumer.poll(Duration.ofSeconds(1)).forEach(record -> {
                    if (event.equals(record.key())) {
                        records.add(record);
                    }
                });
            }
            return records;
        }
    }
}
