package org.museumevents.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.museumevents.notification.Examples.announce;
import static org.museumevents.notification.Examples.catalog;
import static org.museumevents.notification.Examples.event;
import static org.museumevents.notification.Examples.publish;
import static org.museumevents.notification.Examples.unique;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.museumevents.notification.Inbox.Email;
import org.museumevents.notification.email.EmailKind;
import org.museumevents.notification.email.Letter;
import org.museumevents.notification.email.Mailer;
import org.museumevents.notification.event.EventSnapshot;
import org.museumevents.notification.registrant.Registrant;
import org.museumevents.notification.registrant.RegistrationStatus;
import org.museumevents.testsupport.FoldedLines;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 12: the iCalendar attachments as registrants receive them (GreenMail), along every path
 * that sends one person several about the same event (same UID).
 *
 * <ul>
 *   <li>Kind 1, RFC 5545 §3.8.7.4: each attachment carries a SEQUENCE strictly above the last one
 *       the person received, or their calendar ignores it. The case, "register, then
 *       cancel the registration", is one path among several.
 *   <li>Kind 2, RFC 5545 §3.1: every line of every attachment, VTIMEZONE included, has at most 75
 *       octets, no fold cuts a character, and the multibyte title reads back the same.
 *   <li>The attachment's texts are in the registrant's language.
 * </ul>
 */
@NotificationIntegrationTest
class CalendarAttachmentsTest {

    /** Accents, CJK, emoji and a combining mark: long enough to be folded, several times. */
    static final String TITLE = "Le numérique est-il solidaire ? 数字世界是否包容？ ¿Es inclusivo el mundo digital? "
            + "🎨🖼️👩🏽‍🎨 Café de\u0301bat «à l’œuvre»";

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Mailer mailer;

    /** One path: the steps, each followed by the emails the address has received by then. */
    record Path(String name, String language, List<String> methods, Consumer<Steps> steps) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** What a path does, on its own event and address, waiting for each email before the next step. */
    final class Steps {
        final UUID eventId = UUID.randomUUID();
        final String email = unique("seq");
        final String language;
        int received;

        Steps(String language) {
            this.language = language;
        }

        void publishEvent() {
            publish(titled(catalog("EventPublished", eventId)));
        }

        /** The clock at the P1D reminder's due time (the event starts 16 February 2027, 12:00 UTC). */
        void remindedTheDayBefore() {
            clock.set("2027-02-15T12:00:30Z");
        }

        UUID register(String type) {
            UUID registrationId = UUID.randomUUID();
            announce(registration(registrationId, type));
            return registrationId;
        }

        void announceThen(UUID registrationId, String type) {
            announce(registration(registrationId, type));
        }

        ObjectNode registration(UUID registrationId, String type) {
            ObjectNode message = Examples.registration(type, eventId, registrationId, email);
            message.put("language", language);
            return message;
        }

        void catalogChange(String type) {
            publish(titled(catalog(type, eventId)));
        }

        /** Waits for the email the last step called for. */
        void emailed() {
            received++;
            Inbox.await(email, received);
        }

        private ObjectNode titled(ObjectNode message) {
            ObjectNode title = event(message).putObject("title");
            title.put("fr", TITLE);
            title.put("en", TITLE);
            return message;
        }
    }

