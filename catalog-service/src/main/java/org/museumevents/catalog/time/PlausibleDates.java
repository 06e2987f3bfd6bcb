package org.museumevents.catalog.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The years any event of the catalog can be in: {@value #EARLIEST} to {@value #LATEST} inclusive,
 * for local dates and times, and for instants read in UTC. Wide enough for the archive (the demo
 * keeps a 2018 workshop) and for series planned decades ahead; narrow enough that no date reaches
 * the database or the time arithmetic as an error. See {@link PlausibleDate}.
 */
public final class PlausibleDates {

    /** The first day an event may be on. */
    public static final String EARLIEST = "2000-01-01";

    /** The last day an event may be on. */
    public static final String LATEST = "2100-12-31";

    /** {@link #EARLIEST} as a date. */
    public static final LocalDate FIRST_DAY = LocalDate.parse(EARLIEST);

    /** {@link #LATEST} as a date. */
    public static final LocalDate LAST_DAY = LocalDate.parse(LATEST);

    private static final Instant FIRST_INSTANT = FIRST_DAY.atStartOfDay().toInstant(ZoneOffset.UTC);
    private static final Instant AFTER_LAST_INSTANT =
            LAST_DAY.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);

    private PlausibleDates() {}

    /** Whether {@code day} is within the range. */
    public static boolean contains(LocalDate day) {
        return !day.isBefore(FIRST_DAY) && !day.isAfter(LAST_DAY);
    }

    /** Whether {@code time} is within the range. */
    public static boolean contains(LocalDateTime time) {
        return contains(time.toLocalDate());
    }

    /** Whether {@code instant} is within the range, in UTC. */
    public static boolean contains(Instant instant) {
        return !instant.isBefore(FIRST_INSTANT) && instant.isBefore(AFTER_LAST_INSTANT);
    }
}
