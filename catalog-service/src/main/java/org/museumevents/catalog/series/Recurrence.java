package org.museumevents.catalog.series;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import net.fortuna.ical4j.model.Recur;
import org.museumevents.catalog.time.PlausibleDate;
import org.museumevents.catalog.time.PlausibleDates;
import org.museumevents.catalog.time.TimeZones;
import org.museumevents.starter.input.SingleLine;
import org.museumevents.starter.problem.InvalidFields.FieldProblem;
import org.museumevents.starter.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a series meets: an RFC 5545 RRULE from a first local start, in an IANA time zone.
 * Occurrences are computed in local wall-clock time by ical4j, so a 13:00 session stays at 13:00
 * when daylight-saving time begins or ends. The rule may ask only what {@link RecurrenceRule}
 * allows, and every expansion is bounded in count and in time, so that no rule, however written,
 * holds the service's memory or processors.
 */
public record Recurrence(
        @NotBlank @SingleLine @Size(max = 500) String rule,
        @NotNull @PlausibleDate LocalDateTime start,
        @NotNull @Min(1) @Max(24 * 60) Integer durationMinutes,
        @NotBlank @Size(max = 64) String timeZone) {

    /** The most occurrences one expansion gives, whatever it is asked. */
    static final int MAX_OCCURRENCES = OccurrencesRequest.MAX_COUNT;

    /** How far ahead of where it starts one expansion looks. */
    static final int HORIZON_YEARS = 20;

    /** No occurrence starts later: its end (at most a day on) stays within the plausible dates. */
    static final LocalDateTime LAST_START =
            PlausibleDates.LAST_DAY.atStartOfDay().minusNanos(1);

    private static final Logger log = LoggerFactory.getLogger(Recurrence.class);

    /** Problems with the rule or the zone, as field errors under {@code prefix}. */
    List<FieldProblem> problems(String prefix) {
        List<FieldProblem> problems = new ArrayList<>();
        // Checked by Bean Validation on a request; here for a series stored before, whose expansion
        // would walk from its first start.
        boolean plausibleStart = PlausibleDates.contains(start);
        if (!plausibleStart) {
            problems.add(new FieldProblem(
                    prefix + "start", "must be between " + PlausibleDates.EARLIEST + " and " + PlausibleDates.LATEST));
        }
        String ruleProblem = RecurrenceRule.problem(rule);
        if (ruleProblem == null && plausibleStart) {
            try {
                // What the rule parts allow, ical4j must also read and expand.
                expand(null, 1, null);
            } catch (RuntimeException e) {
                ruleProblem = RecurrenceRule.SYNTAX;
            }
        }
        if (ruleProblem != null) {
            problems.add(new FieldProblem(prefix + "rule", ruleProblem));
        }
        if (!TimeZones.isAccepted(timeZone)) {
            problems.add(new FieldProblem(prefix + "timeZone", TimeZones.RULE));
        }
        return problems;
    }

    /**
     * Local starts strictly after {@code after} (or from the first start when null), at most
     * {@code count} and never more than {@value #MAX_OCCURRENCES}, none after {@code until}
     * (inclusive), none more than {@value #HORIZON_YEARS} years after where they begin, none after
     * {@link #LAST_START}: whichever ends first. A rule stored before the catalog bounded rules (or
     * one ical4j fails on) is refused with 422, never expanded.
     */
    List<LocalDateTime> occurrences(LocalDateTime after, int count, LocalDateTime until) {
        List<FieldProblem> problems = problems("recurrence.");
        if (!problems.isEmpty()) {
            throw Problems.unprocessable(
                    "recurrence-refused",
                    "The series' " + problems.get(0).field() + " is no longer accepted ("
                            + problems.get(0).message() + "); create the series again with one that is.");
        }
        try {
            return expand(after, count, until);
        } catch (RuntimeException e) {
            log.warn(
                    "Recurrence {} could not be expanded: {}",
                    rule,
                    e.getClass().getSimpleName());
            throw Problems.unprocessable("recurrence-refused", "The series' recurrence.rule cannot be expanded.");
        }
    }

    private List<LocalDateTime> expand(LocalDateTime after, int count, LocalDateTime until) {
        LocalDateTime from = after == null ? start : after.plusSeconds(1);
        LocalDateTime horizon = from.plusYears(HORIZON_YEARS);
        LocalDateTime to = horizon.isBefore(LAST_START) ? horizon : LAST_START;
        if (until != null && until.isBefore(to)) {
            to = until;
        }
        if (!to.isAfter(from)) {
            return List.of();
        }
        return new Recur<LocalDateTime>(RecurrenceRule.value(rule))
                .getDates(start, from, to.plusSeconds(1), Math.min(count, MAX_OCCURRENCES));
    }
}
