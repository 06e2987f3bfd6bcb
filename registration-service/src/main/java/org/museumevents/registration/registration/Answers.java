package org.museumevents.registration.registration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.museumevents.registration.event.Question;
import org.museumevents.starter.input.TextRules;
import org.museumevents.starter.problem.InvalidFields.FieldProblem;
import tools.jackson.databind.JsonNode;

/**
 * The rules of answers to an event's registration questions (issue 15, agreed with the catalog, see
 * docs/api.md "Registration"), applied to a registration's {@code answers} against the event's
 * current questions:
 *
 * <ul>
 *   <li>TEXT: a string, trimmed, at most {@value #MAX_TEXT} characters, one line; LONG_TEXT: a
 *       string of at most {@value #MAX_LONG_TEXT} characters, line breaks and tabs allowed, other
 *       control characters not (the multi-line rule of {@link TextRules}). A blank string is no answer.
 *   <li>SINGLE_CHOICE: one of the question's choice ids; MULTIPLE_CHOICE: an array of distinct
 *       choice ids (empty is no answer); YES_NO: {@code true} or {@code false}; COUNTRY: an ISO
 *       3166-1 alpha-2 code in upper case ({@link Locale#getISOCountries()}).
 *   <li>A required question without an answer, a value of the wrong JSON type, an unknown choice or
 *       an unknown question: a problem naming {@code answers.<questionId>}. {@code null} is no answer.
 * </ul>
 *
 * <p>Messages never quote the value: answers are personal data.
 */
final class Answers {

    /** The most questions an event has (the catalog's rule), so the most answers a body may carry. */
    static final int MAX_QUESTIONS = 30;

    static final int MAX_TEXT = 500;
    static final int MAX_LONG_TEXT = 4000;

    /** The catalog's question id pattern: an answer's key that does not match is no question id. */
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private Answers() {}

    /**
     * The answers as stored, or why they are refused.
     *
     * @param answers the valid answers, in the questions' order, only those answered: TEXT trimmed,
     *     MULTIPLE_CHOICE as a list of strings, YES_NO as a {@link Boolean}, the others as given;
     *     empty when {@link #problems} is not
     * @param problems one per refused answer, in the questions' order then the unknown keys'
     */
    record Checked(Map<String, Object> answers, List<FieldProblem> problems) {

        boolean isValid() {
            return problems.isEmpty();
        }
    }

