package org.museumevents.registration.registration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;
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
class RegistrationController {

    private final RegistrationService service;

    RegistrationController(RegistrationService service) {
        this.service = service;
    }

    @PostMapping("/api/events/{eventId}/registrations")
    ResponseEntity<Registered> register(
            @PathVariable UUID eventId,
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 200) String idempotencyKey,
            @Valid @RequestBody RegistrationRequest request) {
        Registered registered = service.register(eventId, request, idempotencyKey);
        return ResponseEntity.created(URI.create("/api/registrations/" + registered.id()))
                .body(registered);
    }

    /** The registrant's view; a missing or wrong token answers 404, as for an unknown id. */
    @GetMapping("/api/registrations/{id}")
    RegistrationView get(@PathVariable UUID id, @RequestParam(required = false) String token) {
        return service.view(id, token);
    }

    /** Cancelling is a DELETE, never a GET: mail scanners follow links. */
    @DeleteMapping("/api/registrations/{id}")
    RegistrationView cancel(@PathVariable UUID id, @RequestParam(required = false) String token) {
        return service.cancelByRegistrant(id, token);
    }

    @GetMapping("/api/registrations/{id}/organiser-view")
    RegistrationView organiserView(@PathVariable UUID id) {
        return service.viewAsOrganiser(id);
    }

    @PostMapping("/api/registrations/{id}/approve")
    RegistrationView approve(@PathVariable UUID id) {
        return service.approve(id);
    }

    @PostMapping("/api/registrations/{id}/reject")
    RegistrationView reject(@PathVariable UUID id) {
        return service.reject(id);
    }

    @PostMapping("/api/registrations/{id}/cancel")
    RegistrationView cancelByOrganiser(@PathVariable UUID id) {
        return service.cancelByOrganiser(id);
    }

    /** The place and the counts stay; name, email and organisation go. */
    @DeleteMapping("/api/registrations/{id}/personal-data")
    ResponseEntity<Void> erasePersonalData(@PathVariable UUID id) {
        service.erasePersonalData(id);
        return ResponseEntity.noContent().build();
    }
}
