package org.museumevents.notification.config;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Domain errors as RFC 9457 problems whose {@code type} names the reason. */
public final class Problems {

    public static final String BASE = "https://museum-events.org/problems/";

    private Problems() {}

    public static URI type(String reason) {
        return URI.create(BASE + reason);
    }

    public static ErrorResponseException of(HttpStatus status, String reason, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(reason));
        problem.setTitle(title);
        return new ErrorResponseException(status, problem, null);
    }

    public static ErrorResponseException notFound(String what) {
        return of(HttpStatus.NOT_FOUND, "not-found", "Not found", what + " does not exist or is not visible to you.");
    }

    public static ErrorResponseException conflict(String reason, String detail) {
        return of(HttpStatus.CONFLICT, reason, "Conflict", detail);
    }

    public static ErrorResponseException unprocessable(String reason, String detail) {
        return of(HttpStatus.UNPROCESSABLE_ENTITY, reason, "Unprocessable request", detail);
    }
}
