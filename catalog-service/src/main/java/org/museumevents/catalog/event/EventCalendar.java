package org.museumevents.catalog.event;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.parameter.TzId;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RefreshInterval;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.museumevents.catalog.time.TimeZones;
import org.museumevents.starter.calendar.ContentLines;
import org.museumevents.starter.input.TextRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The event as iCalendar (ical4j), with its VTIMEZONE. Never the meeting secrets: the join
 * details reach confirmed registrants by email only. The UID is stable per event
 * ({@code <id>@museum-events}) so the notifier's attachments update the same calendar entry.
 *
 * <p>Every content line is folded to at most 75 octets of UTF-8 (RFC 5545 §3.1, {@link
 * ContentLines}), whatever the language of the texts; the answer is to be sent as UTF-8.
 *
 * <p>The same entries make the public calendar feeds of a series and of an organisation (issue 17,
 * {@link #feed}), so a calendar that holds an event from both its own {@code calendar.ics} and a
 * feed holds it once, and updates it from either.
 *
 * <p>A zone cannot make it fail: an event whose zone ical4j cannot write (one stored before the
 * catalog refused offsets such as {@code UTC+1}) gets its times in UTC, and a log line.
 */
@Component
class EventCalendar {

    private static final Logger log = LoggerFactory.getLogger(EventCalendar.class);

    /** How often a feed's subscribers should fetch it again (issue 17). */
    static final Duration FEED_REFRESH = Duration.ofHours(1);

    private final CatalogProperties properties;

    EventCalendar(CatalogProperties properties) {
        this.properties = properties;
    }

    /**
     * One event as iCalendar (its {@code calendar.ics}), texts in its default language.
     *
     * @param event the event, in any view: its meeting is never written
     * @return the folded iCalendar text, CRLF line ends
     */
    String publicCalendar(EventView event) {
        Calendar calendar = calendar();
        Entry entry = entry(event, null);
        entry.times().definition().ifPresent(calendar::add);
        calendar.add(entry.vevent());
        // ical4j's text is unfolded; RFC 5545 §3.1 wants lines of at most 75 octets.
        return ContentLines.fold(calendar.toString());
    }

    /**
     * A calendar feed (issue 17, {@link CalendarFeeds}): one VEVENT per event, each exactly as the
     * event's own {@code calendar.ics} writes it (same UID, SEQUENCE the event's version), the texts
     * in {@code language} where the event has them; one VTIMEZONE per zone used; the feed's name
     * ({@code X-WR-CALNAME}) and the refresh interval clients should poll at ({@code
     * REFRESH-INTERVAL}, RFC 7986, and {@code X-PUBLISHED-TTL}).
     *
     * @param name the calendar's name, e.g. the series' title
     * @param events the events, in the order to write them; their meetings are never written
     * @param language the language of titles and descriptions, null for each event's default one
     * @return the folded iCalendar text, CRLF line ends
     */
    String feed(String name, List<EventView> events, Language language) {
        Calendar calendar = calendar();
        // An X- property is written unescaped (ical4j 4.1.1): a line break in a name stored before
        // titles were single-line would end the content line; one line it is.
        calendar.add(new XProperty("X-WR-CALNAME", name.replaceAll("[\\p{Cntrl}\u0080-\u009F\u2028\u2029]+", " ")));
        calendar.add(new RefreshInterval(new ParameterList(List.of(Value.DURATION)), FEED_REFRESH));
        calendar.add(new XProperty("X-PUBLISHED-TTL", FEED_REFRESH.toString()));
        Map<String, VTimeZone> definitions = new LinkedHashMap<>();
        List<VEvent> vevents = new ArrayList<>();
        for (EventView event : events) {
            Entry entry = entry(event, language);
            entry.times()
                    .definition()
                    .ifPresent(definition ->
                            definitions.putIfAbsent(definition.getTimeZoneId().getValue(), definition));
            vevents.add(entry.vevent());
        }
        definitions.values().forEach(calendar::add);
        vevents.forEach(calendar::add);
        return ContentLines.fold(calendar.toString());
    }

    private static Calendar calendar() {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Museum Events//Catalog//EN"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(ImmutableMethod.PUBLISH);
        return calendar;
    }

    /** The event's VEVENT and the time zone definition its times are written in. */
    private Entry entry(EventView event, Language language) {
        // Whatever view it is handed, an organiser's included, the calendar starts without the meeting.
        EventDetails details = event.details().withoutMeeting();
        Times times = times(event, details);
        VEvent vevent = new VEvent();
        vevent.add(times.start());
        vevent.add(times.end());
        vevent.add(new Summary(ContentLines.text(inLanguage(details.title(), language, details.defaultLanguage()))));
        vevent.add(new Uid(event.id() + "@museum-events"));
        vevent.add(new Sequence((int) Math.min(Integer.MAX_VALUE, event.version())));
        vevent.add(event.status() == EventStatus.CANCELLED ? new Status("CANCELLED") : new Status("CONFIRMED"));
        String description = inLanguage(details.description(), language, details.defaultLanguage());
        if (description != null && !description.isBlank()) {
            vevent.add(new Description(ContentLines.text(description)));
        }
        if (details.venue() != null) {
            EventDetails.Venue venue = details.venue();
            vevent.add(new Location(ContentLines.text(String.join(
                    ", ",
                    Stream.of(venue.name(), venue.address(), venue.city(), venue.country())
                            .filter(part -> part != null && !part.isBlank())
                            .toList()))));
        } else {
            vevent.add(new Location("Online"));
        }
        vevent.add(new Url(URI.create(properties.eventUrl(event.id()))));
        return new Entry(vevent, times);
    }

    /** The text in {@code language} when it has one there, else in {@code fallback}. */
    private static String inLanguage(Map<Language, String> texts, Language language, Language fallback) {
        String text = language == null ? null : texts.get(language);
        return text == null || TextRules.isBlank(text) ? texts.get(fallback) : text;
    }

    /** Local times in the zone the calendar defines, or, when it cannot define the event's zone, UTC instants. */
    private static Times times(EventView event, EventDetails details) {
        try {
            VTimeZone definition = TimeZones.vTimeZone(details.timeZone())
                    .orElseThrow(() -> new IllegalArgumentException("no calendar definition"));
            // The definition's TZID may be the canonical name of the event's zone: the times are
            // written in it. As local times: ical4j's own conversion of a ZonedDateTime misplaces
            // them in zones whose definition has no recurring observance (13:00 in Kathmandu
            // became 12:45).
            String tzid = definition.getTimeZoneId().getValue();
            ZoneId named = ZoneId.of(tzid);
            ZoneId zone = ZoneId.of(details.timeZone());
            return new Times(
                    Optional.of(definition),
                    new DtStart<>(
                            named(tzid),
                            details.start()
                                    .atZone(zone)
                                    .withZoneSameInstant(named)
                                    .toLocalDateTime()),
                    new DtEnd<>(
                            named(tzid),
                            details.end()
                                    .atZone(zone)
                                    .withZoneSameInstant(named)
                                    .toLocalDateTime()));
        } catch (RuntimeException e) {
            log.warn(
                    "calendar.ics of event {} written in UTC: its time zone {} cannot be written ({})",
                    event.id(),
                    details.timeZone(),
                    e.getClass().getSimpleName());
            return new Times(Optional.empty(), new DtStart<>(event.startsAt()), new DtEnd<>(event.endsAt()));
        }
    }

    private static ParameterList named(String tzid) {
        return new ParameterList(List.of(new TzId(tzid)));
    }

    private record Times(Optional<VTimeZone> definition, DtStart<?> start, DtEnd<?> end) {}

    private record Entry(VEvent vevent, Times times) {}
}
