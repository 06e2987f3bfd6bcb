package org.museumevents.notification.email;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.museumevents.notification.event.EventSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The event as an iCalendar entry (ical4j) with its VTIMEZONE. The UID is the catalog's
 * ({@code <eventId>@museum-events}) and SEQUENCE the event's version, so calendars update one
 * entry; a cancellation is METHOD:CANCEL. The join link appears only in a confirmed registrant's.
 *
 * <p>A zone that is a fixed offset ({@code UTC+1}, {@code +02:00}, {@code Z}, which the catalog
 * refuses now but older events and other producers may carry), or any zone ical4j fails on (4.1.1
 * throws a NullPointerException for offset ids), is written in UTC times without VTIMEZONE: the
 * same instants, and never a failed email.
 */
@Component
class CalendarEntry {

    private static final Logger log = LoggerFactory.getLogger(CalendarEntry.class);

    private final TimeZoneRegistry timeZones =
            TimeZoneRegistryFactory.getInstance().createRegistry();
    private final EmailProperties properties;

    CalendarEntry(EmailProperties properties) {
        this.properties = properties;
    }

    String methodOf(Letter letter) {
        return letter.kind().withdrawsCalendarEntry() ? "CANCEL" : "REQUEST";
    }

    String write(Letter letter) {
        TimeZone timeZone = ical4jZone(letter.event());
        if (timeZone != null) {
            try {
                return write(letter, timeZone);
            } catch (RuntimeException e) {
                log.warn(
                        "Calendar entry of event {} written in UTC: its zone failed ({})",
                        letter.event().id(),
                        e.getClass().getSimpleName());
            }
        }
        return write(letter, null);
    }

    /** The zone as ical4j knows it, or null for a fixed offset or a zone ical4j cannot give. */
    private TimeZone ical4jZone(EventSnapshot event) {
        try {
            if (event.zone().normalized() instanceof ZoneOffset) {
                return null;
            }
            return timeZones.getTimeZone(event.timeZone());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** With {@code timeZone} null, in UTC times and without VTIMEZONE. */
    private String write(Letter letter, TimeZone timeZone) {
        EventSnapshot event = letter.event();
        String language = letter.registrant().language();
        VEvent vevent;
        if (timeZone != null) {
            ZoneId zone = event.zone();
            vevent = new VEvent(event.start().atZone(zone), event.end().atZone(zone), event.title(language));
        } else {
            vevent = new VEvent(event.startsAt(), event.endsAt(), event.title(language));
        }
        vevent.add(new Uid(event.id() + "@museum-events"));
        vevent.add(new Sequence((int) Math.min(Integer.MAX_VALUE, event.version())));
        boolean cancel = letter.kind().withdrawsCalendarEntry();
        vevent.add(new Status(cancel ? "CANCELLED" : "CONFIRMED"));
        vevent.add(new Organizer(URI.create("mailto:" + address(properties.from()))));
        Attendee attendee = new Attendee(URI.create("mailto:" + letter.recipient()));
        attendee.add(Rsvp.FALSE);
        attendee.add(new Cn(letter.registrant().name()));
        vevent.add(attendee);
        boolean join =
                letter.joinDetails() && !cancel && !event.cancelled() && event.online() && event.meeting() != null;
        List<String> description = new ArrayList<>();
        if (join) {
            description.add(event.meeting().url());
            if (event.meeting().meetingId() != null) {
                description.add("Meeting ID: " + event.meeting().meetingId());
            }
            if (event.meeting().passcode() != null) {
                description.add("Passcode: " + event.meeting().passcode());
            }
        }
        if (letter.registrant().manageUrl() != null) {
            description.add(letter.registrant().manageUrl());
        }
        if (!description.isEmpty()) {
            vevent.add(new Description(String.join("\n", description)));
        }
        String venue = venue(event);
        if (venue != null) {
            vevent.add(new Location(join ? venue + " / " + event.meeting().url() : venue));
        } else {
            vevent.add(new Location(join ? event.meeting().url() : "Online"));
        }
        vevent.add(new Url(link(join ? event.meeting().url() : properties.eventUrl(event.id()))));
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Museum Events//Notification//EN"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        Method method = cancel ? ImmutableMethod.CANCEL : ImmutableMethod.REQUEST;
        calendar.add(method);
        if (timeZone != null) {
            calendar.add(timeZone.getVTimeZone());
        }
        calendar.add(vevent);
        return calendar.toString();
    }

    static String venue(EventSnapshot event) {
        if (!event.inPerson() || event.venue() == null) {
            return null;
        }
        EventSnapshot.Venue venue = event.venue();
        return String.join(
                ", ",
                Stream.of(venue.name(), venue.address(), venue.city(), venue.country())
                        .filter(part -> part != null && !part.isBlank())
                        .toList());
    }

    private URI link(String url) {
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            return URI.create(properties.eventUrl(""));
        }
    }

    private static String address(String from) {
        try {
            return new InternetAddress(from).getAddress();
        } catch (AddressException e) {
            return from;
        }
    }
}
