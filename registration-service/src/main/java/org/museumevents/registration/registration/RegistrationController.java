package org.museumevents.registration.registration;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(
        name = "Registrations",
        description = "Anyone registers; the registrant's token, or the event's organisers, manage it.")
class RegistrationController {

    private final RegistrationService service;

    RegistrationController(RegistrationService service) {
        this.service = service;
    }

    // JSON only: a form-encoded body made Spring read it as parameters, which the security firewall
    // refused with an exception answered 500 (found by PublicEndpointsPropertiesTest); now 415.
    @PostMapping(path = "/api/events/{eventId}/registrations", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "register",
            summary = "Register for a published event",
            description = "Confirmed while places remain, else on the waiting list (if the event has one);"
                    + " PENDING when the event requires approval.")
    @ApiResponse(
            responseCode = "201",
            description = "Registered; keep the `token`: it is shown once and opens the registration later",
            headers = @Header(name = "Location", description = "the registration"))
    @ApiResponse(responseCode = "404", description = "No such published event.")
    @ApiResponse(
            responseCode = "409",
            description = "The email is already registered (`duplicate-registration`), or registration is not"
                    + " possible: `registration-not-open`, `registration-closed`, `event-cancelled`, `event-past`,"
                    + " `event-full` (the problem's `type` names the reason).")
    @ApiResponse(
            responseCode = "422",
            description = "The `Idempotency-Key` was used with another request body (`idempotency-key-reused`).")
    ResponseEntity<Registered> register(
            @PathVariable UUID eventId,
            @Parameter(
                            description = "any unique string: the same key replayed with the same body within"
                                    + " `registration.idempotency-key-lifetime` (a day by default) answers the first"
                                    + " result's id, status and waitlistPosition, without the token, and registers"
                                    + " nobody twice; after that the key is new")
                    @RequestHeader(name = "Idempotency-Key", required = false)
                    @Size(min = 1, max = 200)
                    String idempotencyKey,
            @Valid @RequestBody RegistrationRequest request) {
        Registered registered = service.register(eventId, request, idempotencyKey);
        return ResponseEntity.created(URI.create("/api/registrations/" + registered.id()))
                .body(registered);
    }

    /** The registrant's view; a missing or wrong token answers 404, as for an unknown id. */
    @GetMapping("/api/registrations/{id}")
    @Operation(operationId = "getRegistration", summary = "The registrant's registration")
    @ApiResponse(responseCode = "200", description = "The registration")
    @ApiResponse(responseCode = "404", description = "No such registration, or not this token.")
    RegistrationView get(
            @PathVariable UUID id,
            @Parameter(description = "the token answered at registration (also in the emails' manage link)")
                    @RequestParam(required = false)
                    String token) {
        return service.view(id, token);
    }

    /** Cancelling is a DELETE, never a GET: mail scanners follow links. */
    @DeleteMapping("/api/registrations/{id}")
    @Operation(
            operationId = "cancelRegistration",
            summary = "Cancel one's registration",
            description = "Until the event ends. A place freed before the event starts goes to the first on the"
                    + " waiting list; one freed once it has started goes to nobody.")
    @ApiResponse(responseCode = "200", description = "The cancelled registration")
    @ApiResponse(responseCode = "404", description = "No such registration, or not this token.")
    @ApiResponse(
            responseCode = "409",
            description = "The registration is already cancelled or rejected (`registration-not-active`), or the"
                    + " event has ended (`event-ended`).")
    RegistrationView cancel(
            @PathVariable UUID id,
            @Parameter(description = "the token answered at registration (also in the emails' manage link)")
                    @RequestParam(required = false)
                    String token) {
        return service.cancelByRegistrant(id, token);
    }

    @GetMapping("/api/registrations/{id}/organiser-view")
    @Operation(
            operationId = "getRegistrationAsOrganiser",
            summary = "A registration of one of the organisation's events")
    @SecurityRequirement(name = "organiser")
    RegistrationView organiserView(@PathVariable UUID id) {
        return service.viewAsOrganiser(id);
    }

    @PostMapping("/api/registrations/{id}/approve")
    @Operation(
            operationId = "approveRegistration",
            summary = "Approve a PENDING registration: it is CONFIRMED",
            description = "Only before the event starts.")
    @SecurityRequirement(name = "organiser")
    @ApiResponse(responseCode = "200", description = "The decided registration")
    @ApiResponse(
            responseCode = "409",
            description = "The registration is not PENDING (`registration-not-pending`), the event has started"
                    + " (`event-past`) or ended (`event-ended`).")
    RegistrationView approve(@PathVariable UUID id) {
        return service.approve(id);
    }

    @PostMapping("/api/registrations/{id}/reject")
    @Operation(
            operationId = "rejectRegistration",
            summary = "Reject a PENDING registration",
            description = "Until the event ends; a place freed once it has started goes to nobody.")
    @SecurityRequirement(name = "organiser")
    @ApiResponse(responseCode = "200", description = "The decided registration")
    @ApiResponse(
            responseCode = "409",
            description = "The registration is not PENDING (`registration-not-pending`), or the event has ended"
                    + " (`event-ended`).")
    RegistrationView reject(@PathVariable UUID id) {
        return service.reject(id);
    }

    @PostMapping("/api/registrations/{id}/cancel")
    @Operation(
            operationId = "cancelRegistrationAsOrganiser",
            summary = "Cancel a registration for the registrant",
            description = "Until the event ends; a place freed once it has started goes to nobody.")
    @SecurityRequirement(name = "organiser")
    @ApiResponse(responseCode = "200", description = "The cancelled registration")
    @ApiResponse(
            responseCode = "409",
            description = "The registration is already cancelled or rejected (`registration-not-active`), or the"
                    + " event has ended (`event-ended`).")
    RegistrationView cancelByOrganiser(@PathVariable UUID id) {
        return service.cancelByOrganiser(id);
    }

    /** The place and the counts stay; name, email and organisation go. At any time, also after the event. */
    @DeleteMapping("/api/registrations/{id}/personal-data")
    @Operation(operationId = "erasePersonalData", summary = "Erase a registrant's name, email and organisation")
    @SecurityRequirement(name = "organiser")
    @ApiResponse(responseCode = "204", description = "Erased")
    ResponseEntity<Void> erasePersonalData(@PathVariable UUID id) {
        service.erasePersonalData(id);
        return ResponseEntity.noContent().build();
    }
}
