package org.museumevents.notification.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.museumevents.notification.event.EventSnapshot;
import org.museumevents.notification.registrant.Registrant;
import org.museumevents.notification.registrant.RegistrationStatus;

/**
 * Issue 11: no time zone can fail the calendar entry. Fixed offsets, which ical4j 4.1.1 fails on,
 * are written in UTC without VTIMEZONE; an IANA zone keeps its TZID and VTIMEZONE.
 */
class CalendarEntryTest {

    static final String JOIN_URL = "https://us02web.zoom.us/j/82342861023";

    private final CalendarEntry calendar = new CalendarEntry(
            new EmailProperties("Museum Events <no-reply@museum-events.org>", "http://localhost:8080"));

    static EventSnapshot event(String timeZone) {
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
                null,
                null,
                2);
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

    static Calendar parse(String text) throws Exception {
        return new CalendarBuilder().build(new StringReader(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTC+1", "+02:00", "Z", "UTC", "GMT-03:30", "UT+05:45", "Etc/GMT+1"})
    void aFixedOffsetIsWrittenInUtcWithoutTimeZone(String zone) throws Exception {
        EventSnapshot event = event(zone);
        String text = calendar.write(letter(event));

        Calendar parsed = parse(text);
        assertThat(parsed.getComponent("VTIMEZONE")).isEmpty();
        String utc = event.startsAt().toString().replace("-", "").replace(":", "");
        assertThat(text).contains("DTSTART:" + utc).doesNotContain("TZID");
        assertThat(text.replace("\r\n ", "")).contains(JOIN_URL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Europe/Paris", "America/New_York", "Asia/Tokyo"})
    void anIanaZoneKeepsItsTimeZone(String zone) throws Exception {
        String text = calendar.write(letter(event(zone)));

        assertThat(parse(text).getComponent("VTIMEZONE")).isPresent();
        assertThat(text).contains("DTSTART;TZID=" + zone + ":20270216T130000");
    }
}
