package org.museumevents.catalog.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.museumevents.catalog.event.EventDetails;
import org.museumevents.catalog.event.EventFormat;
import org.museumevents.catalog.event.Language;
import org.museumevents.catalog.series.SeriesDetails.EventDefaults;
import org.museumevents.starter.problem.InvalidFields;

/** A series' own rules and the drafts it makes of its occurrences. No Spring, no database. */
class SeriesDetailsTest {

    static final Recurrence THIRD_TUESDAYS =
            new Recurrence("FREQ=MONTHLY;BYDAY=3TU", LocalDateTime.parse("2021-01-19T13:00"), 90, "Europe/Paris");

    @Test
    void withoutADefaultLanguageAFrenchTitleIsTheDefaultElseTheOnlyOne() {
        assertThat(series(Map.of(Language.en, "Solidarity", Language.fr, "Solidarités"), null, THIRD_TUESDAYS)
                        .defaultLanguage())
                .isEqualTo(Language.fr);
        assertThat(series(Map.of(Language.es, "Solidaridad"), null, THIRD_TUESDAYS)
                        .defaultLanguage())
                .isEqualTo(Language.es);
        assertThat(series(Map.of(Language.fr, "Solidarités"), Language.en, THIRD_TUESDAYS)
                        .defaultLanguage())
                .as("one the organiser chose is kept, even without a title in it")
                .isEqualTo(Language.en);
    }

    @Test
    void theDefaultLanguageNeedsATitle() {
        SeriesDetails series = series(Map.of(Language.fr, "Solidarités"), Language.en, THIRD_TUESDAYS);

        assertThatThrownBy(series::check).isInstanceOfSatisfying(InvalidFields.class, e -> assertThat(fields(e))
                .containsExactly("title.en"));
    }

    @Test
    void recurrenceProblemsAreReportedUnderRecurrence() {
        SeriesDetails series = series(
                Map.of(Language.fr, "Solidarités"),
                null,
                new Recurrence("FREQ=SOMETIMES", LocalDateTime.parse("2021-01-19T13:00"), 90, "Mars/Olympus"));

        assertThatThrownBy(series::check).isInstanceOfSatisfying(InvalidFields.class, e -> assertThat(fields(e))
                .containsExactly("recurrence.rule", "recurrence.timeZone"));
    }

    @Test
    void aValidSeriesPassesItsCheck() {
        series(Map.of(Language.fr, "Solidarités"), null, THIRD_TUESDAYS).check();
    }

    @Test
    void anOccurrenceIsAnOnlineDraftOfTheSeriesLastingItsDurationUnlessTheDefaultsSayOtherwise() {
        UUID seriesId = UUID.randomUUID();
        LocalDateTime start = LocalDateTime.parse("2021-02-16T13:00");

        EventDetails plain =
                series(Map.of(Language.fr, "Solidarités"), null, THIRD_TUESDAYS).occurrence(seriesId, start);
        assertThat(plain.seriesId()).isEqualTo(seriesId);
        assertThat(plain.format()).isEqualTo(EventFormat.ONLINE);
        assertThat(plain.start()).isEqualTo(start);
        assertThat(plain.end()).isEqualTo(LocalDateTime.parse("2021-02-16T14:30"));
        assertThat(plain.timeZone()).isEqualTo("Europe/Paris");
        assertThat(plain.title()).containsEntry(Language.fr, "Solidarités");
        assertThat(plain.defaultLanguage()).isEqualTo(Language.fr);

        EventDefaults defaults = new EventDefaults(
                EventFormat.IN_PERSON,
                new EventDetails.Venue("La Coursive", null, "Dijon", "France"),
                null,
                40,
                null,
                List.of("fr", "en"),
                null,
                null,
                List.of("solidarity"),
                List.of("P1D"),
                null,
                null);
        EventDetails fromDefaults = new SeriesDetails(
                        Map.of(Language.fr, "Solidarités"), null, null, THIRD_TUESDAYS, defaults)
                .occurrence(seriesId, start);
        assertThat(fromDefaults.format()).isEqualTo(EventFormat.IN_PERSON);
        assertThat(fromDefaults.venue().city()).isEqualTo("Dijon");
        assertThat(fromDefaults.capacity()).isEqualTo(40);
        assertThat(fromDefaults.interpretation()).containsExactly("fr", "en");
        assertThat(fromDefaults.tags()).containsExactly("solidarity");
        assertThat(fromDefaults.reminders()).containsExactly("P1D");
    }

    private static SeriesDetails series(Map<Language, String> title, Language defaultLanguage, Recurrence recurrence) {
        return new SeriesDetails(title, null, defaultLanguage, recurrence, null);
    }

    @SuppressWarnings("unchecked")
    private static List<String> fields(InvalidFields e) {
        List<Map<String, String>> errors =
                (List<Map<String, String>>) e.getBody().getProperties().get("errors");
        return errors.stream().map(error -> error.get("field")).toList();
    }
}
