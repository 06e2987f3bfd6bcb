package org.museumevents.catalog.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.museumevents.starter.input.TextRules;
import org.museumevents.starter.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public calendar feeds of issue 17 (docs/api.md, Catalog): {@code GET
 * /api/series/{seriesId}/calendar.ics} and {@code GET /api/organisations/{slug}/calendar.ics}, which a
 * calendar application subscribes to (also as {@code webcal://}) and fetches again about every hour.
 * Each holds the events ever published (PUBLISHED, and CANCELLED ones with {@code STATUS:CANCELLED},
 * so that subscribers drop them; never a draft), written as each event's own {@code calendar.ics}
 * writes it ({@link EventCalendar}): same UID, {@code SEQUENCE} the event's version, so a moved or
 * cancelled event updates the entry already in the calendar; never the meeting's details.
 *
 * <p>Bounded, whatever the catalogue holds: the events not ended more than {@link #HISTORY} (90 days)
 * ago, soonest first, at most {@link #MAX_EVENTS} (500): one statement for the events, one more for an
 * organisation's feed when it holds none.
 */
@Service
public class CalendarFeeds {

    /** The most events a feed holds: the soonest of those it would hold. */
    public static final int MAX_EVENTS = 500;

    /** How long after its end an event stays in the feeds. */
    public static final Duration HISTORY = Duration.ofDays(90);

    /** What clients and caches may keep a feed for without asking again, in seconds. */
    static final long MAX_AGE_SECONDS = 300;

    private final EventRepository events;
    private final EventCalendar calendar;
    private final Clock clock;

    CalendarFeeds(EventRepository events, EventCalendar calendar, Clock clock) {
        this.events = events;
        this.calendar = calendar;
        this.clock = clock;
    }

    /**
     * A series' feed. The caller has found the series (an unknown one is its 404 to answer).
     *
     * @param seriesId the series
     * @param organisation the series' organisation: only its events are written
     * @param title the series' title by language: the calendar's name
     * @param defaultLanguage the series' default language, for the name when {@code language} has none
     * @param language the language of the names and texts ({@code ?lang=}), null for each one's default
     * @return the iCalendar text
     */
    @Transactional(readOnly = true)
    public String ofSeries(
            UUID seriesId,
            String organisation,
            Map<Language, String> title,
            Language defaultLanguage,
            Language language) {
        List<EventView> feed = publicViews(events.feed(seriesId, organisation, since(), MAX_EVENTS));
        return calendar.feed(name(title, defaultLanguage, language), feed, language);
    }

    /**
     * An organisation's feed: its events, a series' or not (not those it is only a partner of).
     *
     * @param organisation the organisation's slug
     * @param language the language of the texts ({@code ?lang=}), null for each event's default
     * @return the iCalendar text, named after the slug (the catalog knows no other name); possibly
     *     without events, when those it published ended long ago
     * @throws org.springframework.web.ErrorResponseException 404 when the organisation never
     *     published an event (the catalog knows organisations only by their events)
     */
    @Transactional(readOnly = true)
    public String ofOrganisation(String organisation, Language language) {
        if (!organisation.matches(EventDetails.SLUG)) {
            throw Problems.notFound("The organisation");
        }
        List<Event> found = events.feed(null, organisation, since(), MAX_EVENTS);
        if (found.isEmpty() && !events.hasPublished(organisation)) {
            throw Problems.notFound("The organisation");
        }
        return calendar.feed(organisation, publicViews(found), language);
    }

    /**
     * The answer carrying a feed: {@code text/calendar;charset=UTF-8}, {@code Cache-Control: public,
     * max-age=300}, and a weak {@code ETag} of its content (every line but {@code DTSTAMP}, the time
     * it was written), with which Spring answers a matching {@code If-None-Match} 304.
     *
     * @param ics the iCalendar text
     * @param filename the name a browser saves it under, e.g. {@code series-<id>.ics}
     */
    public static ResponseEntity<String> answer(String ics, String filename) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "calendar", StandardCharsets.UTF_8))
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=" + MAX_AGE_SECONDS)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + filename + "\"")
                .eTag(etag(ics))
                .body(ics);
    }

    /** {@code W/"<hash>"}: equal for two feeds that differ only in when they were written. */
    static String etag(String ics) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String line : ics.split("\r\n")) {
                if (!line.startsWith("DTSTAMP")) {
                    digest.update(line.getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) '\n');
                }
            }
            return "W/\"" + HexFormat.of().formatHex(digest.digest(), 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private Instant since() {
        return clock.instant().minus(HISTORY);
    }

    private static List<EventView> publicViews(List<Event> found) {
        return found.stream().map(Event::publicView).toList();
    }

    private static String name(Map<Language, String> title, Language defaultLanguage, Language language) {
        String name = language == null ? null : title.get(language);
        if (name == null || TextRules.isBlank(name)) {
            name = defaultLanguage == null ? null : title.get(defaultLanguage);
        }
        if (name == null || TextRules.isBlank(name)) {
            name = title.values().stream()
                    .filter(text -> !TextRules.isBlank(text))
                    .findFirst()
                    .orElse("");
        }
        return name;
    }
}
