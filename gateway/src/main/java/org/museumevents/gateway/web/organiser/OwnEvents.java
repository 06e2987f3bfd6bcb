package org.museumevents.gateway.web.organiser;

import java.util.List;
import java.util.UUID;
import org.museumevents.gateway.web.CatalogClient;
import org.museumevents.gateway.web.CatalogClient.Versioned;
import org.museumevents.gateway.web.Event;
import org.museumevents.gateway.web.Problem;
import org.museumevents.gateway.web.Series;
import org.museumevents.gateway.web.ServiceProblem;

/**
 * How every organiser page loads the event or series it is about: from the catalog with the
 * organiser's token, and only if it belongs to the organiser's organisation. The catalog shows a
 * published event to anyone, so without this check an organiser could open another
 * organisation's event in the editor or the messages page; as the API does, such an event is
 * "not found" (a {@link ServiceProblem} 404, which the pages show as the not-found page).
 */
final class OwnEvents {

    private OwnEvents() {}

    /**
     * The event with its ETag, as its organisers see it.
     *
     * @throws ServiceProblem 404 when unknown or another organisation's
     */
    static Versioned<Event> event(CatalogClient catalog, UUID id, Organiser organiser) {
        Versioned<Event> event = catalog.event(id, organiser.token());
        if (!organiser.organisation().equals(event.value().organisation())) {
            throw notFound();
        }
        return event;
    }

    /**
     * An event the organiser may read the registrations of (issue 16): their organisation's, as its
     * organisers see it, or one naming their organisation among its {@code partnerOrganisations},
     * as anyone sees it (never its meeting details: those are the owner's).
     *
     * @throws ServiceProblem 404 when unknown, or neither the organisation's nor co-organised by it
     */
    static Event readable(CatalogClient catalog, UUID id, Organiser organiser) {
        Event event = catalog.event(id, organiser.token()).value();
        if (organiser.organisation().equals(event.organisation())) {
            return event;
        }
        if (!event.isPartner(organiser.organisation())) {
            throw notFound();
        }
        return event.withoutMeeting();
    }

    /**
     * The series, as its organisers see it.
     *
     * @throws ServiceProblem 404 when unknown or another organisation's
     */
    static Series series(CatalogClient catalog, UUID id, Organiser organiser) {
        Series series = catalog.series(id, organiser.token());
        if (!organiser.organisation().equals(series.organisation())) {
            throw notFound();
        }
        return series;
    }

    private static ServiceProblem notFound() {
        return new ServiceProblem(new Problem(null, "Not Found", 404, null, List.of()));
    }
}
