package org.museumevents.gateway.web.organiser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.museumevents.gateway.web.Event;
import org.museumevents.gateway.web.Languages;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The questions an organiser adds with one click, labelled in French, English and Spanish from the
 * message bundles ({@code standardQuestion.<key>} and {@code standardQuestion.<key>.<choice>}), each
 * with a readable id derived from its key ({@code job-title}), made unique within the event.
 */
@Component
class StandardQuestions {

    /** One standard question: its key (also its id when free), kind and choice ids. */
    record Standard(String key, String kind, List<String> choices, boolean inPersonOnly) {}

    static final List<Standard> ALL = List.of(
            new Standard(
                    "institution",
                    "SINGLE_CHOICE",
                    List.of("museum", "university", "association", "public-administration", "other"),
                    false),
            new Standard("job-title", "TEXT", List.of(), false),
            new Standard("country", "COUNTRY", List.of(), false),
            new Standard("accessibility", "LONG_TEXT", List.of(), false),
            new Standard("dietary-needs", "LONG_TEXT", List.of(), true),
            new Standard("question-for-speakers", "LONG_TEXT", List.of(), false));

    private final MessageSource messages;

    StandardQuestions(MessageSource messages) {
        this.messages = messages;
    }

    /**
     * @param format the event's format as the form has it
     * @return the standard questions offered for it: dietary needs only for in-person and hybrid events
     */
    static List<Standard> offered(String format) {
        boolean inPerson = "IN_PERSON".equals(format) || "HYBRID".equals(format);
        return ALL.stream().filter(s -> inPerson || !s.inPersonOnly()).toList();
    }

    /**
     * @param key a standard question's key, or {@code custom} for an empty question
     * @param taken the ids the event's questions already have
     * @return the new question for the form, or null for an unknown key
     */
    QuestionRow create(String key, Set<String> taken) {
        if ("custom".equals(key)) {
            return new QuestionRow();
        }
        Standard standard =
                ALL.stream().filter(s -> s.key().equals(key)).findFirst().orElse(null);
        if (standard == null) {
            return null;
        }
        List<Event.Choice> choices = new ArrayList<>();
        for (String choice : standard.choices()) {
            choices.add(new Event.Choice(choice, labels("standardQuestion." + key + "." + choice)));
        }
        return new QuestionRow(freeId(key, taken), standard.kind(), labels("standardQuestion." + key), choices, false);
    }

    private Map<String, String> labels(String code) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String language : Languages.CODES) {
            labels.put(language, messages.getMessage(code, null, code, Locale.forLanguageTag(language)));
        }
        return labels;
    }

    /** The key itself, else {@code key-2}, {@code key-3}, ... */
    static String freeId(String key, Set<String> taken) {
        Set<String> ids =
                Set.copyOf(taken.stream().filter(java.util.Objects::nonNull).toList());
        if (!ids.contains(key)) {
            return key;
        }
        int n = 2;
        while (ids.contains(key + "-" + n)) {
            n++;
        }
        return key + "-" + n;
    }
}
