package org.museumevents.gateway.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An RFC 9457 problem as the services answer it; {@code errors} lists invalid fields. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public Problem {
        errors = errors == null ? List.of() : errors;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FieldError(String field, String message) {}

    /** The last segment of {@code type}, such as {@code event-full}; {@code not-found} for a bare 404. */
    public String reason() {
        if (type != null && !type.isBlank() && !"about:blank".equals(type)) {
            String trimmed = type.endsWith("/") ? type.substring(0, type.length() - 1) : type;
            return trimmed.substring(trimmed.lastIndexOf('/') + 1);
        }
        return switch (status) {
            case 400 -> "validation";
            case 401, 403 -> "forbidden";
            case 404 -> "not-found";
            case 409 -> "conflict";
            case 412 -> "stale-version";
            default -> "unknown";
        };
    }

    /** Messages by field as the service names them ({@code title.fr}, {@code people[0].role}). */
    public Map<String, String> fieldErrors() {
        Map<String, String> byField = new LinkedHashMap<>();
        for (FieldError error : errors) {
            String field = error.field() == null ? "" : error.field();
            String message = error.message() == null ? "is invalid" : error.message();
            byField.merge(field, message, (a, b) -> a + "; " + b);
        }
        return byField;
    }
}
