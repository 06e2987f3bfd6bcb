package org.museumevents.catalog.series;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.museumevents.catalog.event.CalendarFeeds;
import org.museumevents.catalog.event.EventView;
import org.museumevents.catalog.event.Language;
import org.museumevents.catalog.event.Page;
import org.museumevents.starter.openapi.OrganiserTokenOptional;
import org.museumevents.starter.security.Organisers;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/series")
@Tag(name = "Series", description = "Recurring events: an RFC 5545 rule whose occurrences become draft events.")
class SeriesController {

    private final SeriesService series;

    SeriesController(SeriesService series) {
        this.series = series;
    }

    @GetMapping
    @Operation(
            operationId = "listSeries",
            summary = "Series, with their published events (their organisers also see drafts)")
    @OrganiserTokenOptional
    Page<SeriesView> list(
            @Parameter(description = "an organisation's slug, e.g. `icom-france`")
                    @RequestParam(required = false)
                    @Size(max = 64)
                    String organisation,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return series.list(organisation, page, size);
    }

    @GetMapping("/{id}")
    @Operation(
            operationId = "getSeries",
            summary = "A series, with its published events (its organisers also see drafts)")
    @OrganiserTokenOptional
    SeriesView get(@PathVariable UUID id) {
        return series.find(id);
    }

    @GetMapping(value = "/{seriesId}/calendar.ics", produces = "text/calendar")
    @Operation(
            operationId = "getSeriesCalendar",
            summary = "The series' events as an iCalendar feed (RFC 5545), without meeting secrets",
            description = "Published and cancelled occurrences (never drafts) not ended more than 90 days ago,"
                    + " soonest first, at most 500; subscribe with `webcal://`. Issue 17.")
    @ApiResponse(
            responseCode = "200",
            description = "The feed",
            headers = {
                @Header(name = "ETag", description = "weak; `If-None-Match` answers 304 while unchanged"),
                @Header(name = "Cache-Control", description = "public, max-age=300")
            })
    ResponseEntity<String> calendar(
            @PathVariable UUID seriesId,
            @Parameter(
                            description = "the language of the names and texts (`fr`, `en`, `es`); the default"
                                    + " language where there is none, or when absent")
                    @RequestParam(required = false)
                    Language lang) {
        return CalendarFeeds.answer(series.calendar(seriesId, lang), "series-" + seriesId + ".ics");
    }

    @PostMapping
    @Operation(operationId = "createSeries", summary = "Create a series of the token's organisation")
    @SecurityRequirement(name = "organiser")
    @ApiResponse(
            responseCode = "201",
            description = "The series",
            headers = @Header(name = "Location", description = "the new series"))
    ResponseEntity<SeriesView> create(@Valid @RequestBody SeriesDetails details) {
        SeriesView created = series.create(Organisers.required(), details);
        return ResponseEntity.created(URI.create("/api/series/" + created.id())).body(created);
    }

    @PostMapping("/{id}/occurrences")
    @Operation(
            operationId = "createOccurrences",
            summary = "Create the series' next occurrences as DRAFT events",
            description = "`count` next occurrences, or every one `until` a date; none before `from`.")
    @SecurityRequirement(name = "organiser")
    @ApiResponse(responseCode = "201", description = "The new draft events")
    ResponseEntity<Occurrences> occurrences(@PathVariable UUID id, @Valid @RequestBody OccurrencesRequest request) {
        List<EventView> created = series.createOccurrences(id, Organisers.required(), request);
        return ResponseEntity.status(HttpStatus.CREATED).body(new Occurrences(created));
    }

    /** The answer to occurrences: {@code {"events": [...]}}. */
    record Occurrences(List<EventView> events) {}
}
