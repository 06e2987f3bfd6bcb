package org.museumevents.registration.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.museumevents.registration.event.Question;
import org.museumevents.registration.event.Question.Choice;
import org.museumevents.registration.event.Question.Kind;
import org.museumevents.starter.problem.InvalidFields.FieldProblem;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.BooleanNode;

/** The answer rules of issue 15, one by one, without a server. */
class AnswersTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static final List<Question> QUESTIONS = List.of(
            question("job", Kind.TEXT, true),
            question("why", Kind.LONG_TEXT, false),
            new Question(
                    "size",
                    Kind.SINGLE_CHOICE,
                    Map.of("en", "Museum size"),
                    List.of(choice("small"), choice("large")),
                    false),
            new Question(
                    "topics",
                    Kind.MULTIPLE_CHOICE,
                    Map.of("fr", "Sujets"),
                    List.of(choice("c1"), choice("c2"), choice("c3")),
                    false),
            question("member", Kind.YES_NO, false),
            question("country", Kind.COUNTRY, false));

    private static Question question(String id, Kind kind, boolean required) {
        return new Question(id, kind, Map.of("en", id), List.of(), required);
    }

    private static Choice choice(String id) {
        return new Choice(id, Map.of("en", id.toUpperCase()));
    }

    private static Map<String, JsonNode> answers(String json) {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        JSON.readTree(json).properties().forEach(e -> answers.put(e.getKey(), e.getValue()));
        return answers;
    }

    @Test
    void acceptsAnAnswerOfEveryKindAndStoresItNormalised() {
        Answers.Checked checked = Answers.check(
                QUESTIONS,
                answers(
                        """
                        {"job": "  Curator  ", "why": "Two\\nlines\\tand a tab", "size": "large", "topics": ["c3", "c1"],
                         "member": false, "country": "GR"}"""));

        assertThat(checked.problems()).isEmpty();
        assertThat(checked.answers())
                .containsExactly(
                        Map.entry("job", "Curator"),
                        Map.entry("why", "Two\nlines\tand a tab"),
                        Map.entry("size", "large"),
                        Map.entry("topics", List.of("c3", "c1")),
                        Map.entry("member", false),
                        Map.entry("country", "GR"));
    }

    @Test
    void blankTextsEmptyArraysAndNullsAreNoAnswer() {
        Answers.Checked checked = Answers.check(
                QUESTIONS, answers("{\"job\": \"x\", \"why\": \"  \\n \", \"topics\": [], \"size\": null}"));

        assertThat(checked.problems()).isEmpty();
        assertThat(checked.answers()).containsOnlyKeys("job");
    }

    @Test
    void absentOrEmptyAnswersAreFineWhenNothingIsRequired() {
        List<Question> optional = QUESTIONS.subList(1, QUESTIONS.size());
        assertThat(Answers.check(optional, null).isValid()).isTrue();
        assertThat(Answers.check(optional, Map.of()).answers()).isEmpty();
        assertThat(Answers.check(List.of(), null).isValid()).isTrue();
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("{}", "answers.job", "is required"),
                Arguments.of("{\"job\": \"   \"}", "answers.job", "is required"),
                Arguments.of("{\"job\": \"\\u200B\"}", "answers.job", "is required"),
                Arguments.of("{\"job\": \" \\u2060\\uFEFF\\u200C \"}", "answers.job", "is required"),
                Arguments.of("{\"job\": \"a\\uFFFEb\"}", "answers.job", "single line"),
                Arguments.of("{\"job\": \"a\\uFFFF\"}", "answers.job", "single line"),
                Arguments.of("{\"job\": \"a\\uFDD0\"}", "answers.job", "single line"),
                Arguments.of("{\"job\": \"a\\uD800\"}", "answers.job", "single line"),
                Arguments.of("{\"job\": \"x\", \"why\": \"a\\uFFFE\"}", "answers.why", "control"),
                Arguments.of("{\"job\": \"x\", \"why\": \"a\\uD83F\\uDFFE\"}", "answers.why", "control"),
                Arguments.of("{\"job\": 42}", "answers.job", "must be a string"),
                Arguments.of("{\"job\": \"a\\tb\"}", "answers.job", "single line"),
                Arguments.of("{\"job\": \"a\\nb\"}", "answers.job", "single line"),
                Arguments.of("{\"job\": \"a\\u2028b\"}", "answers.job", "single line"),
                Arguments.of("{\"job\": \"" + "x".repeat(501) + "\"}", "answers.job", "at most 500"),
                Arguments.of("{\"job\": \"x\", \"why\": \"" + "x".repeat(4001) + "\"}", "answers.why", "at most 4000"),
                Arguments.of("{\"job\": \"x\", \"why\": \"a\\u0000b\"}", "answers.why", "control"),
                Arguments.of("{\"job\": \"x\", \"why\": [\"a\"]}", "answers.why", "must be a string"),
                Arguments.of("{\"job\": \"x\", \"size\": \"medium\"}", "answers.size", "choice"),
                Arguments.of("{\"job\": \"x\", \"size\": [\"small\"]}", "answers.size", "must be a string"),
                Arguments.of("{\"job\": \"x\", \"topics\": \"c1\"}", "answers.topics", "array"),
                Arguments.of("{\"job\": \"x\", \"topics\": [\"c1\", 2]}", "answers.topics", "array"),
                Arguments.of("{\"job\": \"x\", \"topics\": [\"c1\", \"c9\"]}", "answers.topics", "choice"),
                Arguments.of("{\"job\": \"x\", \"topics\": [\"c1\", \"c1\"]}", "answers.topics", "repeat"),
                Arguments.of("{\"job\": \"x\", \"member\": \"true\"}", "answers.member", "true or false"),
                Arguments.of("{\"job\": \"x\", \"member\": 1}", "answers.member", "true or false"),
                Arguments.of("{\"job\": \"x\", \"country\": \"fr\"}", "answers.country", "ISO 3166-1"),
                Arguments.of("{\"job\": \"x\", \"country\": \"XX\"}", "answers.country", "ISO 3166-1"),
                Arguments.of("{\"job\": \"x\", \"country\": \"FRA\"}", "answers.country", "ISO 3166-1"),
                Arguments.of("{\"job\": \"x\", \"country\": true}", "answers.country", "must be a string"),
                Arguments.of("{\"job\": \"x\", \"q99\": \"?\"}", "answers.q99", "not a question"),
                Arguments.of("{\"job\": \"x\", \"Job\": \"?\"}", "answers", "question ids"),
                Arguments.of("{\"job\": \"x\", \"\": \"?\"}", "answers", "question ids"));
    }

    @ParameterizedTest(name = "{0} is refused at {1}")
    @MethodSource("refusals")
    void refusesWithTheFieldItNames(String body, String field, String message) {
        Answers.Checked checked = Answers.check(QUESTIONS, answers(body));

        assertThat(checked.isValid()).isFalse();
        assertThat(checked.answers()).isEmpty();
        assertThat(checked.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo(field);
            assertThat(problem.message()).contains(message);
        });
    }

    @Test
    void namesEveryRefusedAnswerInTheQuestionsOrderWithoutQuotingIt() {
        Answers.Checked checked =
                Answers.check(QUESTIONS, answers("{\"zz\": 1, \"country\": \"secret-value\", \"size\": \"secret\"}"));

        assertThat(checked.problems())
                .extracting(FieldProblem::field)
                .containsExactly("answers.job", "answers.size", "answers.country", "answers.zz");
        assertThat(checked.problems())
                .extracting(FieldProblem::message)
                .noneMatch(message -> message.contains("secret"));
    }

    @Test
    void moreAnswersThanAnEventHasQuestionsAreRefusedBeforeTheQuestionsAreRead() {
        Map<String, JsonNode> many = new LinkedHashMap<>();
        for (int i = 0; i <= Answers.MAX_QUESTIONS; i++) {
            many.put("q" + i, BooleanNode.TRUE);
        }
        assertThat(Answers.checkShape(many)).extracting(FieldProblem::field).containsExactly("answers");
        assertThat(Answers.checkShape(Map.of("q1", BooleanNode.TRUE))).isEmpty();
    }
}
