package org.museumevents.catalog.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecurrenceTest {

    static final Recurrence SOLIDARITY =
            new Recurrence("FREQ=MONTHLY;BYDAY=3TU", LocalDateTime.parse("2021-01-19T13:00"), 90, "Europe/Paris");

    @Test
    void everyThirdTuesdayFromJanuary2021GivesTheSeedSessionDates() {
        List<LocalDateTime> sessions = SOLIDARITY.occurrences(null, 6, null);

        // Sessions 1 to 6 of the cycle; the seeds announce session 4 on 16 February, 6 on 20 April.
        assertThat(sessions)
                .containsExactly(
                        LocalDateTime.parse("2021-01-19T13:00"),
                        LocalDateTime.parse("2021-02-16T13:00"),
                        LocalDateTime.parse("2021-03-16T13:00"),
                        LocalDateTime.parse("2021-04-20T13:00"),
                        LocalDateTime.parse("2021-05-18T13:00"),
                        LocalDateTime.parse("2021-06-15T13:00"));
    }

    @Test
    void continuesStrictlyAfterTheLastOccurrence() {
        assertThat(SOLIDARITY.occurrences(LocalDateTime.parse("2021-02-16T13:00"), 2, null))
                .containsExactly(LocalDateTime.parse("2021-03-16T13:00"), LocalDateTime.parse("2021-04-20T13:00"));
    }

    @Test
    void untilIsInclusiveAndBoundsTheExpansion() {
        assertThat(SOLIDARITY.occurrences(null, 52, LocalDateTime.parse("2021-04-20T23:59:59")))
                .hasSize(4)
                .last()
                .isEqualTo(LocalDateTime.parse("2021-04-20T13:00"));
    }

    @Test
    void keepsLocalTimeAcrossDaylightSavingChanges() {
        // Paris changes to summer time on 28 March 2021 and back on 31 October 2021.
        ZoneId paris = ZoneId.of("Europe/Paris");
        List<LocalDateTime> sessions = SOLIDARITY.occurrences(LocalDateTime.parse("2021-02-16T13:00"), 9, null);
        assertThat(sessions).allSatisfy(start -> assertThat(start.toLocalTime()).hasToString("13:00"));
        assertThat(sessions.get(0).atZone(paris).getOffset()).isEqualTo(ZoneOffset.ofHours(1)); // 16 March
        assertThat(sessions.get(1).atZone(paris).getOffset()).isEqualTo(ZoneOffset.ofHours(2)); // 20 April
        assertThat(sessions.get(7).atZone(paris).getOffset()).isEqualTo(ZoneOffset.ofHours(2)); // 19 October
        assertThat(sessions.get(8).atZone(paris).getOffset()).isEqualTo(ZoneOffset.ofHours(1)); // 16 November
        assertThat(sessions.get(1).atZone(paris).toInstant()).hasToString("2021-04-20T11:00:00Z");
        assertThat(sessions.get(8).atZone(paris).toInstant()).hasToString("2021-11-16T12:00:00Z");
    }

    @Test
    void rejectsRulesThatAreNotRfc5545OrTooFrequentForEvents() {
        assertThat(new Recurrence("FREQ=SOMETIMES", LocalDateTime.now(), 60, "Europe/Paris").problems(""))
                .extracting(p -> p.field())
                .containsExactly("rule");
        assertThat(new Recurrence("FREQ=MINUTELY", LocalDateTime.now(), 60, "Europe/Paris").problems(""))
                .extracting(p -> p.field())
                .containsExactly("rule");
        assertThat(new Recurrence("FREQ=WEEKLY", LocalDateTime.now(), 60, "Mars/Olympus").problems(""))
                .extracting(p -> p.field())
                .containsExactly("timeZone");
        assertThat(SOLIDARITY.problems("")).isEmpty();
    }
}
