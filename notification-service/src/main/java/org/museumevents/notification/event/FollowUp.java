package org.museumevents.notification.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An event's follow-up as the catalog announces it (issue 15, docs/api.md): sent once, {@code
 * after} the event's end, to the registrants confirmed then. The catalog has checked its rules; this
 * side reads it leniently (unknown fields ignored, a delay it cannot read means no follow-up).
 *
 * @param after an ISO-8601 duration after the end, e.g. {@code PT2H}
 * @param text the text by language code ({@code fr}, {@code en}, {@code es}), plain, several lines
 * @param links the links in order; empty (never null) when none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FollowUp(String after, Map<String, String> text, List<Link> links) {

    public FollowUp {
        text = text == null ? Map.of() : text;
        links = links == null
                ? List.of()
                : links.stream().filter(link -> link != null).toList();
    }

    /**
     * One link: what the reader sees, and where it leads.
     *
     * @param label one line
     * @param url an absolute http(s) URL
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Link(String label, String url) {}

    /** The delay after the end; empty when it is not a duration of zero or more. */
    public Optional<Duration> delay() {
        try {
            Duration delay = Duration.parse(after);
            return delay.isNegative() ? Optional.empty() : Optional.of(delay);
        } catch (DateTimeParseException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
