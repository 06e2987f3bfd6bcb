package org.museumevents.catalog.time;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VTimeZone;
import org.museumevents.starter.input.RegionTimeZones;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time zones an event or a series may be in: the region-based zones of the IANA time-zone
 * database, {@code Area/Location} such as {@code Europe/Paris} or {@code
 * America/Argentina/Buenos_Aires} (areas Africa, America, Antarctica, Arctic, Asia, Atlantic,
 * Australia, Europe, Indian, Pacific), and {@code UTC}; each only if ical4j can write it as the
 * VTIMEZONE of a calendar.
 *
 * <p>Refused although {@link ZoneId#of(String)} reads them: offsets ({@code +02:00}, {@code Z},
 * {@code UTC+1}, {@code GMT+1}), which follow no daylight-saving rules and which ical4j cannot
 * name (it answered calendar.ics with a NullPointerException); {@code Etc/*}, whose {@code
 * Etc/GMT+1} means UTC-1; {@code SystemV/*}, gone from the database since 2020 and unknown to
 * ical4j; the legacy names ({@code EST}, {@code CET}, {@code US/Eastern}, {@code Japan}); and the
 * {@code ical4j~...} ids ical4j registers with the JDK for its own use.
 */
public final class TimeZones {

    /** What a refused zone is told, as the message of its field error. */
    public static final String RULE = RegionTimeZones.RULE;

    /** The one zone without a region that is accepted: online events are sometimes announced in it. */
    public static final String UTC = RegionTimeZones.UTC;

    private static final Logger log = LoggerFactory.getLogger(TimeZones.class);

    // The starter's rule, shared with registration-service's registrants.
    private static final Set<String> REGION_BASED = RegionTimeZones.all();

    private static final TimeZoneRegistry REGISTRY =
            TimeZoneRegistryFactory.getInstance().createRegistry();

    // Bounded: only region-based ids are ever keys.
    private static final Map<String, Optional<VTimeZone>> CALENDAR_ZONES = new ConcurrentHashMap<>();

    private TimeZones() {}

    /** Whether an event or a series may be in {@code id}. */
    public static boolean isAccepted(String id) {
        return vTimeZone(id).isPresent();
    }

    /** Every id the rule accepts before asking ical4j: the region-based zones the JDK knows, and UTC. */
    public static Set<String> regionBased() {
        return REGION_BASED;
    }

    /**
     * ical4j's VTIMEZONE for an accepted zone, empty for any other. Its TZID may be the canonical
     * name of an alias ({@code Etc/UTC} for {@code UTC}, {@code America/Argentina/Buenos_Aires} for
     * {@code America/Buenos_Aires}), always one the JDK knows too.
     */
    public static Optional<VTimeZone> vTimeZone(String id) {
        if (id == null || !REGION_BASED.contains(id)) {
            return Optional.empty();
        }
        return CALENDAR_ZONES.computeIfAbsent(id, TimeZones::load);
    }

    private static Optional<VTimeZone> load(String id) {
        try {
            TimeZone zone = REGISTRY.getTimeZone(id);
            VTimeZone definition = zone == null ? null : zone.getVTimeZone();
            if (definition == null || definition.getTimeZoneId() == null) {
                log.warn("Time zone {} refused: ical4j has no definition for it", id);
                return Optional.empty();
            }
            ZoneId.of(definition.getTimeZoneId().getValue());
            return Optional.of(definition);
        } catch (RuntimeException e) {
            log.warn(
                    "Time zone {} refused: ical4j cannot write it ({})",
                    id,
                    e.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
