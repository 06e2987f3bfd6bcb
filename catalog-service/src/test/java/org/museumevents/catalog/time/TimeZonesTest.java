package org.museumevents.catalog.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which zones an event or a series may be in. No Spring. */
class TimeZonesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Europe/Paris",
                "America/Argentina/Buenos_Aires",
                "America/Buenos_Aires", // an alias: accepted, written under its canonical name
                "Asia/Kathmandu",
                "Pacific/Chatham",
                "Australia/Lord_Howe",
                "Africa/Casablanca",
                "Antarctica/Troll",
                "UTC"
            })
    void regionBasedZonesAndUtcAreAccepted(String zone) {
        assertThat(TimeZones.isAccepted(zone)).isTrue();
        assertThat(TimeZones.vTimeZone(zone)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // Offsets that ZoneId reads and ical4j cannot name: the review's examples.
                "UTC+1",
                "+02:00",
                "Z",
                "GMT+1",
                "UT+01:00",
                "-05",
                // Etc/GMT+1 is UTC-1; one spelling of UTC is enough.
                "Etc/GMT+1",
                "Etc/UTC",
                "GMT",
                // Gone from the tz database, unknown to ical4j.
                "SystemV/AST4",
                "SystemV/EST5EDT",
                // Legacy names.
                "EST",
                "CET",
                "EST5EDT",
                "US/Eastern",
                "Japan",
                // Not zones at all.
                "Europe/Atlantis",
                "europe/paris",
                " Europe/Paris",
                "Europe/Paris/",
                "Europe/../Europe/Paris",
                "",
                "ical4j~00000000-0000-0000-0000-000000000000"
            })
    void offsetsLegacyNamesAndUnknownIdsAreRefused(String zone) {
        assertThat(TimeZones.isAccepted(zone)).isFalse();
        assertThat(TimeZones.vTimeZone(zone)).isEmpty();
    }

    @Test
    void nullIsRefused() {
        assertThat(TimeZones.isAccepted(null)).isFalse();
    }

    @Test
    void ical4jsOwnZoneIdsAreNeverAccepted() {
        // Loading a zone registers ids of ical4j's own with the JDK: they are ZoneIds, not zones to offer.
        TimeZones.vTimeZone("Europe/Paris");
        assertThat(ZoneId.getAvailableZoneIds())
                .filteredOn(id -> id.startsWith("ical4j~"))
                .allSatisfy(id -> assertThat(TimeZones.isAccepted(id)).isFalse());
        assertThat(TimeZones.regionBased()).noneMatch(id -> id.startsWith("ical4j~"));
    }
}
