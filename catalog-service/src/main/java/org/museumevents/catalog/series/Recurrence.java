package org.museumevents.catalog.series;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.transform.recurrence.Frequency;
import org.museumevents.catalog.time.PlausibleDate;
import org.museumevents.catalog.time.TimeZones;
import org.museumevents.starter.problem.InvalidFields.FieldProblem;

/**
 * When a series meets: an RFC 5545 RRULE from a first local start, in an IANA time zone.
 * Occurrences are computed in local wall-clock time by ical4j, so a 13:00 session stays at 13:00
 * when daylight-saving time begins or ends.
 */
public record Recurrence(
        @NotBlank @Size(max = 500) String rule,
        @NotNull @PlausibleDate LocalDateTime start,
        @NotNull @Min(1) @Max(24 * 60) Integer durationMinutes,
        @NotBlank @Size(max = 64) String timeZone) {

    private static final Set<Frequency> EVENT_FREQUENCIES =
            Set.of(Frequency.DAILY, Frequency.WEEKLY, Frequency.MONTHLY, Frequency.YEARLY);

    /** Problems with the rule or the zone, as field errors under {@code prefix}. */
    List<FieldProblem> problems(String prefix) {
        List<FieldProblem> problems = new ArrayList<>();
        try {
            Recur<LocalDateTime> recur = recur();
            if (!EVENT_FREQUENCIES.contains(recur.getFrequency())) {
                problems.add(new FieldProblem(prefix + "rule", "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY"));
            }
        } catch (RuntimeException e) {
            problems.add(new FieldProblem(prefix + "rule", "must be an RFC 5545 RRULE such as FREQ=MONTHLY;BYDAY=3TU"));
        }
        if (!TimeZones.isAccepted(timeZone)) {
            problems.add(new FieldProblem(prefix + "timeZone", TimeZones.RULE));
        }
        return problems;
    }

    /**
     * Local starts strictly after {@code after} (or from the first start when null), at most
     * {@code count}, none after {@code until} (inclusive), whichever ends first.
     */
    List<LocalDateTime> occurrences(LocalDateTime after, int count, LocalDateTime until) {
        LocalDateTime from = after == null ? start : after.plusSeconds(1);
        LocalDateTime to = until != null ? until : from.plusYears(20);
        if (!to.isAfter(from)) {
            return List.of();
        }
        return recur().getDates(start, from, to.plusSeconds(1), count);
    }

    private Recur<LocalDateTime> recur() {
        String value = rule.startsWith("RRULE:") ? rule.substring("RRULE:".length()) : rule;
        return new Recur<>(value);
    }
}
