package org.museumevents.starter.problem;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Refusals as RFC 9457 problems whose {@code type} names the reason: {@code
 * https://museum-events.org/problems/<reason>}, the URIs the contract's clients match on.
 */
public final class Problems {

    public static final String BASE = "https://museum-events.org/problems/";

    private Problems() {}

    /** The problem type URI of {@code reason}, e.g. {@code not-found}. */
    public static URI type(String reason) {
        return URI.create(BASE + reason);
    }

    /**
     * An exception that Spring MVC answers as this problem.
     *
     * @param reason the last segment of the {@code type} URI, e.g. {@code event-full}
     * @param title a short, fixed summary of the kind of problem
     * @param detail this occurrence, for people; never personal data
     */
    public static ErrorResponseException of(HttpStatus status, String reason, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(reason));
        problem.setTitle(title);
        return new ErrorResponseException(status, problem, null);
    }

    /** 404 {@code not-found}: {@code what} ("Event 7f0c…") does not exist or is not the caller's to see. */
    public static ErrorResponseException notFound(String what) {
        return of(HttpStatus.NOT_FOUND, "not-found", "Not found", what + " does not exist or is not visible to you.");
    }

    /** 409 with the given reason. */
    public static ErrorResponseException conflict(String reason, String detail) {
        return of(HttpStatus.CONFLICT, reason, "Conflict", detail);
    }

    /** 422 with the given reason. */
    public static ErrorResponseException unprocessable(String reason, String detail) {
        return of(HttpStatus.UNPROCESSABLE_ENTITY, reason, "Unprocessable request", detail);
    }
}
