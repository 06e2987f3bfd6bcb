package org.museumevents.gateway.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * A service's problem told in the visitor's language: its reason's message, else (on an English
 * page) its own detail, else the general words; and its field errors by kind ({@link
 * #fieldErrors}).
 */
@Component
public class PlainWords {

    private final MessageSource messages;

    PlainWords(MessageSource messages) {
        this.messages = messages;
    }

    public String of(Problem problem) {
        return of(problem, null);
    }

    /** As {@link #of(Problem)}, preferring {@code <context>.problem.<reason>} where a page says it better. */
    public String of(Problem problem, String context) {
        Locale locale = LocaleContextHolder.getLocale();
        String known = context == null
                ? null
                : messages.getMessage(context + ".problem." + problem.reason(), null, null, locale);
        if (known == null) {
            known = messages.getMessage("problem." + problem.reason(), null, null, locale);
        }
        if (known != null) {
            return known;
        }
        // The services write their details in English: on another page, the general words.
        if (problem.detail() != null && !problem.detail().isBlank() && "en".equals(locale.getLanguage())) {
            return problem.detail();
        }
        return messages.getMessage("problem.unknown", null, "The request could not be completed.", locale);
    }

    /**
     * A service's field errors told in the visitor's language, by field as the service names them
     * ({@code title.fr}, {@code people[0].role}), in the service's order: each message is the
     * gateway's own text for its kind of error ({@link FieldErrorWords}), the one its own checks
     * show, never the service's English words on a French or Spanish page. A message of no known
     * kind is a general "check this value" in the page's language; on an English page, the
     * service's own message, which is already in that language. Several messages for one field are
     * joined, each said once.
     */
    public Map<String, String> fieldErrors(Problem problem) {
        Locale locale = LocaleContextHolder.getLocale();
        Map<String, String> byField = new LinkedHashMap<>();
        for (Problem.FieldError error : problem.errors()) {
            String field = error.field() == null ? "" : error.field();
            byField.merge(field, fieldMessage(field, error.message(), locale), PlainWords::join);
        }
        return byField;
    }

    /** Two messages for one field, each once: sentences after a space, English fragments after "; ". */
    public static String join(String first, String second) {
        if (first.equals(second) || first.contains(second)) {
            return first;
        }
        return first + (first.endsWith(".") ? " " : "; ") + second;
    }

    /**
     * One service field error told in the visitor's language, as {@link #fieldErrors} tells each.
     *
     * @param field the field as the service names it, e.g. {@code subject.fr}
     * @param message the service's English message
     * @return the gateway's own text for its kind of error in the page's language
     */
    public String fieldMessage(String field, String message) {
        return fieldMessage(field, message, LocaleContextHolder.getLocale());
    }

    private String fieldMessage(String field, String message, Locale locale) {
        FieldErrorWords.Kind kind = FieldErrorWords.kind(field, message);
        if (FieldErrorWords.INVALID.equals(kind.key())
                && "en".equals(locale.getLanguage())
                && message != null
                && !message.isBlank()) {
            return message;
        }
        Object[] arguments = kind.argument() == null ? null : new Object[] {kind.argument()};
        return messages.getMessage(kind.key(), arguments, kind.key(), locale);
    }

    public String message(String key, Object... arguments) {
        return messages.getMessage(key, arguments, key, LocaleContextHolder.getLocale());
    }
}
