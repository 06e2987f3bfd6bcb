package org.museumevents.gateway.web;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What kind of error a service's field message is, so a page can say it with its own bundle text in
 * its language: the services write their {@code errors[].message} in English (docs/api.md "Errors"),
 * by Bean Validation's defaults ({@code must not be blank}, {@code size must be between 0 and 200})
 * or their own words ({@code must be a single line without control characters}). The kind is read
 * from the field's name ({@code email}, {@code timeZone}) and the message's words; a message of no
 * known kind is {@link #INVALID}.
 */
final class FieldErrorWords {

    /** The bundle key of a message of no known kind. */
    static final String INVALID = "service.error.invalid";

    private static final Pattern MAX_CHARACTERS =
            Pattern.compile("(?:at most|between \\d+ and) (\\d+)(?: characters)?");

    private FieldErrorWords() {}

    /**
     * The bundle key and argument of a service's field error.
     *
     * @param field the field as the service names it ({@code people[0].name}, {@code answers.bio})
     * @param message the service's English message; null or blank is {@link #INVALID}
     */
    static Kind kind(String field, String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        String leaf = leaf(field).toLowerCase(Locale.ROOT);
        if (m.contains("blank")
                || m.contains("must not be null")
                || m.contains("must not be empty")
                || m.startsWith("is required")
                || m.contains(" is required")
                || m.contains("needs a text")
                || m.contains("needs a title")
                || m.contains("must be given in at least one")) {
            return new Kind("form.error.required", null);
        }
        // Before the length: "an absolute http or https URL of at most 2000 characters" is about the URL.
        if (m.contains("url")) {
            return new Kind("service.error.url", null);
        }
        Matcher max = MAX_CHARACTERS.matcher(m);
        if ((m.contains("character") || m.startsWith("size must be")) && max.find()) {
            return new Kind("form.error.tooLong", Integer.valueOf(max.group(1)));
        }
        if (m.contains("single line") || m.contains("one line")) {
            return new Kind("service.error.oneLine", null);
        }
        // "control characters other than line breaks" is about characters in a multi-line text.
        if (m.contains("control") || m.contains("character")) {
            return new Kind("service.error.characters", null);
        }
        if (m.contains("line break")) {
            return new Kind("service.error.oneLine", null);
        }
        if (leaf.equals("email") || m.contains("deliverable")) {
            return new Kind("form.error.email", null);
        }
        if (leaf.endsWith("timezone") || m.contains("time zone")) {
            return new Kind("form.error.timeZone", null);
        }
        if (m.contains("must be after")) {
            return new Kind("service.error.after", null);
        }
        if (m.contains("in the past") || m.contains("from now")) {
            return new Kind("service.error.when", null);
        }
        if (m.contains("twice") || m.contains("repeat") || m.contains("earlier") || m.contains("already")) {
            return new Kind("service.error.duplicate", null);
        }
        if (m.contains("not a question") || m.contains("does not ask")) {
            return new Kind("service.error.notAsked", null);
        }
        if (m.contains("one of")
                || m.contains("choice")
                || m.contains("true or false")
                || m.contains("not a kind")
                || m.contains("must name")) {
            return new Kind("form.error.choose", null);
        }
        return new Kind(INVALID, null);
    }

    /** {@code people[0].name} is {@code name}, {@code title[fr]} and {@code title.fr} are {@code fr}. */
    private static String leaf(String field) {
        if (field == null) {
            return "";
        }
        String plain = field.replaceAll("\\[(\\d+)]", "").replaceAll("\\[([^]]*)]", ".$1");
        return plain.substring(plain.lastIndexOf('.') + 1);
    }

    /**
     * @param key the bundle key
     * @param argument its one argument (a number of characters), or null
     */
    record Kind(String key, Object argument) {}
}
