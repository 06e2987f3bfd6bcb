package org.museumevents.catalog.event;

import java.net.URI;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.parameter.TzId;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.museumevents.catalog.time.TimeZones;
import org.museumevents.starter.calendar.ContentLines;
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
 * <p>A zone cannot make it fail: an event whose zone ical4j cannot write (one stored before the
 * catalog refused offsets such as {@code UTC+1}) gets its times in UTC, and a log line.
 */
@Component
class EventCalendar {

    private static final Logger log = LoggerFactory.getLogger(EventCalendar.class);

    private final CatalogProperties properties;

    EventCalendar(CatalogProperties properties) {
        this.properties = properties;
    }

    String publicCalendar(EventView event) {
        // Whatever view it is handed, an organiser's included, the calendar starts without the meeting.
        EventDetails details = event.details().withoutMeeting();
        Times times = times(event, details);
        VEvent vevent = new VEvent();
        vevent.add(times.start());
        vevent.add(times.end());
        vevent.add(new Summary(ContentLines.text(details.title().get(details.defaultLanguage()))));
        vevent.add(new Uid(event.id() + "@museum-events"));
        vevent.add(new Sequence((int) Math.min(Integer.MAX_VALUE, event.version())));
        vevent.add(event.status() == EventStatus.CANCELLED ? new Status("CANCELLED") : new Status("CONFIRMED"));
        String description = details.description().get(details.defaultLanguage());
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
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Museum Events//Catalog//EN"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(ImmutableMethod.PUBLISH);
        times.definition().ifPresent(calendar::add);
        calendar.add(vevent);
        // ical4j's text is unfolded; RFC 5545 §3.1 wants lines of at most 75 octets.
        return ContentLines.fold(calendar.toString());
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
}
