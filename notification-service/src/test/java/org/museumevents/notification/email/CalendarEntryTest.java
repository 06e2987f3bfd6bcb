package org.museumevents.notification.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.museumevents.notification.event.EventSnapshot;
import org.museumevents.notification.registrant.Registrant;
import org.museumevents.notification.registrant.RegistrationStatus;
import org.museumevents.testsupport.FoldedLines;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * Issue 11: no time zone can fail the calendar entry. Fixed offsets, which ical4j 4.1.1 fails on,
 * are written in UTC without VTIMEZONE; an IANA zone keeps its TZID and VTIMEZONE. Issue 12: the
 * local times are the event's in every zone, lines are folded by octets (RFC 5545 §3.1), and the
 * texts are in the email's language. No Spring, no database: the JVM's zone and locale play no part.
 */
class CalendarEntryTest {

    static final String JOIN_URL = "https://us02web.zoom.us/j/82342861023";

    private final CalendarEntry calendar = new CalendarEntry(
            new EmailProperties("Museum Events <no-reply@museum-events.org>", "http://localhost:8080"));

    static EventSnapshot event(String timeZone) {
        return event(timeZone, null);
    }

    /** With {@code startsAt} null, the instants are computed from 13:00 local time in the zone. */
    static EventSnapshot event(String timeZone, Instant startsAt) {
        LocalDateTime start = LocalDateTime.parse("2027-02-16T13:00");
        return new EventSnapshot(
                UUID.randomUUID(),
                "icom-france",
                "PUBLISHED",
                Map.of("en", "Is the digital world inclusive?"),
                Map.of(),
                "en",
                "ONLINE",
                start,
                start.plusMinutes(90),
                timeZone,
                null,
                new EventSnapshot.Meeting(JOIN_URL, "823 4286 1023", "010934"),
                List.of(),
                List.of(),
                startsAt,
                startsAt == null ? null : startsAt.plus(Duration.ofMinutes(90)),
                2,
                null);
    }

    static Letter letter(EventSnapshot event) {
        Registrant registrant = new Registrant(
                UUID.randomUUID(),
                event.id(),
                RegistrationStatus.CONFIRMED,
                "Ada",
                "ada@example.org",
                null,
                "en",
                null,
                null,
                null);
        return new Letter(
                UUID.randomUUID(), EmailKind.CONFIRMATION, event, registrant, "ada@example.org", true, true, null);
    }

