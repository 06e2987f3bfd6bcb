package org.museumevents.starter.problem;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A 400 {@code validation} problem with field errors, for rules that span fields (end after start,
 * a title in the default language...), shaped like Bean Validation's: {@code errors: [{field,
 * message}]}.
 */
public class InvalidFields extends ErrorResponseException {

    /** @param errors one per invalid field, in the order the client should read them */
    public InvalidFields(List<FieldProblem> errors) {
        super(HttpStatus.BAD_REQUEST, problem(errors), null);
    }

    private static ProblemDetail problem(List<FieldProblem> errors) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request has invalid fields.");
        problem.setType(URI.create(Problems.BASE + "validation"));
        problem.setTitle("Invalid request");
        problem.setProperty(
                "errors",
                errors.stream()
                        .map(e -> Map.of("field", e.field(), "message", e.message()))
                        .toList());
        return problem;
    }

    /**
     * @param field the JSON path the client wrote, e.g. {@code title.fr}
     * @param message what is wrong with it
     */
    public record FieldProblem(String field, String message) {}
}
