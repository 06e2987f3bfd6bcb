package org.museumevents.registration.subscription;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.UUID;
import org.museumevents.registration.registration.RegistrationRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Following a series (issue 17): anyone subscribes; the subscription's token manages it. */
@RestController
@Tag(name = "Series subscriptions", description = "Follow a series: registered for each of its occurrences.")
class SubscriptionController {

    private final SubscriptionService service;

    SubscriptionController(SubscriptionService service) {
        this.service = service;
    }

    /** The {@code Idempotency-Key} header is ignored here (docs/api.md): a repeat answers 409. */
    @PostMapping(path = "/api/series/{seriesId}/subscriptions", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "subscribeToSeries",
            summary = "Follow a series",
            description = "Registers for every published occurrence open for registration now, and for each later"
                    + " one when its registration opens; the body is a registration's.")
    @ApiResponse(
            responseCode = "201",
            description = "Subscribed; keep the `token`: it is shown once",
            headers = @Header(name = "Location", description = "the subscription"))
    @ApiResponse(responseCode = "400", description = "Invalid body, or answers that do not fit the occurrences ahead.")
    @ApiResponse(responseCode = "404", description = "No event of this series is known.")
    @ApiResponse(responseCode = "409", description = "The email already follows the series (`already-subscribed`).")
    ResponseEntity<Subscribed> subscribe(@PathVariable UUID seriesId, @Valid @RequestBody RegistrationRequest request) {
        Subscribed subscribed = service.subscribe(seriesId, request);
        return ResponseEntity.created(URI.create("/api/subscriptions/" + subscribed.id()))
                .body(subscribed);
    }

    @GetMapping("/api/subscriptions/{id}")
    @Operation(operationId = "getSubscription", summary = "The subscriber's subscription")
    @ApiResponse(responseCode = "200", description = "The subscription with its registrations")
    @ApiResponse(responseCode = "404", description = "No such subscription, or not this token.")
    SubscriptionView get(
            @PathVariable UUID id,
            @Parameter(description = "the token answered at subscription (also in the emails' link)")
                    @RequestParam(required = false)
                    String token) {
        return service.view(id, token);
    }

    /** Stopping is a DELETE, never a GET: mail scanners follow links. */
    @DeleteMapping("/api/subscriptions/{id}")
    @Operation(
            operationId = "cancelSubscription",
            summary = "Stop following a series",
            description = "No further registration; with `cancelRegistrations=true` its registrations of occurrences"
                    + " not started yet are cancelled too. Idempotent.")
    @ApiResponse(responseCode = "200", description = "The cancelled subscription")
    @ApiResponse(responseCode = "404", description = "No such subscription, or not this token.")
    SubscriptionView cancel(
            @PathVariable UUID id,
            @RequestParam(required = false) String token,
            @RequestParam(defaultValue = "false") boolean cancelRegistrations) {
        return service.cancel(id, token, cancelRegistrations);
    }

    @GetMapping("/api/series/{seriesId}/followers")
    @Operation(operationId = "getSeriesFollowers", summary = "How many follow a series")
    @SecurityRequirement(name = "organiser")
    @ApiResponse(responseCode = "404", description = "Not an organiser of this series' events.")
    Followers followers(@PathVariable UUID seriesId) {
        return service.followers(seriesId);
    }
}
