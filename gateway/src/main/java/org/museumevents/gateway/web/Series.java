package org.museumevents.gateway.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A series with its recurrence and its events (drafts too, for its organisers). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Series(
        UUID id,
        String organisation,
        Map<String, String> title,
        Map<String, String> description,
        String defaultLanguage,
        Recurrence recurrence,
        List<Event> events) {

    public Series {
        title = title == null ? Map.of() : title;
        description = description == null ? Map.of() : description;
        events = events == null ? List.of() : events;
    }

    /** The same series without its events, for lists that show only its name. */
    public Series withoutEvents() {
        return new Series(id, organisation, title, description, defaultLanguage, recurrence, List.of());
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Recurrence(String rule, LocalDateTime start, Integer durationMinutes, String timeZone) {}
}
