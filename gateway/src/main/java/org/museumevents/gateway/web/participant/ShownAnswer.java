package org.museumevents.gateway.web.participant;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.museumevents.gateway.web.Event;
import org.museumevents.gateway.web.Event.Choice;
import org.museumevents.gateway.web.Event.Question;
import org.museumevents.gateway.web.PlainWords;
import org.museumevents.gateway.web.Views;

/**
 * One answer as its registrant's own page shows it: the question's label and the answer in words.
 *
 * @param questionId the question's id
 * @param label the question's label in the page's language (else the event's default language,
 *     else any); the id for a question the event no longer asks
 * @param labelLanguage the label's language, for its {@code lang} attribute; null when unknown
 * @param value the answer: a text, choices by their labels, yes or no, a country's name
 */
public record ShownAnswer(String questionId, String label, String labelLanguage, String value) {

    /**
     * @param event the registration's event, null when the catalog no longer shows it
     * @param answers the registration's answers by question id, as registration-service shows them
     * @param views the page's texts in its language
     * @param words the site's messages (yes, no)
     * @param locale the page's locale, for countries' names
     * @return the answers to the event's current questions in their order, then any other (a
     *     question no longer asked) under its id
     */
    static List<ShownAnswer> of(
            Event event, Map<String, Object> answers, Views views, PlainWords words, Locale locale) {
        Map<String, Object> left = new LinkedHashMap<>(answers);
        List<ShownAnswer> shown = new ArrayList<>();
        String language = event == null ? null : event.defaultLanguage();
        if (event != null) {
            for (Question question : event.questions()) {
                Object answer = left.remove(question.id());
                if (answer != null) {
                    shown.add(new ShownAnswer(
                            question.id(),
                            views.text(question.label(), language),
                            views.textLanguage(question.label(), language),
                            words(question, answer, language, views, words, locale)));
                }
            }
        }
        left.forEach((id, answer) -> {
            if (answer != null) {
                shown.add(new ShownAnswer(id, id, null, plain(answer)));
            }
        });
        return shown;
    }

    private static String words(
            Question question, Object answer, String language, Views views, PlainWords words, Locale locale) {
        String kind = question.kind() == null ? "" : question.kind();
        return switch (kind) {
            case "SINGLE_CHOICE", "MULTIPLE_CHOICE" -> {
                List<String> labels = new ArrayList<>();
                for (Object id : answer instanceof Collection<?> many ? many : List.of(answer)) {
                    labels.add(choiceLabel(question, String.valueOf(id), language, views));
                }
                yield String.join(", ", labels);
            }
            case "YES_NO" ->
                answer instanceof Boolean yes ? words.message(yes ? "question.true" : "question.false") : plain(answer);
            case "COUNTRY" -> Countries.name(String.valueOf(answer), locale);
            default -> plain(answer);
        };
    }

    private static String choiceLabel(Question question, String id, String language, Views views) {
        for (Choice choice : question.choices()) {
            if (id.equals(choice.id())) {
                String label = views.text(choice.label(), language);
                return label.isBlank() ? id : label;
            }
        }
        return id;
    }

    private static String plain(Object answer) {
        if (answer instanceof Collection<?> many) {
            return String.join(", ", many.stream().map(String::valueOf).toList());
        }
        return String.valueOf(answer);
    }
}
