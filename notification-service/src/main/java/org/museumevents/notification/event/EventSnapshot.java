package org.museumevents.notification.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The fields of a catalog event that emails and reminders read, as the catalog announces it on
 * {@code catalog.events}. Unknown fields are ignored so the catalog can add some freely. {@code
 * followUp} is null when the event has none (and in a copy kept before issue 15).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventSnapshot(
        UUID id,
        String organisation,
        String status,
        Map<String, String> title,
        Map<String, String> description,
        String defaultLanguage,
        String format,
        LocalDateTime start,
        LocalDateTime end,
        String timeZone,
        Venue venue,
        Meeting meeting,
        List<String> interpretation,
        List<String> reminders,
        Instant startsAt,
        Instant endsAt,
        long version,
        FollowUp followUp) {

    public EventSnapshot {
        title = title == null ? Map.of() : title;
        description = description == null ? Map.of() : description;
        interpretation = interpretation == null ? List.of() : interpretation;
        reminders = reminders == null ? List.of() : reminders;
        if (startsAt == null && start != null && timeZone != null) {
            startsAt = start.atZone(ZoneId.of(timeZone)).toInstant();
        }
        if (endsAt == null && end != null && timeZone != null) {
            endsAt = end.atZone(ZoneId.of(timeZone)).toInstant();
        }
        // PostgreSQL keeps microseconds: a reminder's due time (start minus offset) is stored in a
        // timestamptz and compared with the one computed from here. An organiser's start with
        // nanoseconds (the catalog accepts any ISO-8601 local time) would otherwise never equal
        // its stored reminder: planning would move it on every message (lapsing the claim of one
        // in flight) and the dispatcher would drop it as stale.
        startsAt = startsAt == null ? null : startsAt.truncatedTo(ChronoUnit.MICROS);
        endsAt = endsAt == null ? null : endsAt.truncatedTo(ChronoUnit.MICROS);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Venue(String name, String address, String city, String country) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Meeting(String url, String meetingId, String passcode) {}

    /**
     * When the follow-up falls due: the end plus its delay (UTC instant, to the microsecond as
     * PostgreSQL keeps it); empty when there is none, or its delay cannot be read.
     */
    public java.util.Optional<Instant> followUpAt() {
        if (followUp == null || endsAt == null) {
            return java.util.Optional.empty();
        }
        return followUp.delay().map(delay -> endsAt.plus(delay).truncatedTo(ChronoUnit.MICROS));
    }

    /** Whether the announced fields are enough to write an email about the event. */
    @JsonIgnore
    public boolean isComplete() {
        return id != null
                && organisation != null
                && status != null
                && start != null
                && end != null
                && timeZone != null
                && defaultLanguage != null
                && zoneIsValid();
    }

    private boolean zoneIsValid() {
        try {
            ZoneId.of(timeZone);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public boolean cancelled() {
        return "CANCELLED".equals(status);
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public boolean online() {
        return !"IN_PERSON".equals(format);
    }

    public boolean inPerson() {
        return "IN_PERSON".equals(format) || "HYBRID".equals(format);
    }

    /** The text in {@code language}, else in the event's default language, else any. */
    public static String inLanguage(Map<String, String> texts, String language, String defaultLanguage) {
        String text = texts.get(language);
        if (text == null || text.isBlank()) {
            text = texts.get(defaultLanguage);
        }
        if (text == null || text.isBlank()) {
            text = texts.values().stream()
                    .filter(t -> t != null && !t.isBlank())
                    .findFirst()
                    .orElse("");
        }
        return text;
    }

    public String title(String language) {
        return inLanguage(title, language, defaultLanguage);
    }

    public String description(String language) {
        return inLanguage(description, language, defaultLanguage);
    }

    /** The reminder offsets that parse as positive ISO-8601 durations; others are ignored. */
    public List<Duration> reminderOffsets() {
        return reminders.stream()
                .map(EventSnapshot::parseOffset)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
    }

    private static Duration parseOffset(String text) {
        try {
            Duration offset = Duration.parse(text);
            return offset.isNegative() || offset.isZero() ? null : offset;
        } catch (DateTimeParseException | NullPointerException e) {
            return null;
        }
    }

    /**
     * Whether a registrant must hear about the change: when or where it happens, or how to join.
     * Titles, descriptions and capacity change nothing for someone already registered.
     */
    public boolean practicalDetailsDifferFrom(EventSnapshot other) {
        return !Objects.equals(startsAt, other.startsAt)
                || !Objects.equals(endsAt, other.endsAt)
                || !Objects.equals(start, other.start)
                || !Objects.equals(timeZone, other.timeZone)
                || !Objects.equals(format, other.format)
                || !Objects.equals(venue, other.venue)
                || !Objects.equals(meeting, other.meeting);
    }
}
