package org.museumevents.gateway.web.organiser;

import static org.museumevents.gateway.web.organiser.FormValues.blank;
import static org.museumevents.gateway.web.organiser.FormValues.texts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.museumevents.gateway.web.Event;
import org.museumevents.gateway.web.PlainWords;

/**
 * One registration question as typed in the event editor: its id (kept as the catalog gave it, since
 * answers are keyed by it), kind, label in each language, choices one per line and whether it must
 * be answered. A choice line is {@code [id =] French | English | Spanish}, a {@code |} or {@code \}
 * inside a label written {@code \|} or {@code \\}: the editor writes existing choices that way, so
 * they come back unchanged.
 */
public class QuestionRow {

    static final List<String> KINDS =
            List.of("TEXT", "LONG_TEXT", "SINGLE_CHOICE", "MULTIPLE_CHOICE", "YES_NO", "COUNTRY");
    static final Set<String> CHOICE_KINDS = Set.of("SINGLE_CHOICE", "MULTIPLE_CHOICE");
    private static final Pattern ID_PREFIX = Pattern.compile("^\\s*([a-z0-9][a-z0-9-]{0,39})\\s*=(.*)$");
    private static final int MAX_CHOICE_LINES = 200;
    private static final Pattern KIND = Pattern.compile("[A-Z][A-Z_]{0,39}");

    private String id;
    private String kind = "TEXT";
    private String labelFr;
    private String labelEn;
    private String labelEs;
    private String choices;
    private boolean required;

    /** A question as the catalog takes it; {@code id} left out for a new question (the catalog gives one). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QuestionBody(
            String id, String kind, Map<String, String> label, List<ChoiceBody> choices, boolean required) {}

    /** A choice as the catalog takes it; {@code id} left out for a new choice. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChoiceBody(String id, Map<String, String> label) {}

    /** An empty custom question, of kind {@code TEXT}. */
    public QuestionRow() {}

    QuestionRow(String id, String kind, Map<String, String> label, List<Event.Choice> choices, boolean required) {
        this.id = id;
        this.kind = kind;
        this.labelFr = label.get("fr");
        this.labelEn = label.get("en");
        this.labelEs = label.get("es");
        this.choices = choicesText(choices);
        this.required = required;
    }

    static QuestionRow of(Event.Question question) {
        return new QuestionRow(
                question.id(), question.kind(), question.label(), question.choices(), question.required());
    }

    /** The choices as the editor shows them: one line each, {@code id = fr | en | es}. */
    static String choicesText(List<Event.Choice> choices) {
        if (choices == null || choices.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (Event.Choice choice : choices) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            if (choice.id() != null) {
                text.append(choice.id()).append(" = ");
            }
            text.append(escape(choice.label().get("fr")))
                    .append(" | ")
                    .append(escape(choice.label().get("en")))
                    .append(" | ")
                    .append(escape(choice.label().get("es")));
        }
        return text.toString();
    }

    private static String escape(String label) {
        return label == null ? "" : label.replace("\\", "\\\\").replace("|", "\\|");
    }

    /**
     * The question as the catalog takes it, or errors under {@code questions[<index>]...} for what
     * cannot be read.
     */
    QuestionBody toBody(int index, Map<String, String> errors, PlainWords words) {
        String prefix = "questions[" + index + "]";
        // A kind this page does not know yet (one the catalog added later) is sent back as it came,
        // for the catalog to judge: never silently turned into the first of the list.
        if (blank(kind) || !KIND.matcher(kind).matches()) {
            errors.put(prefix + ".kind", words.message("form.error.choose"));
        }
        Map<String, String> label = texts(labelFr, labelEn, labelEs);
        if (label.isEmpty()) {
            errors.put(prefix + ".label", words.message("question.error.label"));
        }
        List<ChoiceBody> parsed = List.of();
        if (CHOICE_KINDS.contains(kind) || (!KINDS.contains(kind) && !blank(choices))) {
            parsed = parseChoices(prefix, errors, words);
            if (parsed != null && parsed.size() < 2 && CHOICE_KINDS.contains(kind)) {
                errors.put(prefix + ".choices", words.message("question.error.choices"));
            }
        }
        return new QuestionBody(
                blank(id) ? null : id.strip(), kind, label, parsed == null ? List.of() : parsed, required);
    }

    private List<ChoiceBody> parseChoices(String prefix, Map<String, String> errors, PlainWords words) {
        if (blank(choices)) {
            return List.of();
        }
        String[] lines = choices.split("\\R");
        if (lines.length > MAX_CHOICE_LINES) {
            errors.put(prefix + ".choices", words.message("question.error.choices"));
            return null;
        }
        List<ChoiceBody> parsed = new ArrayList<>();
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (line.isBlank()) {
                continue;
            }
            String choiceId = null;
            Matcher prefixed = ID_PREFIX.matcher(line);
            if (prefixed.matches()) {
                choiceId = prefixed.group(1);
                line = prefixed.group(2);
            }
            List<String> labels = split(line);
            if (labels.size() > 3) {
                errors.put(prefix + ".choices", words.message("question.error.choiceLine", n + 1));
                return null;
            }
            while (labels.size() < 3) {
                labels.add(null);
            }
            parsed.add(new ChoiceBody(choiceId, texts(labels.get(0), labels.get(1), labels.get(2))));
        }
        return parsed;
    }

    /** The labels of a choice line, split at each {@code |} that is not escaped. */
    private static List<String> split(String line) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == '|' || line.charAt(i + 1) == '\\')) {
                part.append(line.charAt(++i));
            } else if (c == '|') {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts;
    }

    boolean hasChoices() {
        return CHOICE_KINDS.contains(kind);
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getLabelFr() {
        return labelFr;
    }

    public void setLabelFr(String labelFr) {
        this.labelFr = labelFr;
    }

    public String getLabelEn() {
        return labelEn;
    }

    public void setLabelEn(String labelEn) {
        this.labelEn = labelEn;
    }

    public String getLabelEs() {
        return labelEs;
    }

    public void setLabelEs(String labelEs) {
        this.labelEs = labelEs;
    }

    public String getChoices() {
        return choices;
    }

    public void setChoices(String choices) {
        this.choices = choices;
    }

    public boolean isRequired() {
        return required;
    }

    public void setRequired(boolean required) {
        this.required = required;
    }
}
