package org.museumevents.registration.attendees;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.museumevents.registration.config.Organisers;
import org.museumevents.registration.config.Problems;
import org.museumevents.registration.event.Event;
import org.museumevents.registration.event.Events;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Only the event's own organisation sees any of it: another organisation gets a 404 and no data. */
@RestController
class AttendeeController {

    private static final String STATUSES = "CONFIRMED|WAITLISTED|PENDING|REJECTED|CANCELLED";
    private static final int CSV_LIMIT = 100_000;

    private final Events events;
    private final Attendees attendees;

    AttendeeController(Events events, Attendees attendees) {
        this.events = events;
        this.attendees = attendees;
    }

    @GetMapping(value = "/api/events/{eventId}/attendees", produces = MediaType.APPLICATION_JSON_VALUE)
    Page<Attendee> list(
            @PathVariable UUID eventId,
            @RequestParam(required = false) @Pattern(regexp = STATUSES) String status,
            @RequestParam(required = false) @Size(max = 200) String q,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        organisersEvent(eventId);
        return Page.of(
                attendees.list(eventId, status, q, page * size, size), page, size, attendees.count(eventId, status, q));
    }

    @GetMapping(value = "/api/events/{eventId}/attendees", produces = "text/csv")
    ResponseEntity<byte[]> csv(
            @PathVariable UUID eventId,
            @RequestParam(required = false) @Pattern(regexp = STATUSES) String status,
            @RequestParam(required = false) @Size(max = 200) String q) {
        organisersEvent(eventId);
        String csv = Csv.of(attendees.list(eventId, status, q, 0, CSV_LIMIT));
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"attendees-" + eventId + ".csv\"")
                .body(csv.getBytes(StandardCharsets.UTF_8));
    }

    @GetMapping("/api/events/{eventId}/registration-stats")
    RegistrationStats stats(@PathVariable UUID eventId) {
        Event event = organisersEvent(eventId);
        return attendees.stats(eventId, event.capacity());
    }

    private Event organisersEvent(UUID eventId) {
        return events.find(eventId)
                .filter(event -> Organisers.isOrganiserOf(event.organisation()))
                .orElseThrow(() -> Problems.notFound("The event"));
    }
}
