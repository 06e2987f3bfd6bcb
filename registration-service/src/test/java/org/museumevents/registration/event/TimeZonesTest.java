package org.museumevents.registration.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.museumevents.registration.RegistrationIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * No rule of registration-service depends on the JVM's default time zone nor on the database
 * session's (pgjdbc sets the session's from the JVM's): the event's instants are stored and read
 * back as the same instants, and the phase of the event follows from them alone, whatever both
 * zones are. The suite also runs with {@code -Duser.timezone=Pacific/Auckland}; this test changes
 * the zones itself, so it guards without that property: Pacific/Auckland (UTC+13 in summer, the
 * date already tomorrow), a half-hour and a quarter-hour zone, and a zone west of UTC. The instants
 * are those a zone gets wrong: daylight-saving gaps and overlaps, local mean time with an offset in
 * seconds (Auckland before 1868), a date before the Gregorian reform (which {@code
 * java.sql.Timestamp} computes in the Julian calendar), and the last microsecond of a year.
 */
@RegistrationIntegrationTest
class TimeZonesTest {

    private static final TimeZone DEFAULT = TimeZone.getDefault();

    /** ISO, proleptic Gregorian like PostgreSQL, in UTC. */
    private static final DateTimeFormatter UTC_MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    @Autowired
    EventRepository events;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void restoreTheDefaultZone() {
        TimeZone.setDefault(DEFAULT);
    }

    static Stream<Arguments> instantsInZones() {
        List<Instant> instants = List.of(
                // Auckland: 2026-04-05 03:00 NZDT becomes 02:00 NZST (overlap), 2026-09-27 02:00 becomes 03:00 (gap).
                Instant.parse("2026-04-04T13:30:00Z"),
                Instant.parse("2026-04-04T14:30:00Z"),
                Instant.parse("2026-09-26T14:30:00Z"),
                // Midnight in Auckland: the UTC date is still the day before.
                Instant.parse("2026-11-29T11:00:00Z"),
                Instant.parse("2026-12-31T23:59:59.999999Z"),
                Instant.parse("1850-06-01T00:00:00Z"),
                Instant.parse("1500-03-01T12:00:00Z"));
        List<Arguments> cases = new ArrayList<>();
        for (String zone : List.of("Pacific/Auckland", "Asia/Kathmandu", "America/St_Johns", "America/Los_Angeles")) {
            for (Instant instant : instants) {
                cases.add(Arguments.of(zone, instant));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} with the JVM and the session in {0}")
    @MethodSource("instantsInZones")
    void anEventsInstantsAreStoredAndReadAsTheSameInstants(String zone, Instant startsAt) {
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        Instant endsAt = startsAt.plus(Duration.ofHours(2));
        EventSnapshot snapshot = new EventSnapshot(
                UUID.randomUUID(),
                "icom-france",
                "PUBLISHED",
                10,
                false,
                true,
                startsAt.minus(Duration.ofDays(30)),
                startsAt.minus(Duration.ofDays(1)),
                startsAt,
                endsAt,
                1,
                java.util.List.of());

        Event read = tx.execute(status -> {
            jdbc.sql("SELECT set_config('TimeZone', :zone, true)")
                    .param("zone", zone)
                    .query(String.class)
                    .single();
            events.save(snapshot);
            return events.find(snapshot.id()).orElseThrow();
        });

        assertThat(read.opensAt()).isEqualTo(snapshot.opensAt());
        assertThat(read.closesAt()).isEqualTo(snapshot.closesAt());
        assertThat(read.startsAt()).isEqualTo(startsAt);
        assertThat(read.endsAt()).isEqualTo(endsAt);
        // The database agrees on the instant too, in UTC.
        assertThat(jdbc.sql("SELECT to_char(starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US') FROM event"
                                + " WHERE id = :id")
                        .param("id", snapshot.id())
                        .query(String.class)
                        .single())
                .isEqualTo(UTC_MICROS.format(startsAt));
        assertThat(read.phaseAt(startsAt.minusNanos(1000))).isEqualTo(Event.Phase.UPCOMING);
        assertThat(read.phaseAt(startsAt)).isEqualTo(Event.Phase.UNDER_WAY);
        assertThat(read.phaseAt(endsAt.minusNanos(1000))).isEqualTo(Event.Phase.UNDER_WAY);
        assertThat(read.phaseAt(endsAt)).isEqualTo(Event.Phase.ENDED);
    }
}
