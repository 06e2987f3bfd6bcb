package org.museumevents.registration.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.museumevents.registration.event.Refusal;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The domain exceptions answered as the contract's problems, without Spring: status, {@code type},
 * title and detail as they were before the exceptions existed (the integration tests check that
 * they reach the client ahead of the starter's catch-all).
 */
class RegistrationProblemsTest {

    private final RegistrationProblems problems = new RegistrationProblems();

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "EVENT_CANCELLED       | event-cancelled       | The event is cancelled.",
                "EVENT_PAST            | event-past            | The event has already started.",
                "REGISTRATION_NOT_OPEN | registration-not-open | Registration for this event is not open yet.",
                "REGISTRATION_CLOSED   | registration-closed   | Registration for this event is closed.",
                "EVENT_FULL            | event-full            | The event is full and has no waiting list."
            })
    void aRefusedRegistrationIsA409NamingTheReason(Refusal refusal, String reason, String detail) {
        assertProblem(problems.refused(new RegistrationRefused(refusal)), 409, reason, "Conflict", detail);
    }

    @Test
    void aDuplicateEmailIsA409AlreadyRegistered() {
        assertProblem(
                problems.alreadyRegistered(new AlreadyRegistered()),
                409,
                "duplicate-registration",
                "Already registered",
                "This email is already registered for this event.");
    }

    @Test
    void aReusedIdempotencyKeyIsA422() {
        assertProblem(
                problems.idempotencyKeyReused(new IdempotencyKeyReused()),
                422,
                "idempotency-key-reused",
                "Unprocessable request",
                "This Idempotency-Key was used with another request body.");
    }

    @Test
    void cancellingAnEndedRegistrationIsA409SayingWhatItIs() {
        assertProblem(
                problems.notActive(new RegistrationNotActive(RegistrationStatus.REJECTED)),
                409,
                "registration-not-active",
                "Conflict",
                "The registration is already REJECTED.");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "EVENT_ENDED   | event-ended | The event has ended: its registrations can no longer be changed.",
                "EVENT_STARTED | event-past  | The event has already started: nobody is given a place any more."
            })
    void changingARegistrationTooLateIsA409NamingWhy(TooLateToChange.Why why, String reason, String detail) {
        assertProblem(problems.tooLate(new TooLateToChange(why)), 409, reason, "Conflict", detail);
    }

    @Test
    void decidingARegistrationThatIsNotPendingIsA409() {
        assertProblem(
                problems.notPending(new RegistrationNotPending(RegistrationStatus.CONFIRMED)),
                409,
                "registration-not-pending",
                "Conflict",
                "Only a PENDING registration can be decided.");
    }

    private static void assertProblem(
            ResponseEntity<ProblemDetail> answer, int status, String reason, String title, String detail) {
        assertThat(answer.getStatusCode().value()).isEqualTo(status);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        ProblemDetail problem = answer.getBody();
        assertThat(problem.getStatus()).isEqualTo(status);
        assertThat(problem.getType()).isEqualTo(URI.create("https://museum-events.org/problems/" + reason));
        assertThat(problem.getTitle()).isEqualTo(title);
        assertThat(problem.getDetail()).isEqualTo(detail);
    }
}
