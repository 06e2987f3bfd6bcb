package org.museumevents.notification.email;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.parameter.TzId;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.museumevents.notification.event.EventSnapshot;
import org.museumevents.starter.calendar.ContentLines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The event as an iCalendar attachment (ical4j), in the registrant's language, with its VTIMEZONE.
 * The UID is the catalog's ({@code <eventId>@museum-events}), so that calendars keep one entry per
 * event; a withdrawal is METHOD:CANCEL. The join link appears only in a confirmed registrant's.
 *
 * <ul>
 *   <li>SEQUENCE is given by the caller ({@link CalendarSequenceRepository#next}): above the last
 *       one the same address received for the event, never less than the event's version (RFC
 *       5545 §3.8.7.4).
 *   <li>Times are written as local times in the zone the VTIMEZONE defines (under its TZID, the
 *       canonical name of an alias: {@code Asia/Kolkata} for {@code Asia/Calcutta}), computed from
 *       the event's instants with the JDK's rules. ical4j's own conversion of a {@code
 *       ZonedDateTime} misplaces them where the definition has no recurring observance: 13:00 in
 *       Kathmandu (+05:45) became 12:45, in Abidjan 12:43:52, in Buenos Aires 14:00.
 *   <li>Lines are folded at 75 octets, never inside a character ({@link ContentLines}, RFC 5545
 *       §3.1).
 *   <li>A zone that is a fixed offset ({@code UTC+1}, {@code +02:00}, {@code Z}, which the catalog
 *       refuses now but older events and other producers may carry), or any zone ical4j fails on
 *       (4.1.1 throws a NullPointerException for offset ids), is written in UTC times without
 *       VTIMEZONE: the same instants, and never a failed email.
 * </ul>
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

    /**
     * The attachment's text.
     *
     * @param letter the email it goes with
     * @param locale the language of the email, for the texts of DESCRIPTION and LOCATION
     * @param messages the {@code mail/messages} bundles ({@code calendar.*} keys)
     * @param sequence the SEQUENCE to write, 0 to {@link CalendarSequenceRepository#MAX_SEQUENCE}
     * @return iCalendar text in CRLF-terminated lines of at most 75 octets of UTF-8
     */
    String write(Letter letter, Locale locale, MessageSource messages, long sequence) {
        Times times = times(letter.event());
        VEvent vevent = new VEvent();
        vevent.add(times.start());
        vevent.add(times.end());
        EventSnapshot event = letter.event();
        vevent.add(new Summary(ContentLines.text(event.title(locale.getLanguage()))));
        vevent.add(new Uid(event.id() + "@museum-events"));
        vevent.add(new Sequence((int) Math.min(CalendarSequenceRepository.MAX_SEQUENCE, Math.max(0, sequence))));
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
            description.add(messages.getMessage(
                    "calendar.join", new Object[] {event.meeting().url()}, locale));
            if (event.meeting().meetingId() != null) {
                description.add(messages.getMessage(
                        "calendar.meetingId", new Object[] {event.meeting().meetingId()}, locale));
            }
            if (event.meeting().passcode() != null) {
                description.add(messages.getMessage(
                        "calendar.passcode", new Object[] {event.meeting().passcode()}, locale));
            }
        }
        // As in the email itself: nothing to manage once the registration or the event is over.
        if (!cancel && letter.mayAttend() && letter.registrant().manageUrl() != null) {
            description.add(messages.getMessage(
                    "calendar.manage", new Object[] {letter.registrant().manageUrl()}, locale));
        }
        if (!description.isEmpty()) {
            vevent.add(new Description(ContentLines.text(String.join("\n", description))));
        }
        String venue = venue(event);
        if (venue != null) {
            vevent.add(new Location(
                    ContentLines.text(join ? venue + " / " + event.meeting().url() : venue)));
        } else {
            vevent.add(
                    new Location(join ? event.meeting().url() : messages.getMessage("calendar.online", null, locale)));
        }
        vevent.add(new Url(link(join ? event.meeting().url() : properties.eventUrl(event.id()))));
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Museum Events//Notification//EN"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        Method method = cancel ? ImmutableMethod.CANCEL : ImmutableMethod.REQUEST;
        calendar.add(method);
        times.definition().ifPresent(calendar::add);
        calendar.add(vevent);
        return ContentLines.fold(calendar.toString());
    }

    /**
     * Local times in the zone the VTIMEZONE defines, or, for a fixed offset or a zone ical4j cannot
     * define, UTC instants without one.
     */
    private Times times(EventSnapshot event) {
        try {
            if (!(event.zone().normalized() instanceof ZoneOffset)) {
                VTimeZone definition = timeZones.getTimeZone(event.timeZone()).getVTimeZone();
                String tzid = definition.getTimeZoneId().getValue();
                ZoneId named = ZoneId.of(tzid);
                ParameterList zone = new ParameterList(List.of(new TzId(tzid)));
                return new Times(
                        Optional.of(definition),
                        new DtStart<>(zone, event.startsAt().atZone(named).toLocalDateTime()),
                        new DtEnd<>(zone, event.endsAt().atZone(named).toLocalDateTime()));
            }
        } catch (RuntimeException e) {
            log.warn(
                    "Calendar entry of event {} written in UTC: its zone failed ({})",
                    event.id(),
                    e.getClass().getSimpleName());
        }
        return new Times(Optional.empty(), new DtStart<>(event.startsAt()), new DtEnd<>(event.endsAt()));
    }

    private record Times(Optional<VTimeZone> definition, DtStart<?> start, DtEnd<?> end) {}

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
