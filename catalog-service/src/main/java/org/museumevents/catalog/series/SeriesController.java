package org.museumevents.catalog.series;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.museumevents.catalog.config.Organisers;
import org.museumevents.catalog.event.EventView;
import org.museumevents.catalog.event.Page;
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
class SeriesController {

    private final SeriesService series;

    SeriesController(SeriesService series) {
        this.series = series;
    }

    @GetMapping
    Page<SeriesView> list(
            @RequestParam(required = false) @Size(max = 64) String organisation,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return series.list(organisation, page, size);
    }

    @GetMapping("/{id}")
    SeriesView get(@PathVariable UUID id) {
        return series.find(id);
    }

    @PostMapping
    ResponseEntity<SeriesView> create(@Valid @RequestBody SeriesDetails details) {
        SeriesView created = series.create(Organisers.required(), details);
        return ResponseEntity.created(URI.create("/api/series/" + created.id())).body(created);
    }

    @PostMapping("/{id}/occurrences")
    ResponseEntity<Map<String, List<EventView>>> occurrences(
            @PathVariable UUID id, @Valid @RequestBody OccurrencesRequest request) {
        List<EventView> created = series.createOccurrences(id, Organisers.required(), request);
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("events", created));
    }
}
