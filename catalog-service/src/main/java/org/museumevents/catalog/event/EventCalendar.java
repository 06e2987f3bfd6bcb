package org.museumevents.catalog.event;

import java.net.URI;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.springframework.stereotype.Component;

/**
 * The event as iCalendar (ical4j), with its VTIMEZONE. Never the meeting secrets: the join
 * details reach confirmed registrants by email only. The UID is stable per event
 * ({@code <id>@museum-events}) so the notifier's attachments update the same calendar entry.
 */
@Component
class EventCalendar {

    private final TimeZoneRegistry timeZones =
            TimeZoneRegistryFactory.getInstance().createRegistry();
    private final CatalogProperties properties;

    EventCalendar(CatalogProperties properties) {
        this.properties = properties;
    }

    String publicCalendar(EventView event) {
        // Whatever view it is handed, an organiser's included, the calendar starts without the meeting.
        EventDetails details = event.details().withoutMeeting();
        ZoneId zone = ZoneId.of(details.timeZone());
        String title = details.title().get(details.defaultLanguage());
        VEvent vevent = new VEvent(details.start().atZone(zone), details.end().atZone(zone), title);
        vevent.add(new Uid(event.id() + "@museum-events"));
        vevent.add(new Sequence((int) Math.min(Integer.MAX_VALUE, event.version())));
        vevent.add(event.status() == EventStatus.CANCELLED ? new Status("CANCELLED") : new Status("CONFIRMED"));
        String description = details.description().get(details.defaultLanguage());
        if (description != null && !description.isBlank()) {
            vevent.add(new Description(description));
        }
        if (details.venue() != null) {
            EventDetails.Venue venue = details.venue();
            vevent.add(new Location(String.join(
                    ", ",
                    java.util.stream.Stream.of(venue.name(), venue.address(), venue.city(), venue.country())
                            .filter(part -> part != null && !part.isBlank())
                            .toList())));
        } else {
            vevent.add(new Location("Online"));
        }
        vevent.add(new Url(URI.create(properties.eventUrl(event.id()))));
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Museum Events//Catalog//EN"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(ImmutableMethod.PUBLISH);
        calendar.add(timeZones.getTimeZone(details.timeZone()).getVTimeZone());
        calendar.add(vevent);
        return calendar.toString();
    }

    static ZonedDateTime at(java.time.LocalDateTime local, String zone) {
        return local.atZone(ZoneId.of(zone));
    }
}
