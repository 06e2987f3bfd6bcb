package org.museumevents.catalog.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.museumevents.catalog.event.Question.Choice;
import org.museumevents.catalog.event.Question.Kind;
import org.museumevents.starter.problem.InvalidFields.FieldProblem;

/** The rules of a list of questions that need no server: ids given where missing, and the checks across fields. */
class QuestionTest {

    static final Map<Language, String> LABEL = Map.of(Language.fr, "Votre institution");

    @Test
    void aQuestionWithoutAnIdTakesTheFirstNumberNoOtherQuestionHas() {
        List<Question> questions = Question.withIds(List.of(
                question("q2", Kind.TEXT),
                question(null, Kind.TEXT),
                question(null, Kind.YES_NO),
                question("q4", Kind.COUNTRY),
                question(null, Kind.LONG_TEXT)));

        assertThat(questions).extracting(Question::id).containsExactly("q2", "q1", "q3", "q4", "q5");
        assertThat(questions)
                .extracting(Question::kind)
                .containsExactly(Kind.TEXT, Kind.TEXT, Kind.YES_NO, Kind.COUNTRY, Kind.LONG_TEXT);
    }

    @Test
    void aChoiceWithoutAnIdTakesTheFirstNumberNoOtherChoiceOfItsQuestionHas() {
        Question question = new Question(
                "sessions",
                Kind.MULTIPLE_CHOICE,
                LABEL,
                List.of(new Choice(null, LABEL), new Choice("c1", LABEL), new Choice(null, LABEL)),
                null);

        assertThat(question.choices()).extracting(Choice::id).containsExactly("c2", "c1", "c3");
        assertThat(question.required()).isFalse();
    }

    @Test
    void absentChoicesAreAnEmptyListAndNullEntriesStayForBeanValidationToName() {
        assertThat(question("q1", Kind.TEXT).choices()).isEmpty();
        List<Question> withNull = Question.withIds(Arrays.asList(null, question(null, Kind.TEXT)));
        assertThat(withNull).hasSize(2);
        assertThat(withNull.get(0)).isNull();
        assertThat(withNull.get(1).id()).isEqualTo("q1");
    }

    @Test
    void theChecksAcrossFieldsNameEachFieldUnderTheGivenPrefix() {
        List<Question> questions = Arrays.asList(
                new Question("a", Kind.SINGLE_CHOICE, LABEL, List.of(new Choice("x", LABEL)), true),
                new Question("a", Kind.TEXT, Map.of(Language.en, " "), List.of(new Choice("x", LABEL)), false),
                null,
                new Question(
                        "b",
                        Kind.MULTIPLE_CHOICE,
                        LABEL,
                        List.of(new Choice("x", LABEL), new Choice("x", Map.of(Language.es, ""))),
                        false));

        assertThat(Question.problems(questions, "eventDefaults.questions"))
                .extracting(FieldProblem::field)
                .containsExactly(
                        "eventDefaults.questions[0].choices",
                        "eventDefaults.questions[1].id",
                        "eventDefaults.questions[1].label",
                        "eventDefaults.questions[1].choices",
                        "eventDefaults.questions[3].choices[1].id",
                        "eventDefaults.questions[3].choices[1].label");
    }

    private static Question question(String id, Kind kind) {
        return new Question(id, kind, LABEL, null, null);
    }
}
