package org.museumevents.gateway.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * What the templates need to show the services' data in the visitor's language:
 * {@code ${@view.text(event.title, event.defaultLanguage)}}, dates in an event's zone...
 */
@Component("view")
public class Views {

    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }

    /** The text in the page's language when there is one, else in the default language, else any. */
    public String text(Map<String, String> texts, String defaultLanguage) {
        String language = textLanguage(texts, defaultLanguage);
        return language == null ? "" : texts.get(language);
    }

    /** The language of the text {@link #text} shows, for its {@code lang} attribute. */
    public String textLanguage(Map<String, String> texts, String defaultLanguage) {
        if (texts == null || texts.isEmpty()) {
            return null;
        }
        String wanted = locale().getLanguage();
        if (hasText(texts.get(wanted))) {
            return wanted;
        }
        if (defaultLanguage != null && hasText(texts.get(defaultLanguage))) {
            return defaultLanguage;
        }
        return texts.entrySet().stream()
                .filter(e -> hasText(e.getValue()))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
    }

    /** "Tuesday, February 16, 2027, 1:00 PM – 2:30 PM" in the event's own zone. */
    public String when(Event event) {
        if (event.start() == null || event.end() == null) {
            return "";
        }
        DateTimeFormatter date =
                DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale());
        DateTimeFormatter time =
                DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale());
        if (event.start().toLocalDate().equals(event.end().toLocalDate())) {
            return date.format(event.start()) + ", " + time.format(event.start()) + " – " + time.format(event.end());
        }
        return dateTime(event.start()) + " – " + dateTime(event.end());
    }

    public String dateTime(LocalDateTime value) {
        if (value == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL)
                        .withLocale(locale())
                        .format(value)
                + ", "
                + DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT)
                        .withLocale(locale())
                        .format(value);
    }

    public String shortDateTime(LocalDateTime value) {
        return value == null
                ? ""
                : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                        .withLocale(locale())
                        .format(value);
    }

    /** An instant as a wall-clock time in {@code zone} (the event's); UTC when the zone is unknown. */
    public String instant(Instant value, String zone) {
        if (value == null) {
            return "";
        }
        return dateTime(LocalDateTime.ofInstant(value, zoneOf(zone))) + " ("
                + zoneOf(zone).getId() + ")";
    }

    public String shortInstant(Instant value, String zone) {
        return value == null ? "" : shortDateTime(LocalDateTime.ofInstant(value, zoneOf(zone)));
    }

    /** "Central European Time (Europe/Paris)". */
    public String zone(String zone) {
        ZoneId id = zoneOf(zone);
        return id.getDisplayName(TextStyle.FULL, locale()) + " (" + id.getId() + ")";
    }

    public String iso(Instant value) {
        return value == null ? "" : value.toString();
    }

    /** The value of an {@code <input type="datetime-local">}. */
    public String inputValue(LocalDateTime value) {
        return value == null ? "" : INPUT.format(value);
    }

    /** "French", "français", "francés"... */
    public String languageName(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        String name = Locale.forLanguageTag(code).getDisplayLanguage(locale());
        if (name.isBlank() || name.equals(code)) {
            return code;
        }
        return name.substring(0, 1).toUpperCase(locale()) + name.substring(1);
    }

    /** "French, English, Spanish". */
    public String languageNames(java.util.List<String> codes) {
        return String.join(", ", codes.stream().map(this::languageName).toList());
    }

    /** The language's name in itself, for the language switcher. */
    public String nativeLanguageName(String code) {
        Locale language = Locale.forLanguageTag(code);
        String name = language.getDisplayLanguage(language);
        return name.substring(0, 1).toUpperCase(language) + name.substring(1);
    }

    private static ZoneId zoneOf(String zone) {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException | NullPointerException e) {
            return ZoneId.of("UTC");
        }
    }

    private static boolean hasText(String text) {
        return text != null && !text.isBlank();
    }
}
