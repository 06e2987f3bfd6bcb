package org.museumevents.notification.message;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.museumevents.starter.input.TextRules;
import org.museumevents.starter.problem.InvalidFields.FieldProblem;

/**
 * The rules of a message (docs/api.md, issue 15), each refusal naming the field the client wrote:
 * {@code recipients} one or more of {@code CONFIRMED}, {@code WAITLISTED}, {@code PENDING}, and (issue
 * 16) {@code ATTENDED} or {@code ABSENT}: the confirmed registrants with or without attendance;
 * {@code subject} and {@code body} in at least one of {@code fr}, {@code en}, {@code es} (no other
 * key), a subject one line of at most {@value #SUBJECT_MAX} characters, a body at most {@value
 * #BODY_MAX}, neither with control characters ({@link TextRules}); {@code sendAt} not more than a
 * minute in the past (a clock a little behind the server's) nor more than a year ahead.
 */
final class MessageRules {

    static final int SUBJECT_MAX = 200;
    static final int BODY_MAX = 10_000;

    /** The statuses a message may go to: those still attending or hoping to. */
    static final List<String> STATUSES = List.of("CONFIRMED", "WAITLISTED", "PENDING");

    /**
     * What a message's {@code recipients} may name: {@link #STATUSES}, and (issue 16) {@code
     * ATTENDED} and {@code ABSENT}, the confirmed registrants with or without attendance when it
     * falls due.
     */
    static final List<String> RECIPIENTS = List.of("CONFIRMED", "WAITLISTED", "PENDING", "ATTENDED", "ABSENT");

    /**
     * Whether a registrant is among {@code recipients}: by status, or, confirmed, by attendance.
     *
     * @param attended whether the registrant is known to have attended
     */
    static boolean receives(java.util.Collection<String> recipients, String status, boolean attended) {
        return recipients.contains(status)
                || ("CONFIRMED".equals(status) && recipients.contains(attended ? "ATTENDED" : "ABSENT"));
    }

    private static final Set<String> LANGUAGES = Set.of("fr", "en", "es");
    private static final Duration PAST_TOLERANCE = Duration.ofMinutes(1);

    private MessageRules() {}

    /**
     * The problems of the message, none when it may be sent.
     *
     * @param now the server's clock (UTC instant), which {@code sendAt} is judged against
     */
    static List<FieldProblem> check(MessageRequest message, Instant now) {
        List<FieldProblem> problems = new ArrayList<>();
        if (message.recipients() == null || message.recipients().isEmpty()) {
            problems.add(new FieldProblem("recipients", "must name at least one of " + RECIPIENTS));
        } else {
            for (int i = 0; i < message.recipients().size(); i++) {
                String status = message.recipients().get(i);
                if (status == null || !RECIPIENTS.contains(status)) {
                    problems.add(new FieldProblem("recipients[" + i + "]", "must be one of " + RECIPIENTS));
                }
            }
        }
        checkTexts("subject", message.subject(), SUBJECT_MAX, true, problems);
        checkTexts("body", message.body(), BODY_MAX, false, problems);
        Instant sendAt = message.sendAt();
        if (sendAt != null) {
            if (sendAt.isBefore(now.minus(PAST_TOLERANCE))) {
                problems.add(new FieldProblem("sendAt", "must not be in the past"));
            } else if (sendAt.isAfter(now.atOffset(ZoneOffset.UTC).plusYears(1).toInstant())) {
                problems.add(new FieldProblem("sendAt", "must be within a year from now"));
            }
        }
        return problems;
    }

    private static void checkTexts(
            String field, Map<String, String> texts, int max, boolean singleLine, List<FieldProblem> problems) {
        if (texts == null || texts.values().stream().allMatch(TextRules::isBlank)) {
            problems.add(new FieldProblem(field, "must be given in at least one of fr, en, es"));
            return;
        }
        texts.forEach((language, text) -> {
            String path = field + "." + language;
            if (!LANGUAGES.contains(language)) {
                problems.add(new FieldProblem(path, "is not one of fr, en, es"));
            } else if (text != null && text.length() > max) {
                problems.add(new FieldProblem(path, "must be at most " + max + " characters"));
            } else if (text != null && TextRules.firstForbidden(text, singleLine) >= 0) {
                problems.add(new FieldProblem(
                        path,
                        singleLine
                                ? "must be a single line without control characters"
                                : "must not contain control characters"));
            }
        });
    }
}