    /** The {@code mail/messages} bundles as {@link Mailer} reads them: never the JVM's locale. */
    static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("mail/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    private final ResourceBundleMessageSource messages = messages();

    String write(Letter letter) {
        return calendar.write(letter, Locale.ENGLISH, messages, 7);
    }

    static Calendar parse(String text) throws Exception {
        return new CalendarBuilder().build(new StringReader(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC+1", "+02:00", "Z", "UTC", "GMT-03:30", "UT+05:45", "Etc/GMT+1"})
    void aFixedOffsetIsWrittenInUtcWithoutTimeZone(String zone) throws Exception {
        EventSnapshot event = event(zone);
        String text = write(letter(event));

        Calendar parsed = parse(text);
        assertThat(parsed.getComponent("VTIMEZONE")).isEmpty();
        String utc = event.startsAt().toString().replace("-", "").replace(":", "");
        assertThat(text).contains("DTSTART:" + utc).doesNotContain("TZID");
        assertThat(text.replace("\r\n ", "")).contains(JOIN_URL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Europe/Paris", "America/New_York", "Asia/Tokyo"})
    void anIanaZoneKeepsItsTimeZone(String zone) throws Exception {
        String text = write(letter(event(zone)));

        assertThat(parse(text).getComponent("VTIMEZONE")).isPresent();
        assertThat(text).contains("DTSTART;TZID=" + zone + ":20270216T130000");
    }

    /** Issue 12: ical4j's conversion misplaced these (13:00 in Kathmandu became 12:45). */
    @ParameterizedTest
    @ValueSource(
            strings = {"Asia/Kathmandu", "Africa/Abidjan", "America/Buenos_Aires", "Asia/Calcutta", "Europe/Paris"})
    void theLocalTimeIsTheEventsOwnInTheZoneTheCalendarDefines(String zone) throws Exception {
        String text = write(letter(event(zone)));

        String tzid = parse(text)
                .getComponent("VTIMEZONE")
                .map(c -> ((net.fortuna.ical4j.model.component.VTimeZone) c)
                        .getTimeZoneId()
                        .getValue())
                .orElseThrow();
        assertThat(ZoneId.of(tzid).getRules()).isEqualTo(ZoneId.of(zone).getRules());
        assertThat(text).contains("DTSTART;TZID=" + tzid + ":20270216T130000");
        assertThat(text).contains("DTEND;TZID=" + tzid + ":20270216T143000");
    }

    @Test
    void noZoneTheJdkKnowsMisplacesTheTimesOrFailsTheEntry() throws Exception {
        Pattern start = Pattern.compile("DTSTART(?:;TZID=([^:\\r\\n]+))?:(\\d{8}T\\d{6})(Z?)\\r\\n");
        for (String zone : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
            EventSnapshot event;
            try {
                event = event(zone);
            } catch (RuntimeException e) {
                // ical4j registers ids of its own with the JDK whose rules throw: stored instants then.
                event = event(zone, Instant.parse("2027-02-16T12:00:00Z"));
            }
            String text = write(letter(event));

            Matcher found = start.matcher(text);
            assertThat(found.find(text.indexOf("BEGIN:VEVENT")))
                    .as(zone + "\n" + text)
                    .isTrue();
            ZoneId in = found.group(1) == null ? ZoneOffset.UTC : ZoneId.of(found.group(1));
            assertThat(LocalDateTime.parse(found.group(2), BASIC).atZone(in).toInstant())
                    .as(zone)
                    .isEqualTo(event.startsAt());
            if (found.group(1) != null) {
                assertThat(text).as(zone).contains("BEGIN:VTIMEZONE\r\nTZID:" + found.group(1) + "\r\n");
            }
            FoldedLines.assertFolded(text);
        }
    }

    /** Issue 12, kind 3: the attachment speaks the email's language, as the rest of it. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            ignoreLeadingAndTrailingWhitespace = false,
            value = {
                "fr|Rejoindre la séance\u202f: |ID de réunion\u202f: 823 4286 1023|Code secret\u202f: 010934|Voir ou annuler mon inscription\u202f: |En ligne",
                "en|Join the session: |Meeting ID: 823 4286 1023|Passcode: 010934|See or cancel my registration: |Online",
                "es|Unirse a la sesión: |ID de reunión: 823 4286 1023|Código secreto: 010934|Ver o cancelar mi inscripción: |En línea"
            })
    void theDescriptionAndLocationAreInTheEmailsLanguage(
            String language, String join, String meetingId, String passcode, String manage, String online)
            throws Exception {
        Letter confirmed = withManageUrl(letter(event("Europe/Paris")));
        Locale locale = Locale.forLanguageTag(language);

        Calendar parsed = parse(calendar.write(confirmed, locale, messages, 2));
        String description = property(parsed, "DESCRIPTION");
        assertThat(description.split("\n")).containsExactly(join + JOIN_URL, meetingId, passcode, manage + MANAGE_URL);

        Letter withoutJoin = new Letter(
                confirmed.notificationId(),
                EmailKind.CANCELLED,
                confirmed.event(),
                confirmed.registrant(),
                confirmed.recipient(),
                false,
                true,
                null);
        Calendar cancel = parse(calendar.write(withoutJoin, locale, messages, 3));
        assertThat(property(cancel, "LOCATION")).isEqualTo(online);
        // A withdrawn entry offers nothing to manage (issue 12, kind 6): no description at all.
        assertThat(((VEvent) cancel.getComponent("VEVENT").orElseThrow()).getProperty("DESCRIPTION"))
                .isEmpty();
        if (!language.equals("en")) {
            assertThat(description + property(cancel, "LOCATION")).doesNotContain("Meeting ID", "Passcode", "Online");
        }
    }

    @Test
    void theSequenceIsTheOneGiven() throws Exception {
        Letter letter = letter(event("Europe/Paris"));
        assertThat(property(parse(calendar.write(letter, Locale.ENGLISH, messages, 5)), "SEQUENCE"))
                .isEqualTo("5");
    }

    /**
     * Issue 12, kind 2: whatever the texts (accents, CJK, emoji, combining marks), every line of the
     * attachment, VTIMEZONE included, has at most 75 octets, no fold cuts a character, and the texts
     * read back the same.
     */
    @net.jqwik.api.Property(tries = 200)
    void everyLineHasAtMost75OctetsAndTheTextsReadBackTheSame(
            @ForAll("texts") String title,
            @ForAll("texts") String meetingId,
            @ForAll("texts") String passcode,
            @ForAll("zones") String zone,
            @ForAll("languages") String language)
            throws Exception {
        EventSnapshot base = event(zone);
        EventSnapshot event = new EventSnapshot(
                base.id(),
                base.organisation(),
                base.status(),
                Map.of(language, "x" + title + "x"),
                Map.of(),
                language,
                base.format(),
                base.start(),
                base.end(),
                zone,
                null,
                new EventSnapshot.Meeting(JOIN_URL + "?pwd=" + "Z".repeat(60), meetingId, passcode),
                List.of(),
                List.of(),
                null,
                null,
                base.version(),
                null);
        String text = calendar.write(withManageUrl(letter(event)), Locale.forLanguageTag(language), messages, 9);

        List<String> lines = FoldedLines.assertFolded(text);
        assertThat(lines).anyMatch(line -> line.startsWith(" "));
        Calendar parsed = parse(text);
        // Wrapped in letters: ical4j's reader drops a value's leading spaces, which RFC 5545 keeps.
        assertThat(property(parsed, "SUMMARY")).isEqualTo("x" + title + "x");
        assertThat(property(parsed, "DESCRIPTION")).contains(meetingId, passcode, MANAGE_URL);
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.strings()
                        .alpha()
                        .numeric()
                        .withChars(' ', ',', ';', ':', '"')
                        .ofMaxLength(20),
                Arbitraries.strings().withChars("éèçàœÉ«» ñ¿¡üß").ofMaxLength(20),
                Arbitraries.strings().withCharRange('\u4e00', '\u9fff').ofMaxLength(20),
                Arbitraries.of("🎨", "🖼️", "👩🏽‍🎨", "𝄞", "e\u0301", "ﷺ", "\u200d", "\\"));
        return piece.list().ofMaxSize(12).map(pieces -> String.join("", pieces));
    }

    @Provide
    Arbitrary<String> zones() {
        return Arbitraries.of(
                "Europe/Paris",
                "Asia/Kathmandu",
                "America/Argentina/Buenos_Aires",
                "Australia/Lord_Howe",
                "Pacific/Auckland",
                "America/St_Johns",
                "Africa/Abidjan",
                "UTC",
                "+05:45");
    }

    @Provide
    Arbitrary<String> languages() {
        return Arbitraries.of("fr", "en", "es");
    }

    static final String MANAGE_URL = "https://events.museum-events.org/registrations/"
            + "5b1d4c3e-9a8f-0d6e-1b2c-3a417f0c2a4e?token=t0k3n-0123456789abcdef0123456789abcdef";

    static Letter withManageUrl(Letter letter) {
        Registrant r = letter.registrant();
        Registrant registrant = new Registrant(
                r.registrationId(),
                r.eventId(),
                r.status(),
                "Ada Lovelace-Éléonore 李",
                r.email(),
                r.organisation(),
                r.language(),
                r.timeZone(),
                MANAGE_URL,
                r.waitlistPosition());
        return new Letter(
                letter.notificationId(),
                letter.kind(),
                letter.event(),
                registrant,
                letter.recipient(),
                letter.joinDetails(),
                letter.calendar(),
                letter.waitlistPosition());
    }

    static String property(Calendar calendar, String name) {
        VEvent event = (VEvent) calendar.getComponent("VEVENT").orElseThrow();
        return event.getProperty(name).map(p -> ((Property) p).getValue()).orElseThrow();
    }

    static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
}
