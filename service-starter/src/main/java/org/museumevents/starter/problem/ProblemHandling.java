package org.museumevents.starter.problem;

import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.museumevents.starter.input.RequestLimitsFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Every error as {@code application/problem+json} (RFC 9457): bad input is a 400 whose {@code
 * errors} list names each invalid field ({@code {field, message}}), a database outage a quick 503
 * with {@code Retry-After}, and nothing unexpected leaks its stack trace or personal data to the
 * client or the log.
 *
 * <p>Ordered last, so a service's own {@code @RestControllerAdvice} for its domain exceptions is
 * asked first; a service replaces this one altogether by declaring its own {@link
 * ResponseEntityExceptionHandler} bean.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

    /** A Java type's name in a message ({@code org.museumevents.catalog.Kind}, {@code java.time.Instant}). */
    private static final java.util.regex.Pattern JAVA_NAME =
            java.util.regex.Pattern.compile("\\b(?:org|java|javax|jakarta|tools|com)\\.[a-z]");

    /** A bracketed key that is not a list index: {@code [fr]} in {@code title[fr]}. */
    private static final java.util.regex.Pattern MAP_KEY = java.util.regex.Pattern.compile("\\[([^\\]\\d][^\\]]*)]");

    /**
     * Every problem Spring MVC answers itself (405 method not allowed, 406, 415 unsupported media
     * type, a missing parameter...) gets a {@code type} too, named after its status (e.g. {@code
     * .../problems/unsupported-media-type}), as docs/api.md ("Errors") promises of every body; Spring
     * leaves it {@code about:blank}, which its JSON leaves out.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null
                        || "about:blank".equals(problem.getType().toString()))) {
            HttpStatus status = HttpStatus.resolve(statusCode.value());
            problem.setType(Problems.type(
                    status == null
                            ? "error"
                            : status.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')));
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.add(fieldError(fieldPath(error.getField()), error.getDefaultMessage()));
        }
        ex.getBindingResult()
                .getGlobalErrors()
                .forEach(error -> errors.add(fieldError(error.getObjectName(), error.getDefaultMessage())));
        return validationProblem(errors, headers);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            if (result instanceof ParameterErrors body) {
                // A validated request body: name its fields, not the method parameter.
                body.getFieldErrors()
                        .forEach(error ->
                                errors.add(fieldError(fieldPath(error.getField()), error.getDefaultMessage())));
                body.getGlobalErrors()
                        .forEach(error -> errors.add(
                                fieldError(result.getMethodParameter().getParameterName(), error.getDefaultMessage())));
            } else {
                result.getResolvableErrors()
                        .forEach(error -> errors.add(
                                fieldError(result.getMethodParameter().getParameterName(), error.getDefaultMessage())));
            }
        });
        return validationProblem(errors, headers);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (tooLarge(ex)) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.CONTENT_TOO_LARGE, "The request body, or a value in it, is too large.");
            problem.setType(Problems.type("body-too-large"));
            problem.setTitle("Request body too large");
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                    .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setType(Problems.type("malformed-request"));
        problem.setTitle("Malformed request body");
        DatabindException databind = databindCause(ex);
        if (databind != null && !databind.getPath().isEmpty()) {
            problem.setDetail("The value of '" + jsonPath(databind) + "' cannot be read.");
            problem.setProperty("errors", List.of(fieldError(jsonPath(databind), describe(databind))));
            log.debug("Unreadable field {}", jsonPath(databind));
        } else if (ex.getMostSpecificCause() instanceof JacksonException) {
            problem.setDetail("The request body is not valid JSON.");
        } else {
            problem.setDetail("The request body is missing or cannot be read.");
        }
        return ResponseEntity.badRequest()
                .headers(headers)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /**
     * A query or path parameter of the wrong type ({@code ?status=DONE} for an enum, {@code
     * ?from=tomorrow} for a date): a 400 validation problem naming it and saying what it must be,
     * with no Java type in it (Spring's own detail names the required type).
     */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException mismatch
                ? mismatch.getName()
                : ex.getPropertyName() == null ? "parameter" : ex.getPropertyName();
        Class<?> type = ex.getRequiredType();
        String message = type == null ? "has an invalid value" : expected(type);
        return validationProblem(List.of(fieldError(name, message)), headers);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException ex) {
        List<Map<String, String>> errors = new ArrayList<>();
        ex.getConstraintViolations().forEach(violation -> {
            String path = violation.getPropertyPath().toString();
            errors.add(fieldError(fieldPath(path.substring(path.lastIndexOf('.') + 1)), violation.getMessage()));
        });
        return validationProblem(errors, new HttpHeaders());
    }

    // A transaction that cannot begin (no connection) or end (the connection died under it) is
    // the same outage as a failed query: the rollback's exception replaces the query's.
    @ExceptionHandler({
        CannotGetJdbcConnectionException.class,
        DataAccessResourceFailureException.class,
        CannotCreateTransactionException.class,
        TransactionSystemException.class
    }) // the same list as isDatabaseOutage
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception ex) {
        log.warn("Database unavailable: {}", ex.getClass().getSimpleName());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE, "The service's database is unavailable; try again shortly.");
        problem.setType(Problems.type("service-unavailable"));
        problem.setTitle("Service unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /**
     * Whether {@code failure} is the database being out of reach (answered 503 here), rather than one
     * statement's failure: no connection within the pool's timeout, a connection lost, a transaction
     * that could not begin or end. {@link TransientDataAccessException}s (a deadlock, a serialization
     * failure) are not: the next attempt may well succeed at once.
     */
    public static boolean isDatabaseOutage(Throwable failure) {
        return failure instanceof CannotGetJdbcConnectionException
                || failure instanceof DataAccessResourceFailureException
                || failure instanceof CannotCreateTransactionException
                || failure instanceof TransactionSystemException;
    }

    @ExceptionHandler(TransientDataAccessException.class)
    ResponseEntity<ProblemDetail> transientFailure(TransientDataAccessException ex) {
        return databaseUnavailable(ex);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        if (ex instanceof org.springframework.dao.DataAccessException) {
            // Only the type: database messages can quote personal data (a duplicate key's email).
            log.error("Unexpected database error: {}", ex.getClass().getName());
        } else {
            log.error("Unexpected error", ex);
        }
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "An unexpected error occurred.");
        problem.setType(Problems.type("internal-error"));
        problem.setTitle("Internal error");
        return ResponseEntity.internalServerError()
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private ResponseEntity<Object> validationProblem(List<Map<String, String>> errors, HttpHeaders headers) {
        ProblemDetail problem =
                ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request has invalid fields.");
        problem.setType(Problems.type("validation"));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest()
                .headers(headers)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** A body past the byte limit, or a JSON value past Jackson's read constraints. */
    private static boolean tooLarge(Throwable ex) {
        for (Throwable t = ex; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof RequestLimitsFilter.BodyTooLarge || t instanceof StreamConstraintsException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The outermost Jackson binding error: it knows the JSON path, while the most specific cause
     * (a date parser's, say) does not.
     */
    private static DatabindException databindCause(Throwable ex) {
        for (Throwable t = ex; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof DatabindException databind) {
                return databind;
            }
        }
        return null;
    }

    private static Map<String, String> fieldError(String field, String message) {
        return Map.of("field", field, "message", message == null ? "is invalid" : message);
    }

    /**
     * A field as every service names it in {@code errors[].field} (docs/api.md "Errors"): the JSON
     * path the client wrote, an object's property or a map's key after a dot, a list's index in
     * brackets: {@code title.fr}, {@code questions[0].label.en}, {@code people[0].name}. Bean
     * Validation writes a map's key in brackets ({@code title[fr]}); Jackson's paths already read so.
     *
     * @param path a Bean Validation property path such as {@code questions[0].label[en]}
     * @return the same path with map keys after dots, such as {@code questions[0].label.en}
     */
    public static String fieldPath(String path) {
        return path == null ? null : MAP_KEY.matcher(path).replaceAll(".$1");
    }

    /** {@code meeting.url}, {@code people[0].role}: the path the client wrote. */
    private static String jsonPath(DatabindException ex) {
        StringBuilder path = new StringBuilder();
        for (var ref : ex.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /**
     * What is wrong with a value Jackson could not read, in words for the client: the values an
     * enum allows, the JSON type or format expected. Never Jackson's own message, which names Java
     * types ({@code org.museumevents...Kind}) and quotes the value.
     */
    static String describe(DatabindException ex) {
        if (ex instanceof UnrecognizedPropertyException) {
            return "is not a known field";
        }
        if (ex instanceof InvalidFormatException invalid
                && invalid.getTargetType() == String.class
                && invalid.getOriginalMessage() != null
                && invalid.getOriginalMessage().startsWith("contains a control")) {
            // CleanStrings' own words (no Java type, the character as U+XXXX, never the value).
            return invalid.getOriginalMessage();
        }
        if (ex instanceof ValueInstantiationException
                && ex.getCause() instanceof IllegalArgumentException refused
                && refused.getMessage() != null
                && !JAVA_NAME.matcher(refused.getMessage()).find()) {
            // A record's own check, in its own words ("must be after start").
            return refused.getMessage();
        }
        Class<?> target = ex instanceof MismatchedInputException mismatched ? mismatched.getTargetType() : null;
        return target == null ? "has an invalid value" : expected(target);
    }

    /** What a value of {@code type} must be, in words (the same for a body and a query parameter). */
    static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "must be one of " + String.join(", ", enumNames(type));
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "must be a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == Integer.class
                || type == int.class
                || type == Long.class
                || type == long.class
                || type == Short.class
                || type == short.class) {
            return "must be a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "must be a number";
        }
        if (type == java.util.UUID.class) {
            return "must be a UUID such as 3f1c2a9e-7b4d-4c8e-9a1f-2b3c4d5e6f70";
        }
        if (type == java.time.Instant.class
                || type == java.time.OffsetDateTime.class
                || type == java.time.ZonedDateTime.class) {
            return "must be an ISO-8601 date and time with an offset, such as 2027-02-16T13:00:00Z";
        }
        if (type == java.time.LocalDateTime.class) {
            return "must be an ISO-8601 local date and time, such as 2027-02-16T13:00";
        }
        if (type == java.time.LocalDate.class) {
            return "must be an ISO-8601 date, such as 2027-02-16";
        }
        if (type == java.time.LocalTime.class) {
            return "must be an ISO-8601 time, such as 13:00";
        }
        if (type == java.time.Duration.class || type == java.time.Period.class) {
            return "must be an ISO-8601 duration, such as PT2H or P1D";
        }
        if (type == java.time.ZoneId.class) {
            return "must be a time zone such as Europe/Paris";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "must be an array";
        }
        return "must be an object";
    }

    /** An enum's values as JSON writes them (its constants' names, which the services use as is). */
    private static List<String> enumNames(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            names.add(((Enum<?>) constant).name());
        }
        return names;
    }
}
