package org.museumevents.gateway.web.participant;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.museumevents.gateway.web.Event;
import org.museumevents.gateway.web.Event.Choice;
import org.museumevents.gateway.web.Event.Question;
import org.museumevents.gateway.web.Languages;
import org.museumevents.gateway.web.PlainWords;
import org.museumevents.gateway.web.RegistrationClient.RegistrationRequest;
import org.museumevents.gateway.web.TextChecks;
import org.springframework.util.MultiValueMap;

/**
 * The registration form as typed, kept as typed when the page comes back with errors. Errors are
 * keyed by the contract's field names, the same names the service's problem uses: an answer's
 * are {@code answers.<questionId>}.
 *
 * <p>An answer travels as the form parameter {@code answer-<questionId>} (several for a multiple
 * choice). Answers are read by hand ({@link #readAnswers}) rather than bound: only the event's own
 * questions are looked up, so unknown ids and any number of other parameters are ignored, and no
 * parameter name reaches the data binder's property paths.
 */
public class RegistrationForm {

    /** The service's own rule, so that most mistakes are caught before calling it. */
    private static final Pattern EMAIL = Pattern.compile("\\s*[^@\\s]+@[^@\\s]+\\.[^@\\s]+\\s*");

    private String name;
    private String email;
    private String organisation;
    private String language;
    private String timeZone;
    private String interpretationLanguage;
    private boolean consent;
    private String idempotencyKey;

    /** The form parameter of a question's answer: this prefix and the question's id. */
    static final String ANSWER = "answer-";

    /** The most values kept for one question; a multiple choice has at most 50 choices. */
    private static final int MAX_VALUES = 50;

    static final int TEXT_MAX = 500;
    static final int LONG_TEXT_MAX = 4000;

    /** The answers as typed, by question id, for the event's questions only. */
    private final Map<String, List<String>> answers = new LinkedHashMap<>();

    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("[A-Za-z0-9._~-]{1,100}");

    static RegistrationForm blank(Event event, Locale locale) {
        RegistrationForm form = new RegistrationForm();
        form.language = Languages.isSupported(locale.getLanguage()) ? locale.getLanguage() : "en";
        form.timeZone = event.timeZone();
        form.renewIdempotencyKey();
        return form;
    }

    /** A new key for a new attempt; the same page submitted twice keeps its key and gets one answer. */
    void renewIdempotencyKey() {
        idempotencyKey = UUID.randomUUID().toString();
    }

