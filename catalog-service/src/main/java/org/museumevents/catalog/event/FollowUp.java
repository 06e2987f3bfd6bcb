package org.museumevents.catalog.event;

import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.museumevents.starter.input.TextRules;
import org.museumevents.starter.problem.InvalidFields.FieldProblem;

/**
 * What an event's confirmed registrants receive a while after its end (issue 15, "follow-up" in
 * docs/api.md): a text and links (the recording, the slides, a survey). The catalog keeps it with
 * the event and announces it on {@code catalog.events}; notification-service sends it once, at the
 * event's end plus {@code after}, to the registrants confirmed then. It holds no secret: anyone who
 * sees the event sees it.
 *
 * <p>The rules ({@link #problems(FollowUp, String)}): {@code after} an ISO-8601 duration from
 * {@code PT0S} to {@code P30D}; {@code text} keyed by {@code fr}, {@code en}, {@code es}, one at least
 * not blank, each at most 5,000 characters, several lines allowed (other control characters are
 * refused for every body field already); at most 10 links, each a one-line {@code label} of 1 to 200
 * characters and an absolute http or https {@code url} of at most 2,000 characters; (issue 16) {@code
 * audience} one of {@link #AUDIENCES}.
 *
 * @param after how long after the event's end it is sent, e.g. {@code PT2H}
 * @param text the text by language
 * @param links the links, in this order; empty (never null) when none
 * @param audience (issue 16) who receives it among the confirmed registrants: {@code ALL}, only
 *     those who attended ({@code ATTENDED}) or only those who did not ({@code ABSENT}); {@code ALL}
 *     when not given, as for a follow-up stored before issue 16
 * @param attestation (issue 16) whether the attendees' follow-up says that their attestation of
 *     attendance can be downloaded from their registration's page; false when not given
 */
public record FollowUp(
        @Schema(description = "ISO-8601 duration after the event's end, from PT0S to P30D", example = "PT2H")
                String after,
        @Schema(
                        description =
                                "by language (`fr`, `en`, `es`), one at least; at most 5,000 characters each, lines allowed")
                Map<Language, String> text,
        @Schema(description = "at most 10, in this order") List<Link> links,
        @Schema(
                        description =
                                "who receives it among the confirmed registrants: ALL (default), ATTENDED or ABSENT",
                        example = "ALL")
                String audience,
        @Schema(
                        description = "whether attendees' follow-up links to their attestation of attendance (default"
                                + " false)")
                Boolean attestation) {

    /** The values of {@code audience}. */
    public static final List<String> AUDIENCES = List.of("ALL", "ATTENDED", "ABSENT");

    static final Duration LONGEST = Duration.ofDays(30);
    static final int MAX_TEXT = 5_000;
    static final int MAX_LINKS = 10;
    static final int MAX_LABEL = 200;
    static final int MAX_URL = 2_000;

    /**
     * Keeps {@code after} in {@link Duration#toString()}'s form when it can be read ({@code +pt2h} and
     * {@code PT120M} become {@code PT2H}, {@code -PT0S} becomes {@code PT0S}, {@code P1D} becomes
     * {@code PT24H}), so what is stored and announced has one spelling; an unreadable value stays as
     * written, for {@link #problems} to refuse.
     */
    public FollowUp {
        links = links == null ? List.of() : links;
        audience = audience == null ? "ALL" : audience;
        attestation = attestation != null && attestation;
        if (after != null) {
            try {
                after = Duration.parse(after.strip()).toString();
            } catch (DateTimeParseException unreadable) {
                // Left as written: checkAfter names the field.
            }
        }
    }

    /**
     * A link of the follow-up.
     *
     * @param label what the reader sees, one line of 1 to 200 characters
     * @param url an absolute http or https URL of at most 2,000 characters
     */
    public record Link(
            @Schema(example = "The recording") String label,
            @Schema(example = "https://video.example.org/debate-3") String url) {}

    /**
     * Every rule the follow-up breaks.
     *
     * @param followUp the follow-up, or null (none: nothing to check)
     * @param field where it is in the request, e.g. {@code followUp} or {@code eventDefaults.followUp}
     * @return one problem per invalid field, named as {@code <field>.after}, {@code <field>.text},
     *     {@code <field>.text.<language>}, {@code <field>.links}, {@code <field>.links[<i>].label} or
     *     {@code <field>.links[<i>].url}, {@code <field>.audience}; empty when valid
     */
    public static List<FieldProblem> problems(FollowUp followUp, String field) {
        List<FieldProblem> problems = new ArrayList<>();
        if (followUp == null) {
            return problems;
        }
        checkAfter(followUp.after(), field + ".after", problems);
        checkText(followUp.text(), field + ".text", problems);
        if (!AUDIENCES.contains(followUp.audience())) {
            problems.add(new FieldProblem(field + ".audience", "must be one of ALL, ATTENDED, ABSENT"));
        }
        if (followUp.links().size() > MAX_LINKS) {
            problems.add(new FieldProblem(field + ".links", "must be at most " + MAX_LINKS + " links"));
        }
        for (int i = 0; i < followUp.links().size(); i++) {
            Link link = followUp.links().get(i);
            String at = field + ".links[" + i + "]";
            if (link == null) {
                problems.add(new FieldProblem(at, "must not be null"));
                continue;
            }
            String label = link.label();
            if (TextRules.isBlank(label)) {
                problems.add(new FieldProblem(at + ".label", "must not be blank"));
            } else if (label.length() > MAX_LABEL) {
                problems.add(new FieldProblem(at + ".label", "must be at most " + MAX_LABEL + " characters"));
            } else if (TextRules.firstForbidden(label, true) >= 0) {
                problems.add(new FieldProblem(at + ".label", "must be a single line without control characters"));
            }
            if (!isWebAddress(link.url())) {
                problems.add(new FieldProblem(
                        at + ".url", "must be an absolute http or https URL of at most " + MAX_URL + " characters"));
            }
        }
        return problems;
    }

    private static void checkAfter(String after, String field, List<FieldProblem> problems) {
        if (after == null || after.isBlank()) {
            problems.add(new FieldProblem(field, "must be an ISO-8601 duration such as PT2H"));
            return;
        }
        try {
            Duration duration = Duration.parse(after);
            if (duration.isNegative() || duration.compareTo(LONGEST) > 0) {
                problems.add(new FieldProblem(field, "must be between PT0S and P30D"));
            }
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "must be an ISO-8601 duration such as PT2H"));
        }
    }

    private static void checkText(Map<Language, String> text, String field, List<FieldProblem> problems) {
        if (text == null || text.values().stream().allMatch(TextRules::isBlank)) {
            problems.add(new FieldProblem(field, "needs a text in at least one of fr, en, es"));
            return;
        }
        text.forEach((language, value) -> {
            String at = field + "." + language;
            if (value != null && value.length() > MAX_TEXT) {
                problems.add(new FieldProblem(at, "must be at most " + MAX_TEXT + " characters"));
            } else if (value != null && TextRules.firstForbidden(value, false) >= 0) {
                problems.add(new FieldProblem(at, "must not contain control characters other than line breaks"));
            }
        });
    }

    /** An absolute http(s) URL with a host, one line, without spaces, at most {@value #MAX_URL} characters. */
    private static boolean isWebAddress(String url) {
        if (url == null
                || url.isEmpty()
                || url.length() > MAX_URL
                || TextRules.firstForbidden(url, true) >= 0
                || url.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
