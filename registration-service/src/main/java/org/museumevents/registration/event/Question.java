package org.museumevents.registration.event;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.museumevents.starter.input.TextRules;

/**
 * One of an event's registration questions, as the catalog owns and sends it (docs/api.md, "Catalog":
 * {@code questions}; issue 15). Registration keeps the event's current list, in its order, to judge
 * the answers by ({@code registration.Answers}) and to head the attendees' CSV columns.
 *
 * @param id the question's id, kept by the catalog across edits, so stored answers keep their meaning
 * @param kind what an answer is
 * @param label the question's text by language ({@code fr}, {@code en}, {@code es}; some may be absent)
 * @param choices the choices of {@link Kind#SINGLE_CHOICE} and {@link Kind#MULTIPLE_CHOICE}, in
 *     order; empty for the other kinds
 * @param required whether a registration must answer it
 */
public record Question(String id, Kind kind, Map<String, String> label, List<Choice> choices, boolean required) {

    /** The languages of labels, in the order a heading picks them: English, else French, else Spanish. */
    public static final List<String> HEADING_LANGUAGES = List.of("en", "fr", "es");

    /** Null labels or choices are none; labels keep the contract's languages only, without nulls. */
    public Question {
        label = labels(label);
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    /** What an answer to a question is (the rules are in {@code registration.Answers}). */
    public enum Kind {
        /** One line of text. */
        TEXT,
        /** Text with line breaks. */
        LONG_TEXT,
        /** One choice's id. */
        SINGLE_CHOICE,
        /** Distinct choices' ids. */
        MULTIPLE_CHOICE,
        /** {@code true} or {@code false}. */
        YES_NO,
        /** An ISO 3166-1 alpha-2 code. */
        COUNTRY;

        /** Whether answers are counted per value in the registration statistics ({@code byAnswer}). */
        public boolean isCounted() {
            return this != TEXT && this != LONG_TEXT;
        }
    }

    /**
     * A choice of a question.
     *
     * @param id unique within its question, kept across edits
     * @param label its text by language
     */
    public record Choice(String id, Map<String, String> label) {

        /** A null label is none; the label keeps the contract's languages only, without nulls. */
        public Choice {
            label = labels(label);
        }
    }

    /**
     * The language of the attendees' CSV column for this question: the first of {@link
     * #HEADING_LANGUAGES} with a non-blank label.
     *
     * @return empty when no label is set (the column is then headed by the id)
     */
    public Optional<String> headingLanguage() {
        return HEADING_LANGUAGES.stream().filter(l -> isSet(label.get(l))).findFirst();
    }

    /** The question's label in {@link #headingLanguage()}, else its id. */
    public String heading() {
        return headingLanguage().map(label::get).orElse(id);
    }

    /** The choice with {@code choiceId}, if the question still offers it. */
    public Optional<Choice> choice(String choiceId) {
        return choices.stream().filter(c -> c.id().equals(choiceId)).findFirst();
    }

    /**
     * A choice's text as the CSV shows it: its label in {@code language} when set, else in the first
     * of {@link #HEADING_LANGUAGES} that is set, else its id; an id the question no longer offers is
     * shown as it was stored.
     */
    public String choiceText(String choiceId, String language) {
        Optional<Choice> choice = choice(choiceId);
        if (choice.isEmpty()) {
            return choiceId;
        }
        Map<String, String> labels = choice.get().label();
        if (language != null && isSet(labels.get(language))) {
            return labels.get(language);
        }
        return HEADING_LANGUAGES.stream()
                .map(labels::get)
                .filter(Question::isSet)
                .findFirst()
                .orElse(choiceId);
    }

    /** The labels in the languages of the contract that have a text; an absent or null one is left out. */
    private static Map<String, String> labels(Map<String, String> given) {
        if (given == null) {
            return Map.of();
        }
        Map<String, String> kept = new HashMap<>();
        for (String language : HEADING_LANGUAGES) {
            if (given.get(language) != null) {
                kept.put(language, given.get(language));
            }
        }
        return Map.copyOf(kept);
    }

    private static boolean isSet(String text) {
        return !TextRules.isBlank(text);
    }
}
