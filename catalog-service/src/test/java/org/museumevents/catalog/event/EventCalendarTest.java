package org.museumevents.catalog.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.data.CalendarBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.museumevents.catalog.time.TimeZones;

/**
 * calendar.ics in every zone the catalog accepts, and in the zones it refuses but may have stored
 * before: never a failure. No Spring, no database.
 */
class EventCalendarTest {

    static final LocalDateTime START = LocalDateTime.parse("2027-07-14T13:00");
    static final LocalDateTime END = LocalDateTime.parse("2027-07-14T14:30");
    static final Pattern DTSTART = Pattern.compile("DTSTART;TZID=([^:\\r\\n]+):(\\d{8}T\\d{6})\\r?\\n");
    static final Pattern DTEND = Pattern.compile("DTEND;TZID=([^:\\r\\n]+):(\\d{8}T\\d{6})\\r?\\n");
    static final Pattern VTIMEZONE = Pattern.compile("BEGIN:VTIMEZONE\\r?\\nTZID:([^\\r\\n]+)\\r?\\n");
    static final java.time.format.DateTimeFormatter BASIC =
            java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    final EventCalendar calendar = new EventCalendar(new CatalogProperties("http://localhost:8080"));

    @Test
    void everyAcceptedZoneIsWrittenWithItsDefinitionAndTheRightInstants() throws Exception {
        List<String> accepted = new ArrayList<>();
        for (String zone : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
            if (TimeZones.isAccepted(zone)) {
                accepted.add(zone);
            }
        }
        assertThat(accepted)
                .as("the rule, applied to the JDK's zones: region-based ones and UTC")
                .hasSizeGreaterThan(400)
                .contains("Europe/Paris", "America/Argentina/Buenos_Aires", "UTC")
                .noneMatch(zone -> zone.startsWith("Etc/") || zone.startsWith("SystemV/"));
        assertThat(accepted).containsExactlyInAnyOrderElementsOf(TimeZones.regionBased());

        for (String zone : accepted) {
            EventView event = event(zone);
            String ics = calendar.publicCalendar(event);

            Matcher definition = VTIMEZONE.matcher(ics);
            Matcher start = DTSTART.matcher(ics);
            Matcher end = DTEND.matcher(ics);
            assertThat(definition.find()).as(zone + ": a VTIMEZONE").isTrue();
            assertThat(start.find()).as(zone + ": DTSTART in a zone\n" + ics).isTrue();
            assertThat(end.find()).as(zone + ": DTEND in a zone").isTrue();
            // The times name the zone the calendar defines, and mean the event's instants.
            assertThat(start.group(1)).as(zone).isEqualTo(definition.group(1));
            assertThat(end.group(1)).as(zone).isEqualTo(definition.group(1));
            ZoneId named = ZoneId.of(definition.group(1));
            assertThat(LocalDateTime.parse(start.group(2), BASIC).atZone(named).toInstant())
                    .as(zone)
                    .isEqualTo(event.startsAt());
            assertThat(LocalDateTime.parse(end.group(2), BASIC).atZone(named).toInstant())
                    .as(zone)
                    .isEqualTo(event.endsAt());
            // The definition can express the offset the event has then (13:00 in Kathmandu is +0545).
            String offset = event.startsAt()
                    .atZone(ZoneId.of(zone))
                    .getOffset()
                    .getId()
                    .replace("Z", "+00:00")
                    .replace(":", "");
            assertThat(ics).as(zone).contains("TZOFFSETTO:" + offset);
            // And a calendar reader takes it.
            assertThat(new CalendarBuilder()
                            .build(new StringReader(ics))
                            .getComponents()
                            .size())
                    .as(zone)
                    .isEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC+1", "+02:00", "Z", "GMT+1", "Etc/GMT+1", "SystemV/AST4", "EST5EDT", "US/Eastern"})
    void aZoneStoredBeforeItWasRefusedGivesUtcTimesNeverAFailure(String zone) {
        EventView event = event(zone);

        String ics = calendar.publicCalendar(event);

        assertThat(ics)
                .doesNotContain("BEGIN:VTIMEZONE")
                .doesNotContain("TZID")
                .contains("DTSTART:" + BASIC.format(event.startsAt().atZone(ZoneId.of("UTC"))) + "Z")
                .contains("DTEND:" + BASIC.format(event.endsAt().atZone(ZoneId.of("UTC"))) + "Z");
    }

    @Test
    void noZoneIdTheJdkListsMakesTheCalendarFail() {
        // ical4j's own ids among them: ZoneId.of reads them, their rules throw.
        for (String zone : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
            assertThatCode(() -> calendar.publicCalendar(stored(zone))).as(zone).doesNotThrowAnyException();
        }
    }

    @Test
    void aZoneNoLongerKnownAtAllStillGivesTheStoredInstants() {
        assertThat(calendar.publicCalendar(stored("Mars/Olympus")))
                .contains("DTSTART:20270714T110000Z")
                .contains("DTEND:20270714T123000Z");
    }

    @Test
    void aLineBreakInAnyTextStaysInsideItsContentLine() {
        // A description may break lines with CR LF or a bare CR; a title or a venue stored before
        // they were single-line may too. ical4j writes a bare CR raw: it would cut the line.
        EventDetails details = new EventDetails(
                null,
                Map.of(Language.fr, "Nuit\rdes musées"),
                Map.of(Language.fr, "a\r\nb\rc\nd"),
                Language.fr,
                EventFormat.IN_PERSON,
                START,
                END,
                "Europe/Paris",
                new EventDetails.Venue("Musée\rd’Orsay", null, "Paris", null),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        EventView event = new EventView(
                UUID.randomUUID(),
                "icom-france",
                EventStatus.PUBLISHED,
                details,
                START.atZone(ZoneId.of("Europe/Paris")).toInstant(),
                END.atZone(ZoneId.of("Europe/Paris")).toInstant(),
                2);

        String ics = calendar.publicCalendar(event);

        assertThat(ics.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
        assertThat(ics.replace("\r\n ", ""))
                .contains("\r\nSUMMARY:Nuit\\ndes musées\r\n")
                .contains("\r\nDESCRIPTION:a\\nb\\nc\\nd\r\n")
                .contains("\r\nLOCATION:Musée\\nd’Orsay\\, Paris\r\n");
    }

    @Test
    void aFeedDefinesEachZoneOnceAndWritesEveryEvent() throws Exception {
        List<EventView> events =
                List.of(event("Europe/Paris"), event("America/Argentina/Buenos_Aires"), event("Europe/Paris"));

        String ics = calendar.feed("Solidarités", events, Language.en);

        var parsed = new CalendarBuilder().build(new StringReader(ics));
        assertThat(parsed.getComponents("VTIMEZONE")).hasSize(2);
        assertThat(parsed.getComponents("VEVENT")).hasSize(3);
        assertThat(ics)
                .contains("\r\nX-WR-CALNAME:Solidarités\r\n")
                .contains("\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n")
                .contains("\r\nX-PUBLISHED-TTL:PT1H\r\n")
                // No English title: the default language's.
                .contains("\r\nSUMMARY:Nuit des musées\r\n")
                .doesNotContain("secret")
                .doesNotContain("zoom.example");
        assertThat(calendar.feed("Empty", List.of(), null)).doesNotContain("BEGIN:VEVENT");
        // A name stored before titles were one line stays one content line.
        assertThat(calendar.feed("Nuit\r\ndes\u2028musées", List.of(), null))
                .contains("\r\nX-WR-CALNAME:Nuit des musées\r\n");
    }

    /** An event as read from the database: its instants were computed when it was written. */
    static EventView stored(String zone) {
        return new EventView(
                UUID.randomUUID(),
                "icom-france",
                EventStatus.PUBLISHED,
                details(zone),
                Instant.parse("2027-07-14T11:00:00Z"),
                Instant.parse("2027-07-14T12:30:00Z"),
                2);
    }

    static EventView event(String zone) {
        ZoneId id = ZoneId.of(zone);
        return new EventView(
                UUID.randomUUID(),
                "icom-france",
                EventStatus.PUBLISHED,
                details(zone),
                START.atZone(id).toInstant(),
                END.atZone(id).toInstant(),
                2);
    }

    static EventDetails details(String zone) {
        return new EventDetails(
                null,
                Map.of(Language.fr, "Nuit des musées"),
                Map.of(),
                Language.fr,
                EventFormat.ONLINE,
                START,
                END,
                zone,
                null,
                new EventDetails.Meeting("https://zoom.example/j/1", "1", "secret"),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }
}
