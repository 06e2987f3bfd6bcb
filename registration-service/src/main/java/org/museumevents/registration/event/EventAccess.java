package org.museumevents.registration.event;

import java.util.Optional;
import java.util.UUID;
import org.museumevents.starter.problem.Problems;
import org.museumevents.starter.security.Organisers;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

/**
 * Who may do what with an event's registrations (docs/api.md, "Who may do what"; issue 16): its
 * own organisation's organisers everything; its partner organisations' organisers read (attendees,
 * CSV, stats) and check people in; the door staff of either check people in only. A caller with no
 * access to the event at all gets 404 and no data, as if it did not exist; a partner or door caller
 * attempting what only the owner may do on an event it may read gets 403.
 */
@Component
public class EventAccess {

    private final EventRepository events;

    EventAccess(EventRepository events) {
        this.events = events;
    }

    /**
     * The event for reading its registrations: the caller is an organiser of its owner or of one of
     * its partners.
     *
     * @throws ErrorResponseException 404 {@code not-found} otherwise (also for an unknown event)
     */
    public Event readable(UUID eventId) {
        Optional<String> organisation = Organisers.current();
        return events.find(eventId)
                .filter(event -> organisation.filter(event::isOwnerOrPartner).isPresent())
                .orElseThrow(() -> Problems.notFound("The event"));
    }

    /**
     * The event for checking people in and searching them at the door: the caller is an organiser
     * or door staff of its owner or of one of its partners.
     *
     * @throws ErrorResponseException 404 {@code not-found} otherwise (also for an unknown event)
     */
    public Event forCheckIn(UUID eventId) {
        Optional<String> organisation = Organisers.checkInStaff();
        return events.find(eventId)
                .filter(event -> organisation.filter(event::isOwnerOrPartner).isPresent())
                .orElseThrow(() -> Problems.notFound("The event"));
    }

    /**
     * The event for what only its own organisers do (approve, reject, cancel for the registrant,
     * erase, see one registration, attendance).
     *
     * @param subject what the 404 names, e.g. {@code "The registration"} when the caller asked by a
     *     registration's id
     * @throws ErrorResponseException 403 {@code forbidden} for a partner's organiser or door staff
     *     of the owner or a partner; 404 {@code not-found} for anyone else (also for an unknown event)
     */
    public Event owned(UUID eventId, String subject) {
        Event event = events.find(eventId).orElseThrow(() -> Problems.notFound(subject));
        if (Organisers.isOrganiserOf(event.organisation())) {
            return event;
        }
        if (Organisers.checkInStaff().filter(event::isOwnerOrPartner).isPresent()) {
            throw Problems.of(
                    HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Only the event's own organisers may do this.");
        }
        throw Problems.notFound(subject);
    }

    /**
     * Whether the caller is an organiser of an organisation owning an event of the series (issue 17:
     * a series' followers), as known from the events' snapshots.
     *
     * @return false for an unknown series or anyone else
     */
    public boolean ownsSeries(UUID seriesId) {
        return events.seriesOrganisations(seriesId).stream().anyMatch(Organisers::isOrganiserOf);
    }
}
