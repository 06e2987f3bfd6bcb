package org.museumevents.registration.registration;

import org.museumevents.registration.event.Refusal;
import org.museumevents.starter.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The registration feature's refusals as the contract's problem details (docs/api.md, "Errors" and
 * "Registration"): status, {@code type} {@code https://museum-events.org/problems/<reason>}, title
 * and detail. Asked before the service-starter's {@code ProblemHandling}, which is ordered last and
 * answers any other exception.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RegistrationProblems {

    @ExceptionHandler(RegistrationRefused.class)
    ResponseEntity<ProblemDetail> refused(RegistrationRefused e) {
        return conflict(e.refusal().reason(), detail(e.refusal()));
    }

    @ExceptionHandler(AlreadyRegistered.class)
    ResponseEntity<ProblemDetail> alreadyRegistered(AlreadyRegistered e) {
        return problem(
                HttpStatus.CONFLICT,
                "duplicate-registration",
                "Already registered",
                "This email is already registered for this event.");
    }

    @ExceptionHandler(IdempotencyKeyReused.class)
    ResponseEntity<ProblemDetail> idempotencyKeyReused(IdempotencyKeyReused e) {
        return problem(
                HttpStatus.UNPROCESSABLE_ENTITY,
                "idempotency-key-reused",
                "Unprocessable request",
                "This Idempotency-Key was used with another request body.");
    }

    @ExceptionHandler(RegistrationNotActive.class)
    ResponseEntity<ProblemDetail> notActive(RegistrationNotActive e) {
        return conflict("registration-not-active", "The registration is already " + e.status() + ".");
    }

    @ExceptionHandler(TooLateToChange.class)
    ResponseEntity<ProblemDetail> tooLate(TooLateToChange e) {
        return conflict(e.why().reason(), e.why().detail());
    }

    @ExceptionHandler(RegistrationNotPending.class)
    ResponseEntity<ProblemDetail> notPending(RegistrationNotPending e) {
        return conflict("registration-not-pending", "Only a PENDING registration can be decided.");
    }

    private static String detail(Refusal refusal) {
        return switch (refusal) {
            case EVENT_CANCELLED -> "The event is cancelled.";
            case EVENT_PAST -> "The event has already started.";
            case REGISTRATION_NOT_OPEN -> "Registration for this event is not open yet.";
            case REGISTRATION_CLOSED -> "Registration for this event is closed.";
            case EVENT_FULL -> "The event is full and has no waiting list.";
        };
    }

    private static ResponseEntity<ProblemDetail> conflict(String reason, String detail) {
        return problem(HttpStatus.CONFLICT, reason, "Conflict", detail);
    }

    /** The starter's shape of a problem ({@link Problems#of}), answered as problem+json. */
    private static ResponseEntity<ProblemDetail> problem(
            HttpStatus status, String reason, String title, String detail) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(status, reason, title, detail).getBody());
    }
}
