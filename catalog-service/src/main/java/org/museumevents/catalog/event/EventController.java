package org.museumevents.catalog.event;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;
import org.museumevents.catalog.config.Organisers;
import org.museumevents.catalog.config.Problems;
import org.museumevents.catalog.event.EventService.EventFilter;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/events")
class EventController {

    private final EventService events;
    private final EventCalendar calendar;

    EventController(EventService events, EventCalendar calendar) {
        this.events = events;
        this.calendar = calendar;
    }

    @GetMapping
    Page<EventView> list(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) @Size(max = 200) String q,
            @RequestParam(required = false) UUID series,
            @RequestParam(required = false) @Size(max = 64) String organisation,
            @RequestParam(required = false) EventStatus status,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return events.list(new EventFilter(from, to, q, series, organisation, status), page, size);
    }

    @GetMapping("/{id}")
    ResponseEntity<EventView> get(@PathVariable UUID id) {
        EventView event = events.find(id);
        return ResponseEntity.ok().eTag(event.etag()).body(event);
    }

    @GetMapping(value = "/{id}/calendar.ics", produces = "text/calendar")
    ResponseEntity<String> calendar(@PathVariable UUID id) {
        EventView event = events.find(id);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"event-" + id + ".ics\"")
                .body(calendar.publicCalendar(event));
    }

    @PostMapping
    ResponseEntity<EventView> create(@Valid @RequestBody EventDetails details) {
        EventView event = events.create(Organisers.required(), details);
        return ResponseEntity.created(URI.create("/api/events/" + event.id()))
                .eTag(event.etag())
                .body(event);
    }

    @PutMapping("/{id}")
    ResponseEntity<EventView> replace(
            @PathVariable UUID id,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody EventDetails details) {
        EventView event = events.replace(id, Organisers.required(), expectedVersion(ifMatch), details);
        return ResponseEntity.ok().eTag(event.etag()).body(event);
    }

    @PostMapping("/{id}/publish")
    ResponseEntity<EventView> publish(@PathVariable UUID id) {
        EventView event = events.publish(id, Organisers.required());
        return ResponseEntity.ok().eTag(event.etag()).body(event);
    }

    @PostMapping("/{id}/cancel")
    ResponseEntity<EventView> cancel(@PathVariable UUID id) {
        EventView event = events.cancel(id, Organisers.required());
        return ResponseEntity.ok().eTag(event.etag()).body(event);
    }

    /** {@code "3"}, {@code W/"3"} or {@code *}; null when the client sent none. */
    private static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            // An ETag we never issued cannot match the current one.
            throw Problems.of(
                    HttpStatus.PRECONDITION_FAILED,
                    "stale-version",
                    "Precondition failed",
                    "If-Match does not match the event's current ETag.");
        }
    }
}
