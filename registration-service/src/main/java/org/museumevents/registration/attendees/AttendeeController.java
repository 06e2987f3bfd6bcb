package org.museumevents.registration.attendees;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.museumevents.registration.event.Event;
import org.museumevents.registration.event.EventAccess;
import org.museumevents.registration.event.EventRepository;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The event's own organisation and its partner organisations (issue 16) see it, their organisers
 * only ({@link EventAccess#readable}): anyone else gets a 404 and no data, door staff a 403.
 */
@RestController
@Tag(name = "Attendees", description = "An event's registrations, for its organisers only.")
@SecurityRequirement(name = "organiser")
class AttendeeController {

    private static final String STATUSES = "CONFIRMED|WAITLISTED|PENDING|REJECTED|CANCELLED|RELEASED";
    private static final String STATUSES_MESSAGE =
            "must be one of CONFIRMED, WAITLISTED, PENDING, REJECTED, CANCELLED, RELEASED";
    private static final String ATTENDED_MESSAGE = "must be true or false";
    private static final int CSV_LIMIT = 100_000;

    private final EventRepository events;
    private final EventAccess access;
    private final AttendeeRepository attendees;
    private final Attendance attendance;

    AttendeeController(
            EventRepository events, EventAccess access, AttendeeRepository attendees, Attendance attendance) {
        this.events = events;
        this.access = access;
        this.attendees = attendees;
        this.attendance = attendance;
    }

    @GetMapping(value = "/api/events/{eventId}/attendees", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "listAttendees",
            summary = "The event's registrations, as JSON pages or (`Accept: text/csv`) one UTF-8 CSV",
            description = "The CSV has a header row and every matching registration (up to 100,000), without paging;"
                    + " after the fixed columns, one column per current question of the event (headed by its"
                    + " label), then one per question no longer asked that has answers (headed by its id).")
    Page<Attendee> list(
            @PathVariable UUID eventId,
            @RequestParam(required = false) @Pattern(regexp = STATUSES, message = STATUSES_MESSAGE) String status,
            @Parameter(description = "text found in the name, email or organisation")
                    @RequestParam(required = false)
                    @Size(max = 200)
                    String q,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
            @Parameter(description = "`true`: only those checked in at the door; `false`: only those not")
                    @RequestParam(required = false)
                    @Pattern(regexp = "true|false", message = ATTENDED_MESSAGE)
                    String attended) {
        organisersEvent(eventId);
        boolean showCodes = !events.format(eventId).filter("ONLINE"::equals).isPresent();
        return Page.of(
                attendees.list(eventId, status, q, attended, showCodes, page * size, size),
                page,
                size,
                attendees.count(eventId, status, q, attended));
    }

    @GetMapping(value = "/api/events/{eventId}/attendees", produces = "text/csv")
    @ApiResponse(
            responseCode = "200",
            description = "A page of attendees, or with `Accept: text/csv` all of them as UTF-8 CSV",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    ResponseEntity<byte[]> csv(
            @PathVariable UUID eventId,
            @RequestParam(required = false) @Pattern(regexp = STATUSES, message = STATUSES_MESSAGE) String status,
            @RequestParam(required = false) @Size(max = 200) String q,
            @RequestParam(required = false) @Pattern(regexp = "true|false", message = ATTENDED_MESSAGE)
                    String attended) {
        organisersEvent(eventId);
        String csv =
                Csv.of(attendees.list(eventId, status, q, attended, false, 0, CSV_LIMIT), events.questions(eventId));
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"attendees-" + eventId + ".csv\"")
                .body(csv.getBytes(StandardCharsets.UTF_8));
    }

    @GetMapping("/api/events/{eventId}/registration-stats")
    @Operation(
            operationId = "getRegistrationStats",
            summary = "Counts by status, headcounts by language and by answer to the event's choice questions")
    RegistrationStats stats(@PathVariable UUID eventId) {
        Event event = organisersEvent(eventId);
        return attendees.stats(eventId, event.capacity(), events.questions(eventId), attendance.stats(eventId));
    }

    private Event organisersEvent(UUID eventId) {
        return access.readable(eventId);
    }
}
