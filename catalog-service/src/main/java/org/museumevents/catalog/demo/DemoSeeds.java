package org.museumevents.catalog.demo;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.museumevents.catalog.event.EventDetails;
import org.museumevents.catalog.series.SeriesDetails;
import tools.jackson.databind.node.ObjectNode;

/** The shape of {@code demo/catalogue.json}. */
record DemoSeeds(@Valid List<SeriesSeed> series, @Valid List<EventSeed> events) {

    /** A series and which of its next occurrences become which session. */
    record SeriesSeed(
            @NotBlank String organisation,
            @Min(1) int occurrences,
            @NotNull @Valid SeriesDetails series,
            List<SessionSeed> sessions) {}

    /** Fields laid over the n-th next occurrence (1-based); unnamed fields keep the series' defaults. */
    record SessionSeed(@Min(1) int occurrence, boolean publish, @NotNull ObjectNode event) {}

    record EventSeed(
            @NotBlank String organisation,
            @NotNull Placement placement,
            boolean publish,
            @NotNull @Valid EventDetails event) {}

    enum Placement {
        /** The announced dates, even when past (an archive entry). */
        AS_IS,
        /** The same day and month, the next time it comes round, so that a newcomer can register. */
        NEXT_ANNIVERSARY
    }
}
