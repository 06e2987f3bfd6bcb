package org.museumevents.starter.input;

import java.time.ZoneId;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The time zones the platform accepts, for an event, a series or a registrant: the region-based
 * zones of the IANA time-zone database, {@code Area/Location} such as {@code Europe/Paris} or
 * {@code America/Argentina/Buenos_Aires} (areas Africa, America, Antarctica, Arctic, Asia,
 * Atlantic, Australia, Europe, Indian, Pacific), and {@code UTC}.
 *
 * <p>Refused although {@link ZoneId#of(String)} reads them: offsets ({@code +02:00}, {@code Z},
 * {@code UTC+1}, {@code GMT+1}), which follow no daylight-saving rules; {@code Etc/*}, whose {@code
 * Etc/GMT+1} means UTC-1; {@code SystemV/*}, gone from the database since 2020; the legacy names
 * ({@code EST}, {@code CET}, {@code US/Eastern}, {@code Japan}); and ids other libraries register
 * with the JDK (ical4j's {@code ical4j~...}). A registrant in {@code UTC+1} had the "your time" line
 * of their emails silently left out.
 */
public final class RegionTimeZones {

    /** What a refused zone is told, as the message of its field error. */
    public static final String RULE =
            "must be a region-based IANA time zone such as Europe/Paris or America/Argentina/Buenos_Aires, or UTC";

    /** The one zone without a region that is accepted: online events are sometimes announced in it. */
    public static final String UTC = "UTC";

    private static final Set<String> AREAS = Set.of(
            "Africa",
            "America",
            "Antarctica",
            "Arctic",
            "Asia",
            "Atlantic",
            "Australia",
            "Europe",
            "Indian",
            "Pacific");

    // Read once, at class initialisation: the JDK's tz database does not change while the service
    // runs, and ids added to ZoneId later (ical4j's own) are not region-based anyway.
    private static final Set<String> REGION_BASED = ZoneId.getAvailableZoneIds().stream()
            .filter(id -> id.equals(UTC) || AREAS.contains(id.substring(0, Math.max(0, id.indexOf('/')))))
            .collect(Collectors.toUnmodifiableSet());

    private RegionTimeZones() {}

    /**
     * @param id a zone id as given; may be null
     * @return whether {@code id} is a region-based IANA zone the JDK knows, or {@code UTC}
     */
    public static boolean isRegionBased(String id) {
        return id != null && REGION_BASED.contains(id);
    }

    /** @return every id {@link #isRegionBased} accepts */
    public static Set<String> all() {
        return REGION_BASED;
    }
}
