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
 * @param audience (issue 16) {@code ALL} the confirmed registrants, only those who attended ({@code
 *     ATTENDED}) or only those who did not ({@code ABSENT}); {@code ALL} when absent or unknown
 * @param attestation (issue 16) whether attendees' follow-up says their attestation of attendance
 *     can be downloaded from their registration's page, with its link; false when absent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FollowUp(String after, Map<String, String> text, List<Link> links, String audience, Boolean attestation) {

    public FollowUp {
        audience = "ATTENDED".equals(audience) || "ABSENT".equals(audience) ? audience : "ALL";
        attestation = attestation != null && attestation;
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

    /** A follow-up of issue 15's shape: to every confirmed registrant, without attestation. */
    public FollowUp(String after, Map<String, String> text, List<Link> links) {
        this(after, text, links, null, null);
    }

    /**
     * The message recipients it goes to: {@code CONFIRMED} for {@code ALL}, else {@code ATTENDED} or
     * {@code ABSENT} (confirmed registrants with or without attendance).
     */
    public List<String> recipients() {
        return "ALL".equals(audience) ? List.of("CONFIRMED") : List.of(audience);
    }

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
