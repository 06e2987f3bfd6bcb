package org.museumevents.catalog.event;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.museumevents.starter.problem.InvalidFields.FieldProblem;

/**
 * Whether an event asks its confirmed registrants to reconfirm they are coming (issue 17, "Still
 * coming?"; docs/api.md, Catalog, {@code registration.reconfirmation}). The catalog keeps it with the
 * event's {@code registration} and announces it on {@code catalog.events}; registration-service asks,
 * reminds and releases by it, notification-service writes the emails. {@code null} (the default, for
 * every format) means the event asks nothing.
 *
 * <p>The rules ({@link #problems(Reconfirmation, String)}): {@code before} and {@code deadline} are
 * ISO-8601 durations before the event's start, read by {@link Duration#parse} (days, hours, minutes,
 * seconds: {@code P3D}, {@code PT36H}; no weeks, months or years), from {@code PT0S} to {@code P365D},
 * and {@code before} is longer than {@code deadline}: registrants are asked before their answer is
 * due.
 *
 * @param before how long before the start confirmed registrants are asked, e.g. {@code P3D}; kept in
 *     one spelling, whole days as {@code P<n>D} and the rest as hours, minutes and seconds ({@code
 *     PT72H} is answered {@code P3D}, {@code PT36H} {@code P1DT12H}, {@code PT90M} {@code PT1H30M})
 * @param deadline how long before the start their answer is due, e.g. {@code P1D} ({@code PT0S}: at
 *     the start); spelt as {@code before}
 * @param releaseSilent whether those asked and reminded who have not answered by the deadline lose
 *     their place to the waiting list; false when not given
 */
public record Reconfirmation(
        @Schema(
                        description = "ISO-8601 duration before the start when confirmed registrants are asked;"
                                + " longer than `deadline`, at most P365D",
                        example = "P3D")
                String before,
        @Schema(
                        description =
                                "ISO-8601 duration before the start by which they must answer; from PT0S to" + " P365D",
                        example = "P1D")
                String deadline,
        @Schema(
                        description = "whether registrants still silent at the deadline (asked and reminded) are"
                                + " released to the waiting list; false when not given",
                        example = "true")
                Boolean releaseSilent) {

    /** The longest {@code before} or {@code deadline}. */
    static final Duration LONGEST = Duration.ofDays(365);

    /** Longer texts are no duration this service accepts: not parsed. */
    private static final int MAX_LENGTH = 40;

    private static final String NOT_A_DURATION = "must be an ISO-8601 duration before the start, such as P3D or PT12H";

    /**
     * Keeps {@code before} and {@code deadline} in one spelling when they are readable and not
     * negative; anything else stays as written, for {@link #problems} to refuse.
     */
    public Reconfirmation {
        releaseSilent = releaseSilent != null && releaseSilent;
        before = canonical(before);
        deadline = canonical(deadline);
    }

    /**
     * Every rule the policy breaks.
     *
     * @param reconfirmation the policy, or null (none: nothing to check)
     * @param field where it is in the request, e.g. {@code registration.reconfirmation} or {@code
     *     eventDefaults.registration.reconfirmation}
     * @return one problem per invalid field, named {@code <field>.before} or {@code <field>.deadline}
     *     ({@code before} not longer than {@code deadline} is named on {@code before}); empty when valid
     */
    public static List<FieldProblem> problems(Reconfirmation reconfirmation, String field) {
        List<FieldProblem> problems = new ArrayList<>();
        if (reconfirmation == null) {
            return problems;
        }
        Duration before = checked(reconfirmation.before(), field + ".before", problems);
        Duration deadline = checked(reconfirmation.deadline(), field + ".deadline", problems);
        if (before != null && deadline != null && before.compareTo(deadline) <= 0) {
            problems.add(new FieldProblem(
                    field + ".before",
                    "must be longer than deadline: registrants are asked before their answer is due"));
        }
        return problems;
    }

    /** The duration when it is one from PT0S to P365D, else null and a problem. */
    private static Duration checked(String value, String field, List<FieldProblem> problems) {
        Duration duration = parse(value);
        if (duration == null) {
            problems.add(new FieldProblem(field, NOT_A_DURATION));
            return null;
        }
        if (duration.isNegative() || duration.compareTo(LONGEST) > 0) {
            problems.add(new FieldProblem(field, "must be between PT0S and P365D"));
            return null;
        }
        return duration;
    }

    private static Duration parse(String value) {
        if (value == null || value.isBlank() || value.length() > MAX_LENGTH) {
            return null;
        }
        try {
            return Duration.parse(value.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Whole days as {@code P<n>D}, the rest as {@link Duration#toString()} writes it: {@code P3D},
     * {@code P1DT12H}, {@code PT1H30M}, {@code PT0S}. ISO-8601, and read back by {@link
     * Duration#parse} as the same duration.
     */
    private static String canonical(String value) {
        Duration duration = parse(value);
        if (duration == null || duration.isNegative()) {
            return value;
        }
        long days = duration.toDays();
        if (days == 0) {
            return duration.toString();
        }
        Duration rest = duration.minusDays(days);
        return rest.isZero()
                ? "P" + days + "D"
                : "P" + days + "D" + rest.toString().substring(1);
    }
}
