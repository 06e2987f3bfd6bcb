package org.museumevents.notification.email;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.museumevents.notification.event.FollowUp;
import org.museumevents.starter.input.TextRules;

/**
 * What an organiser wrote to an event's registrants (issue 15): a subject and a plain-text body,
 * each in one or more of the platform's languages ({@code fr}, {@code en}, {@code es}), with
 * placeholders that are filled for each registrant when the email is written.
 *
 * <p>The placeholders: {@code {name}}, {@code {event}} (the title in the email's language), {@code
 * {start}} (date and time in the event's own zone, as the other emails write it), and {@code
 * {joinUrl}}, {@code {meetingId}}, {@code {passcode}}, which are filled for confirmed registrants
 * of an online event only, and left empty for everyone else. They are replaced in one pass: a
 * value that itself looks like a placeholder (a registrant named "{passcode}") stays as it is.
 *
 * <p>An event's follow-up (kind {@code FOLLOW_UP}) is written from the same shape: its text as the
 * body, its links, and no subject (the service writes one from the event's title); its text is
 * written as given, without placeholders.
 *
 * @param subject the subject by language code, one line each (empty for a follow-up)
 * @param body the body by language code, plain text
 * @param links a follow-up's links, in order; empty (never null) for a message
 * @param attestation (issue 16) whether this follow-up, to an attendee, says that their attestation
 *     of attendance can be downloaded from their registration's page, with its link
 */
public record MessageText(
        Map<String, String> subject, Map<String, String> body, List<FollowUp.Link> links, boolean attestation) {

    /** The placeholders, in the order the API documentation lists them. */
    public static final List<String> PLACEHOLDERS =
            List.of("name", "event", "start", "joinUrl", "meetingId", "passcode");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(name|event|start|joinUrl|meetingId|passcode)}");

    private static final List<String> LANGUAGES = List.of("fr", "en", "es");

    public MessageText {
        subject = subject == null ? Map.of() : Map.copyOf(subject);
        body = body == null ? Map.of() : Map.copyOf(body);
        links = links == null ? List.of() : List.copyOf(links);
    }

    /** An organiser's message or a follow-up, without attestation. */
    public MessageText(Map<String, String> subject, Map<String, String> body, List<FollowUp.Link> links) {
        this(subject, body, links, false);
    }

    /** The same text, saying (or not) that the reader's attestation can be downloaded. */
    public MessageText withAttestation(boolean offered) {
        return new MessageText(subject, body, links, offered);
    }

    /** An organiser's message: a subject and a body, no links. */
    public MessageText(Map<String, String> subject, Map<String, String> body) {
        this(subject, body, List.of());
    }

    /**
     * The language to write in from {@code texts}: the registrant's, else the event's default, else
     * the first given of {@code fr}, {@code en}, {@code es}.
     *
     * @return a language code among the texts' keys; {@code preferred} when none is given at all
     */
    static String languageOf(Map<String, String> texts, String preferred, String defaultLanguage) {
        if (given(texts, preferred)) {
            return preferred;
        }
        if (given(texts, defaultLanguage)) {
            return defaultLanguage;
        }
        return LANGUAGES.stream()
                .filter(language -> given(texts, language))
                .findFirst()
                .orElse(preferred);
    }

    /**
     * The one language a registrant's email is written in, frame and texts alike: the first of the
     * registrant's language, the event's default language, then {@code fr}, {@code en}, {@code es},
     * in which both the subject and the body are given; when no language has both, the body's
     * ({@link #languageOf}), the subject then following its own order.
     *
     * @param preferred the registrant's language code, possibly null
     * @param defaultLanguage the event's default language code
     * @return a language code in which the body is given (or {@code preferred} when none is)
     */
    public String languageFor(String preferred, String defaultLanguage) {
        List<String> order = new java.util.ArrayList<>();
        order.add(preferred);
        order.add(defaultLanguage);
        order.addAll(LANGUAGES);
        for (String language : order) {
            if (given(subject, language) && given(body, language)) {
                return language;
            }
        }
        return languageOf(body, preferred, defaultLanguage);
    }

    private static boolean given(Map<String, String> texts, String language) {
        String text = language == null ? null : texts.get(language);
        return !TextRules.isBlank(text);
    }

    /**
     * The text with its placeholders replaced by {@code values} (a missing value: empty), in one
     * pass.
     */
    static String fill(String text, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value == null ? "" : value));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }
}
