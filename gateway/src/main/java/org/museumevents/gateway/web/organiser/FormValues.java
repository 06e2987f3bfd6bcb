package org.museumevents.gateway.web.organiser;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.museumevents.gateway.web.TextChecks;

/** What the event and series forms read their fields with. */
final class FormValues {

    /** The value of an {@code <input type="datetime-local">}. */
    static final DateTimeFormatter LOCAL_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private FormValues() {}

    /** A multilingual text from its three fields, leaving out the languages left blank. */
    static Map<String, String> texts(String fr, String en, String es) {
        Map<String, String> texts = new LinkedHashMap<>();
        if (!blank(fr)) {
            texts.put("fr", fr.strip());
        }
        if (!blank(en)) {
            texts.put("en", en.strip());
        }
        if (!blank(es)) {
            texts.put("es", es.strip());
        }
        return texts;
    }

    /** Nothing visible: whitespace and format characters only (the services' rule, {@link TextChecks}). */
    static boolean blank(String value) {
        return TextChecks.isBlank(value);
    }
}
