package org.museumevents.registration.attendees;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.museumevents.registration.event.Event;
import org.museumevents.registration.event.EventAccess;
import org.museumevents.registration.event.EventRepository;
import org.museumevents.starter.problem.InvalidFields;
import org.museumevents.starter.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Check-in at the door (issue 16, docs/api.md): the organisers and door staff of the event's
 * organisation and of its partner organisations ({@link EventAccess#forCheckIn}; anyone else gets a
 * 404 and no data) search registrants by name or email, scan a registrant's check-in code, or pick
 * the registration, and undo a check-in. Codes and search texts are never logged.
 */
@RestController
@Tag(
        name = "Check-in",
        description = "Checking registrants in at the door, for the organisers and door staff of the event's"
                + " organisation and of its partners.")
@SecurityRequirement(name = "organiser")
class CheckInController {

    private final EventRepository events;
    private final EventAccess access;
    private final CheckInRepository checkIns;
    private final Attendance attendance;
    private final Clock clock;

    CheckInController(
            EventRepository events,
            EventAccess access,
            CheckInRepository checkIns,
            Attendance attendance,
            Clock clock) {
        this.events = events;
        this.access = access;
        this.checkIns = checkIns;
        this.attendance = attendance;
        this.clock = clock;
    }

    /**
     * A registration found by the door's search.
     *
     * @param status its status: only a CONFIRMED one checks in
     * @param checkedInAt when it was first checked in (UTC), null when not
     */
    record Match(UUID registrationId, String name, String email, String status, Instant checkedInAt) {}

    @GetMapping("/api/events/{eventId}/check-ins")
    @Operation(
            operationId = "searchCheckIns",
            summary = "Find the event's registrations at the door by name or email",
            description = "`q` is found, ignoring case, anywhere in the name or the email; at most 20 registrations,"
                    + " sorted by name. Erased registrations are never found.")
    @ApiResponse(responseCode = "200", description = "Up to 20 registrations, sorted by name")
    @ApiResponse(responseCode = "404", description = "No such event of the organisation or of a partner of it")
    List<Match> search(
            @PathVariable UUID eventId,
            @Parameter(description = "2 to 100 characters of a name or an email") @RequestParam(required = false)
                    String q) {
        if (q == null || q.strip().length() < 2 || q.length() > 100) {
            throw new InvalidFields(List.of(new InvalidFields.FieldProblem("q", "must be 2 to 100 characters")));
        }
        access.forCheckIn(eventId);
        return checkIns.search(eventId, q.strip(), 20);
    }

    /**
     * What the door scans: exactly one of the two.
     *
     * @param code a registration's check-in code, as shown to its registrant
     * @param registrationId a registration's id, as the attendee list shows it
     */
    record CheckInRequest(String code, UUID registrationId) {}

    /**
     * A checked-in registration.
     *
     * @param checkedInAt when it was first checked in (UTC)
     */
    record CheckIn(UUID registrationId, String name, String status, Instant checkedInAt) {}

    @PostMapping("/api/events/{eventId}/check-ins")
    @Operation(
            operationId = "checkIn",
            summary = "Check a CONFIRMED registration in at the door, by its check-in code or its id")
    @ApiResponse(responseCode = "201", description = "Checked in now")
    @ApiResponse(responseCode = "200", description = "Already checked in: the first time's `checkedInAt`")
    @ApiResponse(
            responseCode = "404",
            description = "No such event of the organisation; `unknown-code` for a code of no registration of the"
                    + " event; no such registration of the event")
    @ApiResponse(
            responseCode = "409",
            description = "`another-event` (a code of another event), `not-confirmed` (with `registrationStatus`),"
                    + " `online-event`")
    ResponseEntity<CheckIn> checkIn(@PathVariable UUID eventId, @RequestBody(required = false) CheckInRequest body) {
        boolean byCode = body != null && body.code() != null;
        boolean byId = body != null && body.registrationId() != null;
        if (byCode == byId) {
            String message = byCode ? "give either code or registrationId, not both" : "is required";
            throw new InvalidFields(
                    List.of(new InvalidFields.FieldProblem(byCode ? "registrationId" : "code", message)));
        }
        if (byCode && (body.code().isBlank() || body.code().length() > 100)) {
            throw new InvalidFields(List.of(new InvalidFields.FieldProblem("code", "must be a check-in code")));
        }
        Event event = organisersEvent(eventId);
        if (events.format(eventId).filter("ONLINE"::equals).isPresent()) {
            throw Problems.conflict("online-event", "The event is online: nobody checks in at a door.");
        }
        Optional<CheckInRepository.Found> found =
                byCode ? checkIns.byCode(body.code()) : checkIns.byId(body.registrationId());
        if (found.isEmpty() || (!byCode && !found.get().eventId().equals(event.id()))) {
            throw byCode
                    ? Problems.of(HttpStatus.NOT_FOUND, "unknown-code", "Not found", "No registration has this code.")
                    : Problems.notFound("The registration");
        }
        CheckInRepository.Found r = found.get();
        if (!r.eventId().equals(event.id())) {
            throw Problems.conflict("another-event", "This code is of a registration for another event.");
        }
        if (!"CONFIRMED".equals(r.status())) {
            throw notConfirmed(r.status());
        }
        Optional<Instant> set =
                attendance.checkIn(r.registrationId(), clock.instant().truncatedTo(ChronoUnit.MICROS));
        if (set.isPresent()) {
            return ResponseEntity.status(HttpStatus.CREATED)
                    .body(new CheckIn(r.registrationId(), r.name(), r.status(), set.get()));
        }
        // Checked in already (maybe by the other door, this very moment), or no longer CONFIRMED.
        CheckInRepository.Found now = checkIns.byId(r.registrationId()).orElseThrow();
        if (now.checkedInAt() == null || !"CONFIRMED".equals(now.status())) {
            throw notConfirmed(now.status());
        }
        return ResponseEntity.ok(new CheckIn(now.registrationId(), now.name(), now.status(), now.checkedInAt()));
    }

    @DeleteMapping("/api/events/{eventId}/check-ins/{registrationId}")
    @Operation(operationId = "undoCheckIn", summary = "Undo a registration's check-in")
    @ApiResponse(responseCode = "204", description = "No longer checked in")
    @ApiResponse(responseCode = "404", description = "No such event or registration of it, or not checked in")
    ResponseEntity<Void> undo(@PathVariable UUID eventId, @PathVariable UUID registrationId) {
        organisersEvent(eventId);
        if (!attendance.undo(eventId, registrationId, clock.instant().truncatedTo(ChronoUnit.MICROS))) {
            throw Problems.notFound("The check-in");
        }
        return ResponseEntity.noContent().build();
    }

    /** 409 {@code not-confirmed} with the registration's {@code registrationStatus}. */
    static ErrorResponseException notConfirmed(String status) {
        ErrorResponseException e = Problems.conflict(
                "not-confirmed", "Only a CONFIRMED registration checks in; this one is " + status + ".");
        e.getBody().setProperty("registrationStatus", status);
        return e;
    }

    private Event organisersEvent(UUID eventId) {
        return access.forCheckIn(eventId);
    }
}