    static Stream<Arguments> paths() {
        return Stream.of(
                        // The input: SEQUENCE:2 then SEQUENCE:2, the cancel ignored.
                        new Path("confirmed, then registration cancelled", "en", List.of("REQUEST", "CANCEL"), s -> {
                            s.publishEvent();
                            UUID id = s.register("RegistrationConfirmed");
                            s.emailed();
                            s.announceThen(id, "RegistrationCancelled");
                            s.emailed();
                        }),
                        new Path("waitlisted, promoted, then cancelled", "fr", List.of("REQUEST", "CANCEL"), s -> {
                            s.publishEvent();
                            UUID id = s.register("RegistrationWaitlisted");
                            s.emailed();
                            s.announceThen(id, "RegistrationPromoted");
                            s.emailed();
                            s.announceThen(id, "RegistrationCancelled");
                            s.emailed();
                        }),
                        new Path(
                                "confirmed, event moved, event cancelled",
                                "es",
                                List.of("REQUEST", "REQUEST", "CANCEL"),
                                s -> {
                                    s.publishEvent();
                                    s.register("RegistrationConfirmed");
                                    s.emailed();
                                    s.catalogChange("EventUpdated");
                                    s.emailed();
                                    s.catalogChange("EventCancelled");
                                    s.emailed();
                                }),
                        new Path(
                                "confirmed, cancelled, registered again with the same address",
                                "fr",
                                List.of("REQUEST", "CANCEL", "REQUEST"),
                                s -> {
                                    s.publishEvent();
                                    UUID first = s.register("RegistrationConfirmed");
                                    s.emailed();
                                    s.announceThen(first, "RegistrationCancelled");
                                    s.emailed();
                                    s.register("RegistrationConfirmed");
                                    s.emailed();
                                }),
                        new Path(
                                "cancelled, rejected, then confirmed again",
                                "en",
                                List.of("REQUEST", "CANCEL", "REQUEST"),
                                s -> {
                                    s.publishEvent();
                                    UUID first = s.register("RegistrationConfirmed");
                                    s.emailed();
                                    s.announceThen(first, "RegistrationCancelled");
                                    s.emailed();
                                    UUID second = s.register("RegistrationPending");
                                    s.emailed();
                                    s.announceThen(second, "RegistrationRejected");
                                    s.emailed();
                                    s.register("RegistrationConfirmed");
                                    s.emailed();
                                }),
                        new Path(
                                "confirmed, reminded, registered again after cancelling, event cancelled",
                                "es",
                                List.of("REQUEST", "REQUEST", "CANCEL", "REQUEST", "CANCEL"),
                                s -> {
                                    s.publishEvent();
                                    UUID first = s.register("RegistrationConfirmed");
                                    s.emailed();
                                    s.remindedTheDayBefore();
                                    s.emailed();
                                    s.announceThen(first, "RegistrationCancelled");
                                    s.emailed();
                                    s.register("RegistrationConfirmed");
                                    s.emailed();
                                    s.catalogChange("EventCancelled");
                                    s.emailed();
                                }))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paths")
    void everyAttachmentGoesAboveTheLastOneThePersonReceivedAndIsFoldedByOctets(Path path) {
        Steps steps = new Steps(path.language());
        path.steps().accept(steps);

        List<Email> emails = Inbox.to(steps.email);
        assertThat(emails).hasSize(steps.received);
        List<Email> withCalendar =
                emails.stream().filter(e -> e.calendar() != null).toList();

        List<Long> sequences = new ArrayList<>();
        for (Email email : withCalendar) {
            FoldedLines.assertFolded(email.calendar());
            assertThat(email.calendar())
                    .as("a fold happened: the test means something")
                    .contains("\r\n ");
            assertThat(email.eventProperty("UID")).contains(steps.eventId + "@museum-events");
            assertThat(email.eventProperty("SUMMARY")).contains(TITLE);
            sequences.add(Long.parseLong(email.eventProperty("SEQUENCE").orElseThrow()));
        }
        assertThat(sequences.get(0)).as("never below the event's version").isGreaterThanOrEqualTo(2);
        for (int i = 1; i < sequences.size(); i++) {
            assertThat(sequences.get(i))
                    .as("SEQUENCE of attachment %d of %s after %s", i + 1, sequences, path)
                    .isGreaterThan(sequences.get(i - 1));
        }
        assertThat(withCalendar)
                .extracting(e -> e.calendarProperty("METHOD").orElseThrow())
                .containsExactlyElementsOf(path.methods());
    }

    @Test
    void theAttachmentSpeaksTheRegistrantsLanguage() {
        for (String[] expected : List.of(
                new String[] {"fr", "ID de réunion\u202f: 823 4286 1023", "Code secret\u202f: 010934"},
                new String[] {"en", "Meeting ID: 823 4286 1023", "Passcode: 010934"},
                new String[] {"es", "ID de reunión: 823 4286 1023", "Código secreto: 010934"})) {
            Steps steps = new Steps(expected[0]);
            steps.publishEvent();
            steps.register("RegistrationConfirmed");
            Email email = Inbox.awaitOne(steps.email);
            assertThat(email.language()).isEqualTo(expected[0]);
            String description = email.eventProperty("DESCRIPTION").orElseThrow();
            assertThat(description).contains(expected[1], expected[2]);
            if (!expected[0].equals("en")) {
                assertThat(description).doesNotContain("Meeting ID", "Passcode");
            }
        }
    }

    /**
     * Erasure keeps no address, and cannot reset a person's SEQUENCE either: registered, cancelled
     * (the person's calendar holds the CANCEL), erased, then registered again with the same
     * address, the new entry goes above the CANCEL. A first version kept one row per hashed
     * address, deleted it on erasure, and the new entry repeated the event's version, below the
     * CANCEL, so the calendar kept the entry cancelled.
     */
    @Test
    void erasingAPersonNeverLetsTheirNextAttachmentGoBack() {
        Steps steps = new Steps("fr");
        steps.publishEvent();
        UUID first = steps.register("RegistrationConfirmed");
        steps.emailed();
        steps.announceThen(first, "RegistrationCancelled");
        steps.emailed();
        long cancelled = lastSequence(Inbox.to(steps.email).get(1));
        assertThat(Inbox.to(steps.email).get(1).calendarProperty("METHOD")).contains("CANCEL");

        announce(Examples.erased(steps.eventId, first));
        await().until(() ->
                jdbc.sql("SELECT count(*) FROM registrant WHERE registration_id = :id AND erased_at IS NOT NULL")
                                .param("id", first)
                                .query(Integer.class)
                                .single()
                        == 1);

        steps.register("RegistrationConfirmed");
        steps.emailed();
        assertThat(lastSequence(Inbox.to(steps.email).get(2))).isGreaterThan(cancelled);
        assertThat(jdbc.sql("SELECT column_name FROM information_schema.columns"
                                + " WHERE table_name = 'calendar_sequence' ORDER BY column_name")
                        .query(String.class)
                        .list())
                .as("the calendar sequences keep no address")
                .containsExactly("event_id", "last_sequence");
    }

    @Test
    void erasingOneRegistrationKeepsTheSequenceOfAnotherWithTheSameAddress() {
        Steps steps = new Steps("en");
        steps.publishEvent();
        UUID first = steps.register("RegistrationConfirmed");
        steps.emailed();
        steps.announceThen(first, "RegistrationCancelled");
        steps.emailed();
        steps.register("RegistrationConfirmed");
        steps.emailed();
        long last = lastSequence(Inbox.to(steps.email).get(2));

        announce(Examples.erased(steps.eventId, first));
        await().until(() ->
                jdbc.sql("SELECT count(*) FROM registrant WHERE registration_id = :id AND erased_at IS NOT NULL")
                                .param("id", first)
                                .query(Integer.class)
                                .single()
                        == 1);
        steps.catalogChange("EventUpdated");
        steps.emailed();
        assertThat(lastSequence(Inbox.to(steps.email).get(3))).isGreaterThan(last);
    }

    /**
     * Two instances (or one's several threads) writing to the same person at once: the upsert
     * gives each attachment its own SEQUENCE, none repeated, none lost.
     */
    @Test
    void attachmentsSentAtTheSameTimeToOnePersonNeverShareASequence() throws Exception {
        String email = unique("concurrent");
        LocalDateTime start = LocalDateTime.parse("2027-02-16T13:00");
        EventSnapshot event = new EventSnapshot(
                UUID.randomUUID(),
                "icom-france",
                "PUBLISHED",
                Map.of("fr", TITLE),
                Map.of(),
                "fr",
                "ONLINE",
                start,
                start.plusMinutes(90),
                "Asia/Kathmandu",
                null,
                new EventSnapshot.Meeting("https://us02web.zoom.us/j/82342861023", "823 4286 1023", "010934"),
                List.of(),
                List.of(),
                null,
                null,
                5,
                null);
        Registrant registrant = new Registrant(
                UUID.randomUUID(),
                event.id(),
                RegistrationStatus.CONFIRMED,
                "Ada",
                email,
                null,
                "fr",
                null,
                null,
                null);
        int sends = 24;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < sends; i++) {
                EmailKind kind = i % 2 == 0 ? EmailKind.CONFIRMATION : EmailKind.CANCELLED;
                Letter letter = new Letter(UUID.randomUUID(), kind, event, registrant, email, true, true, null);
                done.add(pool.submit(() -> {
                    mailer.send(letter);
                    return null;
                }));
            }
            for (Future<?> sent : done) {
                sent.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
        }

        List<Long> sequences = Inbox.await(email, sends).stream()
                .map(CalendarAttachmentsTest::lastSequence)
                .sorted()
                .toList();
        assertThat(sequences).doesNotHaveDuplicates().hasSize(sends);
        assertThat(sequences.get(0)).isEqualTo(5);
        assertThat(sequences.get(sends - 1)).isEqualTo(5 + sends - 1);
    }

    private static long lastSequence(Email email) {
        return Long.parseLong(email.eventProperty("SEQUENCE").orElseThrow());
    }
}
