package org.museumevents.gateway.web;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** A service's problem told in the visitor's language: its reason's message, else its own detail. */
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
        if (problem.detail() != null && !problem.detail().isBlank()) {
            return problem.detail();
        }
        return messages.getMessage("problem.unknown", null, "The request could not be completed.", locale);
    }

    public String message(String key, Object... arguments) {
        return messages.getMessage(key, arguments, key, LocaleContextHolder.getLocale());
    }
}
