package org.museumevents.catalog.event;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.museumevents.starter.input.SingleLine;
import org.museumevents.starter.input.TextRules;
import org.museumevents.starter.problem.InvalidFields.FieldProblem;

/**
 * A question an event's organisers ask its registrants (issue 15, "Registration questions" in
 * docs/api.md): the catalog owns the questions, registration-service checks the answers against
 * them. The rules are the ones both services agreed on: an id of 1 to 40 of {@code a-z}, {@code
 * 0-9} and {@code -} (not first), unique within the event and given as the first free {@code q1},
 * {@code q2}... when the organiser leaves it out; a label in {@code fr}, {@code en} and/or {@code
 * es}, one line of at most 200 characters each, one at least not blank; 2 to 50 choices for the
 * choice kinds and none for the others. The id stays the same across edits (the organiser sends
 * it back), so answers already given keep their meaning.
 *
 * @param id the question's id; null on input gives it the first free {@code qN}
 * @param kind what kind of answer it takes
 * @param label its text by language
 * @param choices the choices of a {@code SINGLE_CHOICE} or {@code MULTIPLE_CHOICE} question; empty
 *     (never null) for the other kinds
 * @param required whether a registration needs an answer; false when absent
 */
public record Question(
        @Schema(
                        description = "1-40 of a-z, 0-9 and '-' (not first), unique within the event; when absent, the"
                                + " first free of q1, q2, ...; send it back when editing so answers keep their meaning",
                        example = "institution")
                @Size(max = 40)
                @Pattern(regexp = ID_PATTERN, message = ID_RULE)
                String id,
        @NotNull Kind kind,
        @Schema(description = "by language (`fr`, `en`, `es`), one line of at most 200 characters each, one at least")
                @NotNull
                @Size(min = 1, max = 3)
                Map<Language, @NotNull @SingleLine @Size(max = 200) String> label,
        @Schema(description = "2 to 50 for SINGLE_CHOICE and MULTIPLE_CHOICE, none for the other kinds")
                @Size(max = MAX_CHOICES)
                List<@NotNull @Valid Choice> choices,
        @Schema(description = "whether a registration must answer it; false by default") Boolean required) {

    /** At most this many questions per event (and per series' defaults). */
    public static final int MAX_QUESTIONS = 30;

    static final String ID_PATTERN = "[a-z0-9][a-z0-9-]*";

    static final String ID_RULE = "must be 1 to 40 of a-z, 0-9 and '-', starting with a letter or a digit";

    static final int MIN_CHOICES = 2;

    static final int MAX_CHOICES = 50;

    /** Gives choices without an id the first free {@code cN}, and defaults {@code required} to false. */
    public Question {
        choices = choices == null ? List.of() : withIds(choices, Choice::id, Choice::withId, "c");
        required = required != null && required;
    }

    /** The kinds of answer a question takes; only the choice kinds have choices. */
    public enum Kind {
        TEXT,
        LONG_TEXT,
        SINGLE_CHOICE,
        MULTIPLE_CHOICE,
        YES_NO,
        COUNTRY;

        boolean hasChoices() {
            return this == SINGLE_CHOICE || this == MULTIPLE_CHOICE;
        }
    }

    /**
     * One choice of a choice question.
     *
     * @param id unique within its question, the same pattern as a question's id; null on input gives
     *     it the first free {@code c1}, {@code c2}...
     * @param label its text by language, as a question's label
     */
    public record Choice(
            @Schema(
                            description =
                                    "as a question's id, unique within the question; when absent, the first free of c1,"
                                            + " c2, ...",
                            example = "museum")
                    @Size(max = 40)
                    @Pattern(regexp = ID_PATTERN, message = ID_RULE)
                    String id,
            @Schema(description = "by language, as a question's label") @NotNull @Size(min = 1, max = 3)
                    Map<Language, @NotNull @SingleLine @Size(max = 200) String> label) {

        Choice withId(String id) {
            return new Choice(id, label);
        }
    }

    Question withId(String id) {
        return new Question(id, kind, label, choices, required);
    }

    /**
     * The questions with an id each: those given keep theirs, the others take the first free of
     * {@code q1}, {@code q2}... in order. Null entries stay, for Bean Validation to name.
     *
     * @param questions as the organiser wrote them, not null
     * @return the same questions, every non-null one with an id
     */
    public static List<Question> withIds(List<Question> questions) {
        return withIds(questions, Question::id, Question::withId, "q");
    }

    /**
     * What Bean Validation cannot see in a list of questions: ids used twice (within the list, or
     * within a question's choices), labels without a non-blank text, and choices that do not fit
     * the kind (2 to 50 for the choice kinds, none for the others).
     *
     * @param questions the questions, ids given (see {@link #withIds(List)})
     * @param field where the list is in the request, e.g. {@code questions} or {@code
     *     eventDefaults.questions}
     * @return one problem per invalid field, named as {@code <field>[<i>].<part>}; empty when valid
     */
    public static List<FieldProblem> problems(List<Question> questions, String field) {
        List<FieldProblem> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < questions.size(); i++) {
            Question question = questions.get(i);
            if (question == null) {
                continue;
            }
            String at = field + "[" + i + "]";
            if (question.id() != null && !ids.add(question.id())) {
                problems.add(new FieldProblem(at + ".id", "is the id of an earlier question"));
            }
            if (!hasText(question.label())) {
                problems.add(new FieldProblem(at + ".label", "needs a text in at least one language"));
            }
            if (question.kind() != null) {
                int count = question.choices().size();
                if (question.kind().hasChoices() && (count < MIN_CHOICES || count > MAX_CHOICES)) {
                    problems.add(new FieldProblem(
                            at + ".choices",
                            "a " + question.kind() + " question needs " + MIN_CHOICES + " to " + MAX_CHOICES
                                    + " choices"));
                } else if (!question.kind().hasChoices() && count > 0) {
                    problems.add(
                            new FieldProblem(at + ".choices", "a " + question.kind() + " question has no choices"));
                }
            }
            Set<String> choiceIds = new HashSet<>();
            for (int j = 0; j < question.choices().size(); j++) {
                Choice choice = question.choices().get(j);
                if (choice == null) {
                    continue;
                }
                String choiceAt = at + ".choices[" + j + "]";
                if (choice.id() != null && !choiceIds.add(choice.id())) {
                    problems.add(new FieldProblem(choiceAt + ".id", "is the id of an earlier choice"));
                }
                if (!hasText(choice.label())) {
                    problems.add(new FieldProblem(choiceAt + ".label", "needs a text in at least one language"));
                }
            }
        }
        return problems;
    }

    /** Null or empty passes: Bean Validation names those. */
    private static boolean hasText(Map<Language, String> label) {
        return label == null || label.isEmpty() || label.values().stream().anyMatch(text -> !TextRules.isBlank(text));
    }

    /**
     * Items with an id each: the given ids kept, each missing one the first {@code <prefix>N} (N
     * from 1) that no item of the list has.
     */
    private static <T> List<T> withIds(
            List<T> items, Function<T, String> id, BiFunction<T, String, T> withId, String prefix) {
        Set<String> taken = new HashSet<>();
        boolean missing = false;
        for (T item : items) {
            if (item != null) {
                String given = id.apply(item);
                if (given == null) {
                    missing = true;
                } else {
                    taken.add(given);
                }
            }
        }
        if (!missing) {
            return items;
        }
        List<T> identified = new ArrayList<>(items.size());
        int next = 1;
        for (T item : items) {
            if (item != null && id.apply(item) == null) {
                while (taken.contains(prefix + next)) {
                    next++;
                }
                String given = prefix + next;
                taken.add(given);
                identified.add(withId.apply(item, given));
            } else {
                identified.add(item);
            }
        }
        return Collections.unmodifiableList(identified);
    }
}