    /**
     * What can be refused without the event's questions, on the request's own thread before it
     * waits for the event's lock: more answers than any event has questions, or a key that is no
     * question id (named {@code answers}, since the key itself may be anything).
     *
     * @param given the body's {@code answers}; null when absent
     * @return the problems; empty when the answers may be judged against the questions
     */
    static List<FieldProblem> checkShape(Map<String, JsonNode> given) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_QUESTIONS) {
            return List.of(new FieldProblem(
                    "answers", "must not have more answers than an event has questions (" + MAX_QUESTIONS + ")"));
        }
        for (String key : given.keySet()) {
            if (key == null || !ID.matcher(key).matches()) {
                return List.of(new FieldProblem("answers", "must have question ids as keys"));
            }
        }
        return List.of();
    }

    /**
     * Judges {@code given} against {@code questions}.
     *
     * @param questions the event's current questions, in order
     * @param given the body's {@code answers}; null when absent (fine when nothing is required)
     */
    static Checked check(List<Question> questions, Map<String, JsonNode> given) {
        Map<String, JsonNode> answers = given == null ? Map.of() : given;
        List<FieldProblem> shape = checkShape(given);
        if (!shape.isEmpty()) {
            return new Checked(Map.of(), shape);
        }
        Map<String, Object> valid = new LinkedHashMap<>();
        List<FieldProblem> problems = new ArrayList<>();
        Set<String> asked = new HashSet<>();
        for (Question question : questions) {
            asked.add(question.id());
            String field = "answers." + question.id();
            JsonNode value = answers.get(question.id());
            Object answer;
            try {
                answer = value == null || value.isNull() ? null : answer(question, value);
            } catch (Refused refused) {
                problems.add(new FieldProblem(field, refused.getMessage()));
                continue;
            }
            if (answer != null) {
                valid.put(question.id(), answer);
            } else if (question.required()) {
                problems.add(new FieldProblem(field, "is required"));
            }
        }
        for (String key : answers.keySet()) {
            if (!asked.contains(key)) {
                problems.add(new FieldProblem("answers." + key, "is not a question of this event"));
            }
        }
        return problems.isEmpty()
                ? new Checked(Collections.unmodifiableMap(valid), List.of())
                : new Checked(Map.of(), List.copyOf(problems));
    }

    /** The answer as stored, or null when {@code value} counts as no answer. */
    /**
     * The answers a series subscription gives one occurrence (issue 17): only those to questions the
     * occurrence has (ids matching), judged as {@link #check} does, but a required question left
     * unanswered does not refuse it (the subscriber could not know a later occurrence's questions).
     */
    static Checked checkForOccurrence(List<Question> questions, Map<String, JsonNode> given) {
        Map<String, JsonNode> matching = new java.util.TreeMap<>();
        if (given != null) {
            for (Question question : questions) {
                JsonNode value = given.get(question.id());
                if (value != null) {
                    matching.put(question.id(), value);
                }
            }
        }
        List<Question> optional = questions.stream()
                .map(q -> new Question(q.id(), q.kind(), q.label(), q.choices(), false))
                .toList();
        return check(optional, matching);
    }

    private static Object answer(Question question, JsonNode value) {
        return switch (question.kind()) {
            case TEXT -> {
                String text = string(value).strip();
                if (text.length() > MAX_TEXT) {
                    throw new Refused("must be at most " + MAX_TEXT + " characters");
                }
                if (TextRules.firstForbidden(text, true) >= 0) {
                    throw new Refused("must be a single line without control characters");
                }
                yield TextRules.isBlank(text) ? null : text;
            }
            case LONG_TEXT -> {
                String text = string(value);
                if (text.length() > MAX_LONG_TEXT) {
                    throw new Refused("must be at most " + MAX_LONG_TEXT + " characters");
                }
                // The one multi-line rule of every text (TextRules): line breaks and tabs allowed.
                if (TextRules.firstForbidden(text, false) >= 0) {
                    throw new Refused("must be text without control characters other than line breaks and tabs");
                }
                yield TextRules.isBlank(text) ? null : text;
            }
            case SINGLE_CHOICE -> choice(question, string(value));
            case MULTIPLE_CHOICE -> {
                if (!value.isArray()) {
                    throw new Refused("must be an array of choice ids");
                }
                List<String> chosen = new ArrayList<>();
                for (JsonNode element : value) {
                    if (!element.isString()) {
                        throw new Refused("must be an array of choice ids");
                    }
                    String id = choice(question, element.asString());
                    if (chosen.contains(id)) {
                        throw new Refused("must not repeat a choice");
                    }
                    chosen.add(id);
                }
                yield chosen.isEmpty() ? null : List.copyOf(chosen);
            }
            case YES_NO -> {
                if (!value.isBoolean()) {
                    throw new Refused("must be true or false");
                }
                yield value.asBoolean();
            }
            case COUNTRY -> {
                String code = string(value);
                if (!COUNTRIES.contains(code)) {
                    throw new Refused("must be an ISO 3166-1 alpha-2 country code in upper case, such as FR");
                }
                yield code;
            }
        };
    }

    private static String string(JsonNode value) {
        if (!value.isString()) {
            throw new Refused("must be a string");
        }
        return value.asString();
    }

    private static String choice(Question question, String id) {
        if (question.choice(id).isEmpty()) {
            throw new Refused("must be one of the question's choice ids");
        }
        return id;
    }

    /** One answer refused; its message is the problem's, without the value. */
    private static final class Refused extends RuntimeException {

        Refused(String message) {
            super(message, null, false, false);
        }
    }
}
