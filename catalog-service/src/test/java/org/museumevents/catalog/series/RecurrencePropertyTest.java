package org.museumevents.catalog.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.time.api.DateTimes;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * No rule, however it is written, runs an expansion out of bounds: any rule made of RRULE parts
 * (allowed or not, with any values and list lengths, from any plausible start) is either refused
 * naming {@code rule}, or expands to at most the count asked and {@value Recurrence#MAX_OCCURRENCES},
 * within the horizon, quickly. No Spring.
 */
class RecurrencePropertyTest {

    static final List<String> FREQUENCIES =
            List.of("DAILY", "WEEKLY", "MONTHLY", "YEARLY", "HOURLY", "MINUTELY", "SECONDLY", "FORTNIGHTLY");
    static final List<String> DAYS = List.of("MO", "TU", "WE", "TH", "FR", "SA", "SU");

    @Property(tries = 300)
    void everyRuleIsRefusedOrExpandsWithinItsBounds(
            @ForAll("rules") String rule,
            @ForAll("starts") LocalDateTime start,
            @ForAll @IntRange(min = 1, max = 200) int count,
            @ForAll @IntRange(min = 0, max = 120) int yearsToUntil) {
        Recurrence recurrence = new Recurrence(rule, start, 60, "Europe/Paris");
        boolean refused = !recurrence.problems("recurrence.").isEmpty();
        Statistics.label("rule").collect(refused ? "refused" : "expanded");
        Statistics.label("rule").coverage(coverage -> coverage.check("expanded").percentage(p -> p > 20));
        if (refused) {
            assertThat(recurrence.problems("recurrence."))
                    .allSatisfy(p -> assertThat(p.field()).isEqualTo("recurrence.rule"));
            return;
        }
        LocalDateTime until = start.plusYears(yearsToUntil);
        long began = System.nanoTime();
        List<LocalDateTime> occurrences;
        try {
            occurrences = recurrence.occurrences(null, count, until);
        } catch (ErrorResponseException e) {
            // ical4j failing on an accepted rule is a refusal, never a 500.
            assertThat(e.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
            return;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - began);

        assertThat(occurrences).hasSizeLessThanOrEqualTo(Math.min(count, Recurrence.MAX_OCCURRENCES));
        assertThat(occurrences).allSatisfy(o -> assertThat(o)
                .isAfterOrEqualTo(start)
                .isBeforeOrEqualTo(start.plusYears(Recurrence.HORIZON_YEARS))
                .isBeforeOrEqualTo(Recurrence.LAST_START));
        // A generous bound, far below what an unbounded rule takes (minutes, or the heap).
        assertThat(took).as(rule).isLessThan(Duration.ofSeconds(5));
    }

    @Provide
    Arbitrary<LocalDateTime> starts() {
        return DateTimes.dateTimes()
                .between(LocalDateTime.parse("2000-01-01T00:00"), LocalDateTime.parse("2100-12-31T23:59"))
                .map(t -> t.withSecond(0).withNano(0));
    }

    @Provide
    Arbitrary<String> rules() {
        // Half of them made of allowed parts with values in range, so that many are expanded.
        return Arbitraries.frequencyOf(
                Tuple.of(1, rules(Arbitraries.of("DAILY", "WEEKLY", "MONTHLY", "YEARLY"), allowedPart())),
                Tuple.of(1, rules(Arbitraries.of(FREQUENCIES), anyPart())));
    }

    private static Arbitrary<String> rules(Arbitrary<String> frequencies, Arbitrary<String> parts) {
        return Combinators.combine(
                        frequencies.map(f -> "FREQ=" + f), parts.list().ofMaxSize(5))
                .as((f, list) -> list.isEmpty() ? f : f + ";" + String.join(";", list));
    }

    private static Arbitrary<String> allowedPart() {
        return Arbitraries.oneOf(
                number("INTERVAL", 1, 52),
                number("COUNT", 1, 1000),
                Arbitraries.of("UNTIL=20271231T235959Z", "UNTIL=20991231"),
                list("BYMONTH", 1, 12, 12),
                list("BYMONTHDAY", 1, 28, 10),
                list("BYSETPOS", 1, 5, 3),
                Arbitraries.of(DAYS).list().ofMinSize(1).ofMaxSize(7).map(d -> "BYDAY=" + String.join(",", d)),
                Arbitraries.of(DAYS).map(d -> "WKST=" + d));
    }

    private static Arbitrary<String> anyPart() {
        return Arbitraries.oneOf(
                number("INTERVAL", -2, 100),
                number("COUNT", -1, 2000),
                Arbitraries.of("UNTIL=20271231T235959Z", "UNTIL=20991231", "UNTIL=20000101", "UNTIL=x"),
                list("BYMONTH", -13, 13, 14),
                list("BYMONTHDAY", -32, 32, 40),
                list("BYSETPOS", -367, 367, 40),
                list("BYHOUR", 0, 23, 24),
                list("BYMINUTE", 0, 59, 60),
                list("BYSECOND", 0, 59, 60),
                list("BYWEEKNO", -53, 53, 60),
                list("BYYEARDAY", -366, 366, 40),
                days(),
                Arbitraries.of(DAYS).map(d -> "WKST=" + d),
                Arbitraries.of("RSCALE=GREGORIAN", "SKIP=FORWARD", "X-FOO=1", "", "FREQ=DAILY"));
    }

    private static Arbitrary<String> number(String name, int min, int max) {
        return Arbitraries.integers().between(min, max).map(n -> name + "=" + n);
    }

    private static Arbitrary<String> list(String name, int min, int max, int longest) {
        return Arbitraries.integers()
                .between(min, max)
                .list()
                .ofMinSize(1)
                .ofMaxSize(longest)
                .map(values -> name + "="
                        + String.join(",", values.stream().map(String::valueOf).toList()));
    }

    private static Arbitrary<String> days() {
        Arbitrary<String> day = Combinators.combine(
                        Arbitraries.integers().between(-60, 60).injectNull(0.5), Arbitraries.of(DAYS))
                .as((ordinal, d) -> (ordinal == null || ordinal == 0 ? "" : ordinal.toString()) + d);
        return day.list().ofMinSize(1).ofMaxSize(40).map(values -> "BYDAY=" + String.join(",", values));
    }
}
