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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.museumevents.registration.event.Event;
import org.museumevents.registration.event.EventAccess;
import org.museumevents.starter.problem.InvalidFields;
import org.museumevents.starter.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Attendance (issue 16, docs/api.md "Attendance"), for the event's own organisers only: marking one
 * registration by hand, and importing an attendance report (a video-meeting tool's CSV). Another
 * organisation gets a 404 and no data, as for the attendees. Reports are never logged.
 */
@RestController
@Tag(
        name = "Attendance",
        description = "Who attended: marked by hand or imported from a report, for the event's organisers.")
@SecurityRequirement(name = "organiser")
class AttendanceController {

    /** At most this many bytes of report (docs/api.md): 2 MB. */
    static final int MAX_BYTES = 2 * 1024 * 1024;

    private final EventAccess access;
    private final Attendance attendance;
    private final Clock clock;

    AttendanceController(EventAccess access, Attendance attendance, Clock clock) {
        this.access = access;
        this.attendance = attendance;
        this.clock = clock;
    }

    /** @param attended whether the person attended; required */
    record MarkRequest(Boolean attended) {}

    @PutMapping("/api/events/{eventId}/attendance/{registrationId}")
    @Operation(
            operationId = "markAttendance",
            summary = "Mark a CONFIRMED registration as attended or not, for an event of any format")
    @ApiResponse(responseCode = "200", description = "`{registrationId, attended, checkedInAt}`")
    @ApiResponse(responseCode = "404", description = "No such event of the organisation, or registration of it")
    @ApiResponse(responseCode = "409", description = "`not-confirmed` (with `registrationStatus`)")
    Attendance.Marked mark(
            @PathVariable UUID eventId,
            @PathVariable UUID registrationId,
            @RequestBody(required = false) MarkRequest body) {
        if (body == null || body.attended() == null) {
            throw new InvalidFields(List.of(new InvalidFields.FieldProblem("attended", "is required")));
        }
        ownersEvent(eventId);
        return attendance.mark(eventId, registrationId, body.attended(), now());
    }

    @PostMapping(value = "/api/events/{eventId}/attendance", consumes = "text/csv")
    @Operation(
            operationId = "importAttendance",
            summary = "Import an attendance report (CSV with an email column, optionally a duration column)",
            description = "Up to 2 MB and 20,000 rows. The header row is found by its column names: the email"
                    + " column's contains \"mail\" or \"courriel\", the duration column's \"duration\", \"durée\","
                    + " \"duración\" or \"minutes\" (whole minutes, or like `1h 5m`). Rows of one address are summed."
                    + " Comma, semicolon or tab separated; UTF-8, UTF-16 with a byte-order mark, or Windows-1252.")
    @ApiResponse(
            responseCode = "200",
            description = "Counts only: `{rows, matched, alreadyAttended, unmatched, belowMinimum}`")
    @ApiResponse(
            responseCode = "400",
            description = "Not CSV, no email column, too many rows, a bad duration (field `file`)")
    @ApiResponse(responseCode = "413", description = "More than 2 MB")
    Attendance.Imported importReport(
            @PathVariable UUID eventId,
            @Parameter(description = "minutes summed over a person's rows below which they do not count as attended")
                    @RequestParam(defaultValue = "0")
                    @Min(0)
                    @Max(1440)
                    int minMinutes,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
                    InputStream body) {
        ownersEvent(eventId);
        AttendanceReport.Read report = AttendanceReport.read(limited(body));
        return attendance.importReport(eventId, report, minMinutes, now());
    }

    private static byte[] limited(InputStream body) {
        try {
            byte[] bytes = body.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw Problems.of(
                        HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Body too large", "The file is over 2 MB.");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private java.time.Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Owner organisers only: partners and door staff may read, never change attendance. */
    private Event ownersEvent(UUID eventId) {
        return access.owned(eventId, "The event");
    }
}
