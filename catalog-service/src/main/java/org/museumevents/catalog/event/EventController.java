package org.museumevents.catalog.event;

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
import java.time.LocalDate;
import java.util.UUID;
import org.museumevents.catalog.event.EventService.EventFilter;
import org.museumevents.catalog.time.PlausibleDate;
import org.museumevents.starter.openapi.OrganiserTokenOptional;
import org.museumevents.starter.problem.Problems;
import org.museumevents.starter.security.Organisers;
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
@Tag(name = "Events", description = "Anyone reads published events; their organisation's organisers write them.")
class EventController {

    private final EventService events;
    private final EventCalendar calendar;

    EventController(EventService events, EventCalendar calendar) {
        this.events = events;
        this.calendar = calendar;
    }

    @GetMapping
    @Operation(
            operationId = "listEvents",
            summary = "Published events, soonest first",
            description = "Without `from` and `to`, events not yet ended. An organiser filtering on its own"
                    + " `organisation` may also ask for `status` DRAFT or CANCELLED and sees `meeting`.")
    @OrganiserTokenOptional
    Page<EventView> list(
            @Parameter(description = "a date from 2000-01-01 to 2100-12-31")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    @PlausibleDate
                    LocalDate from,
            @Parameter(description = "a date from 2000-01-01 to 2100-12-31")
                    @RequestParam(required = false)
                    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                    @PlausibleDate
                    LocalDate to,
            @Parameter(description = "words in the texts, people, partners, tags or venue")
                    @RequestParam(required = false)
                    @Size(max = 200)
                    String q,
            @Parameter(description = "a series id") @RequestParam(required = false) UUID series,
            @Parameter(description = "an organisation's slug, e.g. `icom-france`")
                    @RequestParam(required = false)
                    @Size(max = 64)
                    String organisation,
            @RequestParam(required = false) EventStatus status,
            @Parameter(description = "an organisation's slug: only the events naming it in `partnerOrganisations`")
                    @RequestParam(required = false)
                    @Size(max = 64)
                    String partnerOrganisation,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return events.list(new EventFilter(from, to, q, series, organisation, status, partnerOrganisation), page, size);
    }

    @GetMapping("/{id}")
    @Operation(
            operationId = "getEvent",
            summary = "An event",
            description = "A published event, without `meeting`; its organisers also see drafts and `meeting`.")
    @ApiResponse(
            responseCode = "200",
            description = "The event",
            headers = @Header(name = "ETag", description = "its version, for `If-Match` on PUT"))
    @OrganiserTokenOptional
    ResponseEntity<EventView> get(@PathVariable UUID id) {
        EventView event = events.find(id);
        return ResponseEntity.ok().eTag(event.etag()).body(event);
    }

    @GetMapping(value = "/{id}/calendar.ics", produces = "text/calendar")
    @Operation(operationId = "getEventCalendar", summary = "The event as iCalendar (RFC 5545), without meeting secrets")
    ResponseEntity<String> calendar(@PathVariable UUID id) {
        EventView event = events.find(id);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"event-" + id + ".ics\"")
                .body(calendar.publicCalendar(event));
    }

    @PostMapping
    @Operation(operationId = "createEvent", summary = "Create an event, as a DRAFT of the token's organisation")
    @SecurityRequirement(name = "organiser")
    @ApiResponse(
            responseCode = "201",
            description = "The event as its organisers see it",
            headers = {
                @Header(name = "Location", description = "the new event"),
                @Header(name = "ETag", description = "its version")
            })
    @ApiResponse(responseCode = "422", description = "`seriesId` names no series of the organisation.")
    ResponseEntity<EventView> create(@Valid @RequestBody EventDetails details) {
        EventView event = events.create(Organisers.required(), details);
        return ResponseEntity.created(URI.create("/api/events/" + event.id()))
                .eTag(event.etag())
                .body(event);
    }

    @PutMapping("/{id}")
    @Operation(
            operationId = "replaceEvent",
            summary = "Replace an event",
            description = "A published event's registrants hear of the change.")
    @SecurityRequirement(name = "organiser")
    @ApiResponse(
            responseCode = "200",
            description = "The event as its organisers see it",
            headers = @Header(name = "ETag", description = "its new version"))
    @ApiResponse(responseCode = "409", description = "The event is cancelled.")
    @ApiResponse(responseCode = "412", description = "`If-Match` is not the event's current `ETag`.")
    @ApiResponse(responseCode = "422", description = "`seriesId` names no series of the organisation.")
    ResponseEntity<EventView> replace(
            @PathVariable UUID id,
            @Parameter(
                            description = "the `ETag` of a GET: the replace happens only if the event is still"
                                    + " at that version (without it, unconditionally)")
                    @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                    String ifMatch,
            @Valid @RequestBody EventDetails details) {
        EventView event = events.replace(id, Organisers.required(), expectedVersion(ifMatch), details);
        return ResponseEntity.ok().eTag(event.etag()).body(event);
    }

    @PostMapping("/{id}/publish")
    @Operation(operationId = "publishEvent", summary = "Publish a draft (DRAFT to PUBLISHED)")
    @SecurityRequirement(name = "organiser")
    @ApiResponse(responseCode = "200", description = "The event as its organisers see it")
    @ApiResponse(responseCode = "409", description = "The event is not a draft.")
    @ApiResponse(responseCode = "422", description = "An online or hybrid event has no `meeting` yet.")
    ResponseEntity<EventView> publish(@PathVariable UUID id) {
        EventView event = events.publish(id, Organisers.required());
        return ResponseEntity.ok().eTag(event.etag()).body(event);
    }

    @PostMapping("/{id}/cancel")
    @Operation(
            operationId = "cancelEvent",
            summary = "Cancel an event",
            description = "Its registrants are told by email. Cancelling a cancelled event changes nothing.")
    @SecurityRequirement(name = "organiser")
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
