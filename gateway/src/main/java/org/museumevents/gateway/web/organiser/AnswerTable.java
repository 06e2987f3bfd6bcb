package org.museumevents.gateway.web.organiser;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.museumevents.gateway.web.Event;
import org.museumevents.gateway.web.PlainWords;
import org.museumevents.gateway.web.Registration;
import org.museumevents.gateway.web.RegistrationStats;
import org.museumevents.gateway.web.Views;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * An event's answers as its attendee page shows them, in the page's language: one column per
 * current question, headed by its label; a choice by its label, yes/no in words, a country by its
 * name; then, as in the CSV (docs/api.md "Registration"), one column per question id no longer
 * asked that has answers among the page's registrations, in id order, headed by the id marked as a
 * removed question, with the stored values (choice ids; yes/no in words; several joined).
 *
 * @param headers the event's questions' labels, in order, then the removed questions' headings
 * @param cells each registration's answers, one text per question (empty when unanswered)
 * @param counts {@code byAnswer} of the statistics for the questions the page can name
 */
public record AnswerTable(List<String> headers, Map<UUID, List<String>> cells, List<AnswerCount> counts) {

    private static final Set<String> COUNTED = Set.of("SINGLE_CHOICE", "MULTIPLE_CHOICE", "YES_NO", "COUNTRY");

    /**
     * Confirmed registrations by answer to one question.
     *
     * @param questionId the question's id
     * @param question its label in the page's language
     * @param rows each answer's label with its headcount, in the service's order
     */
    public record AnswerCount(String questionId, String question, List<Row> rows) {}

    /**
     * One answer's headcount.
     *
     * @param label the answer as the page names it
     * @param count confirmed registrations that gave it
     */
    public record Row(String label, long count) {}

    /**
     * @param event the event with its current questions
     * @param registrations the page's registrations (may be empty)
     * @param stats the event's statistics, or null when there are none
     * @param views the page's language helpers
     * @param words the page's texts
     * @return the columns, cells and counts to show
     */
    static AnswerTable of(
            Event event,
            Collection<Registration> registrations,
            RegistrationStats stats,
            Views views,
            PlainWords words) {
        List<Event.Question> questions = event.questions();
        List<String> headers = questions.stream()
                .map(q -> label(q.label(), q.id(), event, views))
                .toList();
        Set<String> asked = questions.stream().map(Event.Question::id).collect(Collectors.toSet());
        List<String> removed = registrations.stream()
                .flatMap(r -> r.answers().keySet().stream())
                .filter(id -> !asked.contains(id))
                .distinct()
                .sorted()
                .toList();
        List<String> allHeaders = new ArrayList<>(headers);
        removed.forEach(id -> allHeaders.add(words.message("organiser.answer.removedQuestion", id)));
        Map<UUID, List<String>> cells = new LinkedHashMap<>();
        for (Registration registration : registrations) {
            List<String> row = new ArrayList<>();
            for (Event.Question question : questions) {
                row.add(text(question, registration.answers().get(question.id()), event, views, words));
            }
            for (String id : removed) {
                row.add(stored(registration.answers().get(id), words));
            }
            cells.put(registration.id(), row);
        }
        List<AnswerCount> counts = new ArrayList<>();
        if (stats != null) {
            for (Event.Question question : questions) {
                Map<String, Long> byAnswer = stats.byAnswer().get(question.id());
                if (!COUNTED.contains(question.kind()) || byAnswer == null || byAnswer.isEmpty()) {
                    continue;
                }
                List<Row> rows = byAnswer.entrySet().stream()
                        .map(e -> new Row(
                                value(question, e.getKey(), event, views, words),
                                e.getValue() == null ? 0 : e.getValue()))
                        .toList();
                counts.add(new AnswerCount(question.id(), label(question.label(), question.id(), event, views), rows));
            }
        }
        return new AnswerTable(List.copyOf(allHeaders), cells, counts);
    }

    /** An answer to a question no longer asked, as stored: its kind and choices are gone. */
    private static String stored(Object answer, PlainWords words) {
        if (answer == null) {
            return "";
        }
        if (answer instanceof Boolean yes) {
            return words.message(yes ? "organiser.answer.yes" : "organiser.answer.no");
        }
        if (answer instanceof Collection<?> many) {
            return many.stream().map(String::valueOf).collect(Collectors.joining("; "));
        }
        return String.valueOf(answer);
    }

    /** One answer as text: choices by their labels joined with {@code ; }. */
    static String text(Event.Question question, Object answer, Event event, Views views, PlainWords words) {
        if (answer == null) {
            return "";
        }
        if (answer instanceof Collection<?> many) {
            return many.stream()
                    .map(one -> value(question, String.valueOf(one), event, views, words))
                    .collect(Collectors.joining("; "));
        }
        return value(question, String.valueOf(answer), event, views, words);
    }

    private static String value(Event.Question question, String value, Event event, Views views, PlainWords words) {
        return switch (question.kind() == null ? "" : question.kind()) {
            case "SINGLE_CHOICE", "MULTIPLE_CHOICE" ->
                question.choices().stream()
                        .filter(c -> value.equals(c.id()))
                        .findFirst()
                        .map(c -> label(c.label(), value, event, views))
                        .orElse(value);
            case "YES_NO" ->
                "true".equals(value)
                        ? words.message("organiser.answer.yes")
                        : "false".equals(value) ? words.message("organiser.answer.no") : value;
            case "COUNTRY" -> country(value);
            default -> value;
        };
    }

    private static String country(String code) {
        if (code == null || !code.matches("[A-Z]{2}")) {
            return code;
        }
        String name = new Locale("", code).getDisplayCountry(LocaleContextHolder.getLocale());
        return name == null || name.isBlank() || name.equals(code) ? code : name;
    }

    private static String label(Map<String, String> label, String fallback, Event event, Views views) {
        String text = views.text(label, event.defaultLanguage());
        return text == null || text.isBlank() ? fallback : text;
    }
}
