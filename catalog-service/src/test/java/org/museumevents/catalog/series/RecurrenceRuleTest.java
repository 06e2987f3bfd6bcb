package org.museumevents.catalog.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.museumevents.starter.problem.InvalidFields.FieldProblem;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/** What a series' rule may ask, and how far its expansion goes. No Spring. */
class RecurrenceRuleTest {

    static final LocalDateTime START = LocalDateTime.parse("2021-01-19T13:00");

    @ParameterizedTest
    @ValueSource(
            strings = {
                // The seeds.
                "FREQ=MONTHLY;BYDAY=3TU",
                "FREQ=MONTHLY;BYDAY=1TH",
                // What event series say.
                "RRULE:FREQ=WEEKLY;BYDAY=TU,TH",
                "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;COUNT=10",
                "FREQ=MONTHLY;BYDAY=-1FR",
                "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
                "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15",
                "FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=18",
                "FREQ=YEARLY;BYMONTH=5;BYDAY=3SA",
                "FREQ=YEARLY;BYDAY=20MO",
                "FREQ=YEARLY;INTERVAL=2",
                "FREQ=MONTHLY;BYDAY=3TU;UNTIL=20271231T235959Z",
                "FREQ=MONTHLY;BYDAY=3TU;UNTIL=20271231",
                "FREQ=DAILY;COUNT=5;WKST=MO"
            })
    void rulesAnEventSeriesNeedsAreTaken(String rule) {
        assertThat(recurrence(rule).problems("")).isEmpty();
        assertThat(recurrence(rule).occurrences(null, 3, null)).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // pitfalls.md: a short rule ical4j expands into millions of instants a year.
                "FREQ=YEARLY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11;BYMINUTE=0,5,10,15,20,25,30,35,40,45,50,55;BYSECOND=0,10,20,30,40,50",
                "FREQ=DAILY;BYHOUR=13",
                "FREQ=DAILY;BYMINUTE=30",
                "FREQ=DAILY;BYSECOND=1",
                "FREQ=HOURLY",
                "FREQ=MINUTELY",
                "FREQ=SECONDLY",
                "FREQ=YEARLY;BYWEEKNO=20",
                "FREQ=YEARLY;BYYEARDAY=100",
                // Intervals and counts out of bounds (a huge yearly interval overflowed the year).
                "FREQ=YEARLY;INTERVAL=999999999",
                "FREQ=DAILY;INTERVAL=53",
                "FREQ=MONTHLY;INTERVAL=0",
                "FREQ=MONTHLY;INTERVAL=-1",
                "FREQ=MONTHLY;COUNT=0",
                "FREQ=MONTHLY;COUNT=1001",
                "FREQ=MONTHLY;COUNT=99999999999",
                // Values ical4j took, then failed on while expanding.
                "FREQ=MONTHLY;BYMONTHDAY=0",
                "FREQ=MONTHLY;BYMONTHDAY=32",
                "FREQ=YEARLY;BYMONTH=13",
                "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=0",
                "FREQ=MONTHLY;BYSETPOS=1",
                // Ordinals where they mean nothing, or too large.
                "FREQ=WEEKLY;BYDAY=2TU",
                "FREQ=MONTHLY;BYDAY=6TU",
                "FREQ=MONTHLY;BYDAY=99TU",
                "FREQ=YEARLY;BYDAY=54MO",
                "FREQ=YEARLY;BYMONTH=5;BYDAY=6SA",
                "FREQ=MONTHLY;BYDAY=XX",
                "FREQ=MONTHLY;BYMONTHDAY=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,1",
                // Not one rule.
                "FREQ=MONTHLY;FREQ=HOURLY",
                "FREQ=MONTHLY;;",
                "FREQ=MONTHLY;BYDAY=",
                "FREQ=MONTHLY;X-FOO=BAR",
                "FREQ=MONTHLY;RSCALE=HEBREW",
                "FREQ=YEARLY;RSCALE=GREGORIAN;SKIP=FORWARD;BYMONTH=2;BYMONTHDAY=29",
                "BYDAY=TU",
                "freq=monthly",
                "FREQ=MONTHLY;WKST=XX",
                "FREQ=MONTHLY;UNTIL=tomorrow",
                "EVERY THIRD TUESDAY"
            })
    void rulesBeyondWhatASeriesNeedsAreRefusedNamingTheRule(String rule) {
        assertThat(recurrence(rule).problems("recurrence."))
                .extracting(FieldProblem::field)
                .containsExactly("recurrence.rule");
    }

    @Test
    void anExpansionNeverGivesMoreThanItsBoundWhateverItIsAsked() {
        assertThat(recurrence("FREQ=DAILY").occurrences(null, 10_000, null)).hasSize(Recurrence.MAX_OCCURRENCES);
    }

    @Test
    void anExpansionNeverLooksFurtherThanItsHorizonNorPastTheLastPlausibleDay() {
        // Every four years: the 20-year horizon holds five, whatever until asks.
        List<LocalDateTime> quadrennial =
                recurrence("FREQ=YEARLY;INTERVAL=4").occurrences(null, 52, LocalDateTime.parse("2099-01-01T00:00"));
        assertThat(quadrennial).hasSize(6).last().isEqualTo(LocalDateTime.parse("2041-01-19T13:00"));

        Recurrence late = new Recurrence("FREQ=YEARLY", LocalDateTime.parse("2095-12-31T13:00"), 60, "Europe/Paris");
        assertThat(late.occurrences(null, 52, null))
                .as("2100-12-31 would end after the last plausible day")
                .last()
                .isEqualTo(LocalDateTime.parse("2099-12-31T13:00"));
    }

    @Test
    void aRuleStoredBeforeItWasRefusedIsNeverExpanded() {
        Recurrence stored = recurrence("FREQ=YEARLY;BYHOUR=1,2,3;BYMINUTE=1,2,3;BYSECOND=1,2,3");

        assertThatThrownBy(() -> stored.occurrences(null, 52, null))
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
                    assertThat(e.getBody().getType())
                            .hasToString("https://museum-events.org/problems/recurrence-refused");
                });
        Recurrence implausible =
                new Recurrence("FREQ=DAILY", LocalDateTime.parse("0001-01-01T10:00"), 60, "Europe/Paris");
        assertThatThrownBy(() -> implausible.occurrences(null, 52, null)).isInstanceOf(ErrorResponseException.class);
    }

    static Recurrence recurrence(String rule) {
        return new Recurrence(rule, START, 90, "Europe/Paris");
    }
}
