package org.museumevents.registration.registration;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.museumevents.starter.problem.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The registrant's answers to "are you still coming?" (issue 17, docs/api.md "Reconfirmation"), with
 * the token of any of their links. Both are POSTs, never GETs: mail scanners follow links, so the
 * emails' links open gateway pages whose one button posts here.
 */
@RestController
@Tag(
        name = "Registrations",
        description = "Anyone registers; the registrant's token, or the event's organisers, manage it.")
class ReconfirmationController {

    private static final String TOKEN = "the token answered at registration (also in the emails' links)";

    private final Reconfirmations reconfirmations;
    private final RegistrationService service;

    ReconfirmationController(Reconfirmations reconfirmations, RegistrationService service) {
        this.reconfirmations = reconfirmations;
        this.service = service;
    }

    @PostMapping("/api/registrations/{id}/reconfirm")
    @Operation(
            operationId = "reconfirmRegistration",
            summary = "Say one still comes (reconfirm)",
            description = "CONFIRMED: records reconfirmedAt (idempotent). RELEASED: takes a place back while one is"
                    + " free by the rule of registering (capacity not reached, nobody waiting): CONFIRMED again."
                    + " Works whether or not the event asks for reconfirmation.")
    @ApiResponse(responseCode = "200", description = "The registration")
    @ApiResponse(responseCode = "404", description = "No such registration, or not this token.")
    @ApiResponse(
            responseCode = "409",
            description = "RELEASED and no place is free (`no-place-free`); another status than CONFIRMED or RELEASED"
                    + " (`registration-not-active`); the event has started (`event-past`) or ended (`event-ended`);"
                    + " RELEASED and the event is cancelled (`event-cancelled`) or the email registered again"
                    + " (`duplicate-registration`).")
    RegistrationView reconfirm(
            @PathVariable UUID id, @Parameter(description = TOKEN) @RequestParam(required = false) String token) {
        reconfirmations.reconfirm(id, token);
        return service.view(id, token);
    }

    @PostMapping("/api/registrations/{id}/decline")
    @Operation(
            operationId = "declineRegistration",
            summary = "Say one does not come (decline)",
            description = "CONFIRMED, WAITLISTED or PENDING: cancelled as by the registrant, the freed place going to"
                    + " the first waiting at once. Already cancelled, rejected or released: the same view"
                    + " (idempotent).")
    @ApiResponse(responseCode = "200", description = "The registration")
    @ApiResponse(responseCode = "404", description = "No such registration, or not this token.")
    @ApiResponse(responseCode = "409", description = "The event has ended (`event-ended`).")
    RegistrationView decline(
            @PathVariable UUID id, @Parameter(description = TOKEN) @RequestParam(required = false) String token) {
        reconfirmations.decline(id, token);
        return service.view(id, token);
    }

    @ExceptionHandler(NoPlaceFree.class)
    ResponseEntity<ProblemDetail> noPlaceFree(NoPlaceFree e) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(
                                HttpStatus.CONFLICT,
                                "no-place-free",
                                "Conflict",
                                "No place is free: the event is full or people are waiting.")
                        .getBody());
    }
}