    Map<String, String> check(Event event, PlainWords words) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (blank(name)) {
            errors.put("name", words.message("form.error.required"));
        } else if (name.length() > 200) {
            errors.put("name", words.message("form.error.tooLong", 200));
        }
        if (blank(email)) {
            errors.put("email", words.message("form.error.required"));
        } else if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            errors.put("email", words.message("form.error.email"));
        }
        if (organisation != null && organisation.length() > 200) {
            errors.put("organisation", words.message("form.error.tooLong", 200));
        }
        if (!Languages.isSupported(language)) {
            errors.put("language", words.message("form.error.choose"));
        }
        if (!blank(interpretationLanguage) && !event.interpretation().contains(interpretationLanguage)) {
            errors.put("interpretationLanguage", words.message("form.error.choose"));
        }
        for (Question question : event.questions()) {
            String error = checkAnswer(question, words);
            if (error != null) {
                errors.put("answers." + question.id(), error);
            }
        }
        if (!consent) {
            errors.put("consent", words.message("registration.error.consent"));
        }
        return errors;
    }

    /**
     * Keeps, for each of the event's questions, the values posted under {@code answer-<id>}.
     *
     * @param event the event whose questions are asked
     * @param parameters the whole form post
     */
    void readAnswers(Event event, MultiValueMap<String, String> parameters) {
        answers.clear();
        for (Question question : event.questions()) {
            List<String> values = parameters.get(ANSWER + question.id());
            if (values != null && !values.isEmpty()) {
                answers.put(
                        question.id(),
                        values.stream()
                                .limit(MAX_VALUES)
                                .map(value -> value == null ? "" : value)
                                .toList());
            }
        }
    }

    /** The message for a question's answer as typed, null when it is fine (also when left out). */
    private String checkAnswer(Question question, PlainWords words) {
        String kind = question.kind() == null ? "" : question.kind();
        boolean choice = !kind.equals("TEXT") && !kind.equals("LONG_TEXT");
        String value = first(question.id());
        switch (kind) {
            case "TEXT" -> {
                String text = value.strip();
                if (text.length() > TEXT_MAX) {
                    return words.message("form.error.tooLong", TEXT_MAX);
                }
                if (TextChecks.hasForbidden(text, true)) {
                    return words.message("registration.error.oneLine");
                }
            }
            case "LONG_TEXT" -> {
                String text = longText(value);
                if (text.length() > LONG_TEXT_MAX) {
                    return words.message("form.error.tooLong", LONG_TEXT_MAX);
                }
                // Tabs are allowed in a multi-line text, as in every service (docs/api.md "Texts").
                if (TextChecks.hasForbidden(text, false)) {
                    return words.message("registration.error.characters");
                }
            }
            case "SINGLE_CHOICE" -> {
                if (!value.isEmpty() && !choiceIds(question).contains(value)) {
                    return words.message("form.error.choose");
                }
            }
            case "MULTIPLE_CHOICE" -> {
                if (!choiceIds(question).containsAll(chosen(question.id()))) {
                    return words.message("form.error.choose");
                }
            }
            case "YES_NO" -> {
                if (!value.isEmpty() && !value.equals("true") && !value.equals("false")) {
                    return words.message("form.error.choose");
                }
            }
            case "COUNTRY" -> {
                if (!value.isEmpty() && !Countries.CODES.contains(value)) {
                    return words.message("form.error.choose");
                }
            }
            default -> {
                // A kind this page does not know yet: registration-service judges it.
                return null;
            }
        }
        if (question.required() && answerOf(question) == null) {
            return words.message(choice ? "form.error.choose" : "form.error.required");
        }
        return null;
    }

    /**
     * A checked question's answer as the service takes it: a string, a list of choice ids or a
     * boolean; null when the question is left unanswered.
     */
    private Object answerOf(Question question) {
        String value = first(question.id());
        return switch (question.kind() == null ? "" : question.kind()) {
            case "TEXT" -> TextChecks.isBlank(value) ? null : value.strip();
            case "LONG_TEXT" ->
                TextChecks.isBlank(value) ? null : longText(value).strip();
            case "SINGLE_CHOICE", "COUNTRY" -> value.isEmpty() ? null : value;
            case "MULTIPLE_CHOICE" -> {
                List<String> chosen = new ArrayList<>(chosen(question.id()));
                yield chosen.isEmpty() ? null : chosen;
            }
            case "YES_NO" -> value.isEmpty() ? null : Boolean.valueOf(value);
            default -> null;
        };
    }

    /** A textarea's line breaks as one {@code \n} each, as the browser counted them for maxlength. */
    private static String longText(String value) {
        return value.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static Set<String> choiceIds(Question question) {
        Set<String> ids = new LinkedHashSet<>();
        for (Choice choice : question.choices()) {
            ids.add(choice.id());
        }
        return ids;
    }

    /** The distinct non-empty values posted for a multiple choice, in their order. */
    private Set<String> chosen(String questionId) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String value : answers.getOrDefault(questionId, List.of())) {
            if (!value.isEmpty()) {
                chosen.add(value);
            }
        }
        return chosen;
    }

    private String first(String questionId) {
        List<String> values = answers.get(questionId);
        return values == null || values.isEmpty() ? "" : values.get(0);
    }

    /**
     * @param questionId a question of the event
     * @return the answer as typed (the first value posted for it), empty when none, for the page
     */
    public String answer(String questionId) {
        return first(questionId);
    }

    /**
     * @param questionId a question of the event
     * @param value a choice id, {@code true} or {@code false}
     * @return whether the page came back with that value chosen, for radios and checkboxes
     */
    public boolean isChosen(String questionId, String value) {
        return answers.getOrDefault(questionId, List.of()).contains(value);
    }

    RegistrationRequest toRequest(Event event) {
        return new RegistrationRequest(
                name.trim(),
                email.trim(),
                blank(organisation) ? null : organisation.trim(),
                language,
                validZone(timeZone) ? timeZone : event.timeZone(),
                blank(interpretationLanguage) ? null : interpretationLanguage,
                consent,
                answersOf(event));
    }

    /** Only the answered questions, in the event's order. */
    private Map<String, Object> answersOf(Event event) {
        Map<String, Object> sent = new LinkedHashMap<>();
        for (Question question : event.questions()) {
            Object answer = answerOf(question);
            if (answer != null) {
                sent.put(question.id(), answer);
            }
        }
        return sent;
    }

    /**
     * A zone registration-service accepts (its starter's {@code RegionTimeZones}: region-based IANA
     * ids and UTC); what a browser reports otherwise ({@code Etc/GMT-2}, a legacy alias) falls back
     * to the event's zone rather than failing the form on a field the visitor never saw.
     */
    private static boolean validZone(String zone) {
        if (blank(zone) || zone.length() > 64) {
            return false;
        }
        int slash = zone.indexOf('/');
        return zone.equals("UTC")
                || (slash > 0
                        && REGION_AREAS.contains(zone.substring(0, slash))
                        && ZoneId.getAvailableZoneIds().contains(zone));
    }

    private static final java.util.Set<String> REGION_AREAS = java.util.Set.of(
            "Africa",
            "America",
            "Antarctica",
            "Arctic",
            "Asia",
            "Atlantic",
            "Australia",
            "Europe",
            "Indian",
            "Pacific");

    /** Nothing visible: whitespace and format characters only (the services' rule, {@link TextChecks}). */
    private static boolean blank(String value) {
        return TextChecks.isBlank(value);
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getOrganisation() {
        return organisation;
    }

    public void setOrganisation(String organisation) {
        this.organisation = organisation;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public String getInterpretationLanguage() {
        return interpretationLanguage;
    }

    public void setInterpretationLanguage(String interpretationLanguage) {
        this.interpretationLanguage = interpretationLanguage;
    }

    public boolean isConsent() {
        return consent;
    }

    public void setConsent(boolean consent) {
        this.consent = consent;
    }

    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    /**
     * The key the page was rendered with; anything but a plain token (the page's own keys are
     * UUIDs) becomes a fresh key, since it travels as an HTTP header, where an arbitrary value
     * cannot go.
     */
    public void setIdempotencyKey(String idempotencyKey) {
        if (idempotencyKey != null && KEY.matcher(idempotencyKey).matches()) {
            this.idempotencyKey = idempotencyKey;
        } else {
            renewIdempotencyKey();
        }
    }
}
