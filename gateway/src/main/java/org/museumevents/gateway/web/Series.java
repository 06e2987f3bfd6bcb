package org.museumevents.gateway.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A series with its recurrence and its events (drafts too, for its organisers); {@code
 * eventDefaults} as far as the pages read them: the interpretation languages and registration
 * questions its occurrences start with (issue 17's "Follow this series" form asks them).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Series(
        UUID id,
        String organisation,
        Map<String, String> title,
        Map<String, String> description,
        String defaultLanguage,
        Recurrence recurrence,
        List<Event> events,
        Defaults eventDefaults) {

    public Series {
        title = title == null ? Map.of() : title;
        description = description == null ? Map.of() : description;
        events = events == null ? List.of() : events;
        eventDefaults = eventDefaults == null ? new Defaults(null, null) : eventDefaults;
    }

    public Series(
            UUID id,
            String organisation,
            Map<String, String> title,
            Map<String, String> description,
            String defaultLanguage,
            Recurrence recurrence,
            List<Event> events) {
        this(id, organisation, title, description, defaultLanguage, recurrence, events, null);
    }

    /** What each new occurrence starts with, as far as the pages use it; never null lists. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Defaults(List<String> interpretation, List<Event.Question> questions) {

        public Defaults {
            interpretation = interpretation == null ? List.of() : interpretation;
            questions = questions == null ? List.of() : questions;
        }
    }

    /** The same series without its events, for lists that show only its name. */
    public Series withoutEvents() {
        return new Series(id, organisation, title, description, defaultLanguage, recurrence, List.of(), eventDefaults);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Recurrence(String rule, LocalDateTime start, Integer durationMinutes, String timeZone) {}
}
