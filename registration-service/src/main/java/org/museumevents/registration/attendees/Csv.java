package org.museumevents.registration.attendees;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.museumevents.registration.event.Question;

/**
 * RFC 4180 CSV that spreadsheets open correctly: a UTF-8 byte order mark (so accented names show
 * right), CRLF line ends, quoted fields, and cells that would start a formula defused (headers too:
 * question labels are the organisers' text, answers the registrants').
 *
 * <p>After the fixed columns, one column per current question of the event, in order, headed by its
 * label ({@link Question#heading()}: English, else French, else Spanish, else the id), then one per
 * question id no longer asked that has answers in the export, headed by the id, in id order: no
 * answer is lost when the organiser removes a question. Answers as text: a choice by its label in
 * the heading's language ({@link Question#choiceText}), several joined with {@code "; "}, yes/no as
 * {@code yes}/{@code no}, a country as its code, text as given.
 */
final class Csv {

    private static final String HEADER =
            "id,status,waitlistPosition,name,email,organisation,language,timeZone,interpretationLanguage,cancelledBy,registeredAt";

    /**
     * Issue 16: {@code checkedInAt} (UTC instant, empty when not checked in) and {@code attended}
     * ({@code true}/{@code false}), the last two columns, after the answer columns: appended so that
     * no column there before moves (the answer columns start right after {@code registeredAt}).
     */
    private static final String CHECK_IN_HEADER = "checkedInAt,attended";

    /** Issue 17: {@code yes} when a series subscription made the registration, else empty; the last column. */
    private static final String SUBSCRIPTION_HEADER = "subscription";

    private Csv() {}

    /**
     * @param attendees the lines, in order
     * @param questions the event's current questions, in order
     * @return the whole CSV, starting with the byte order mark
     */
    static String of(List<Attendee> attendees, List<Question> questions) {
        Set<String> asked = questions.stream().map(Question::id).collect(Collectors.toSet());
        Set<String> removed = new TreeSet<>();
        for (Attendee a : attendees) {
            a.answers().keySet().stream().filter(id -> !asked.contains(id)).forEach(removed::add);
        }
        List<String> header = new ArrayList<>(List.of(HEADER));
        questions.forEach(q -> header.add(cell(q.heading())));
        removed.forEach(id -> header.add(cell(id)));
        header.add(CHECK_IN_HEADER);
        header.add(SUBSCRIPTION_HEADER);
        StringBuilder csv =
                new StringBuilder("\uFEFF").append(String.join(",", header)).append("\r\n");
        for (Attendee a : attendees) {
            List<String> cells = new ArrayList<>(List.of(
                    cell(a.id().toString()),
                    cell(a.status()),
                    cell(
                            a.waitlistPosition() == null
                                    ? ""
                                    : a.waitlistPosition().toString()),
                    cell(a.name()),
                    cell(a.email()),
                    cell(a.organisation()),
                    cell(a.language()),
                    cell(a.timeZone()),
                    cell(a.interpretationLanguage()),
                    cell(a.cancelledBy()),
                    cell(a.registeredAt().toString())));
            Map<String, Object> answers = a.answers();
            for (Question q : questions) {
                cells.add(cell(text(Optional.of(q), answers.get(q.id()))));
            }
            for (String id : removed) {
                cells.add(cell(text(Optional.empty(), answers.get(id))));
            }
            cells.add(cell(a.checkedInAt() == null ? "" : a.checkedInAt().toString()));
            cells.add(cell(Boolean.toString(a.attended())));
            cells.add(cell(a.subscriptionId() == null ? "" : "yes"));
            csv.append(String.join(",", cells)).append("\r\n");
        }
        return csv.toString();
    }

    /**
     * An answer as the CSV shows it, by its stored type (a question's kind may have changed since):
     * a string is a choice's label when the question offers that choice, else itself.
     */
    private static String text(Optional<Question> question, Object answer) {
        if (answer == null) {
            return "";
        }
        if (answer instanceof Boolean yes) {
            return yes ? "yes" : "no";
        }
        if (answer instanceof List<?> several) {
            return several.stream().map(one -> text(question, one)).collect(Collectors.joining("; "));
        }
        String value = answer.toString();
        return question.map(q -> q.choiceText(value, q.headingLanguage().orElse(null)))
                .orElse(value);
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = value;
        if ("=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
