package org.museumevents.registration.event;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * An event's reconfirmation policy (issue 17, docs/api.md "Reconfirmation"), from the catalog's
 * {@code event.registration.reconfirmation}: confirmed registrants are asked {@code before} the
 * event's start whether they still come, reminded halfway, and must answer {@code deadline} before
 * the start; with {@code releaseSilent}, those asked and reminded who stayed silent lose their place
 * at the deadline.
 *
 * @param before how long before the start they are asked, as the catalog sent it (ISO-8601, e.g. {@code P3D})
 * @param deadline how long before the start they must answer (ISO-8601, e.g. {@code P1D}); shorter than {@code before}
 * @param releaseSilent whether the silent are released at the deadline
 */
public record ReconfirmationPolicy(String before, String deadline, boolean releaseSilent) {

    /** The longest duration the catalog accepts (docs/api.md): P365D. */
    private static final Duration LONGEST = Duration.ofDays(365);

    /**
     * The policy if its durations read as ISO-8601 durations (days, hours, minutes, seconds: {@link
     * Duration#parse}) with {@code before} > {@code deadline} >= 0 and both at most P365D, as the
     * catalog checks them.
     *
     * @param releaseSilent null is false
     * @return empty when a duration is missing or does not read so: no reconfirmation
     */
    public static Optional<ReconfirmationPolicy> of(String before, String deadline, Boolean releaseSilent) {
        try {
            if (before == null || deadline == null) {
                return Optional.empty();
            }
            Duration b = Duration.parse(before);
            Duration d = Duration.parse(deadline);
            if (d.isNegative() || b.compareTo(d) <= 0 || b.compareTo(LONGEST) > 0) {
                return Optional.empty();
            }
            return Optional.of(new ReconfirmationPolicy(before, deadline, Boolean.TRUE.equals(releaseSilent)));
        } catch (DateTimeParseException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** When confirmed registrants are asked: {@code startsAt - before} (UTC instants, no zone takes part). */
    public Instant askAt(Instant startsAt) {
        return startsAt.minus(Duration.parse(before));
    }

    /** When they must have answered: {@code startsAt - deadline}. */
    public Instant dueAt(Instant startsAt) {
        return startsAt.minus(Duration.parse(deadline));
    }

    /** When the silent are reminded: halfway from {@link #askAt} to {@link #dueAt}. */
    public Instant remindAt(Instant startsAt) {
        Instant ask = askAt(startsAt);
        return ask.plus(Duration.between(ask, dueAt(startsAt)).dividedBy(2));
    }
}
