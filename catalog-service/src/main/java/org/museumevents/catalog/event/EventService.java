package org.museumevents.catalog.event;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.museumevents.catalog.event.EventRepository.EventQuery;
import org.museumevents.starter.outbox.Outbox;
import org.museumevents.starter.problem.Problems;
import org.museumevents.starter.security.Organisers;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Loads an event, lets it change itself, saves it with its messages in one transaction. */
@Service
public class EventService {

    static final String TOPIC = "catalog.events";

    private final EventRepository events;
    private final Outbox outbox;
    private final Clock clock;

    EventService(EventRepository events, Outbox outbox, Clock clock) {
        this.events = events;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public EventView create(String organisation, EventDetails details) {
        checkSeries(organisation, details.seriesId());
        Event event = Event.draft(organisation, details);
        events.insert(event);
        return event.view();
    }

    @Transactional
    public EventView replace(UUID id, String organisation, Long expectedVersion, EventDetails details) {
        Event event = ownEvent(id, organisation);
        checkVersion(event, expectedVersion);
        checkSeries(organisation, details.seriesId());
        long readVersion = event.version();
        event.replace(details);
        return save(event, readVersion);
    }

    @Transactional
    public EventView publish(UUID id, String organisation) {
        Event event = ownEvent(id, organisation);
        long readVersion = event.version();
        event.publish(clock.instant());
        return save(event, readVersion);
    }

    @Transactional
    EventView cancel(UUID id, String organisation) {
        Event event = ownEvent(id, organisation);
        long readVersion = event.version();
        event.cancel();
        return readVersion == event.version() ? event.view() : save(event, readVersion);
    }

    /** An event as the caller may see it: organisers of its organisation see drafts and the meeting. */
    @Transactional(readOnly = true)
    EventView find(UUID id) {
        Event event = events.find(id).orElseThrow(() -> Problems.notFound("The event"));
        if (Organisers.isOrganiserOf(event.organisation())) {
            return event.view();
        }
        if (!event.isVisibleToPublic()) {
            throw Problems.notFound("The event");
        }
        return event.publicView();
    }

    @Transactional(readOnly = true)
    public Page<EventView> list(EventFilter filter, int page, int size) {
        List<EventStatus> statuses = List.of(EventStatus.PUBLISHED);
        boolean own = filter.organisation() != null && Organisers.isOrganiserOf(filter.organisation());
        if (filter.status() != null) {
            if (filter.status() != EventStatus.PUBLISHED && !own) {
                throw Problems.of(
                        HttpStatus.FORBIDDEN,
                        "forbidden",
                        "Forbidden",
                        "Only an organisation's organisers list its " + filter.status()
                                + " events; filter by your organisation.");
            }
            statuses = List.of(filter.status());
        }
        Instant endedAfter = filter.from() == null && filter.to() == null ? clock.instant() : null;
        EventQuery query = new EventQuery(
                statuses,
                filter.organisation(),
                filter.series(),
                filter.from(),
                filter.to(),
                endedAfter,
                filter.q() == null || filter.q().isBlank() ? null : filter.q().trim(),
                filter.partnerOrganisation() == null
                                || filter.partnerOrganisation().isBlank()
                        ? null
                        : filter.partnerOrganisation());
        List<EventView> content = events.search(query, page * size, size).stream()
                .map(e -> own ? e.view() : e.publicView())
                .toList();
        return Page.of(content, page, size, events.count(query));
    }

    /**
     * The events shown with a page of series, loaded in one statement whatever the number of series
     * (a listing once ran two queries per series). Anyone sees a series' PUBLISHED events without
     * their meeting; the organisers of a series (in {@code ownSeriesIds}) see its drafts and
     * cancelled events too, meeting included. Each series shows at most {@code perStatusLimit}
     * events of each status, the soonest first.
     *
     * @param seriesIds the series of the page
     * @param ownSeriesIds those the caller organises
     * @return per series id, its events ordered by start (a series without events is absent)
     */
    @Transactional(readOnly = true)
    public Map<UUID, List<EventView>> inSeries(Set<UUID> seriesIds, Set<UUID> ownSeriesIds, int perStatusLimit) {
        Map<UUID, List<EventView>> bySeries = new HashMap<>();
        for (Event event : events.inSeries(seriesIds, ownSeriesIds, perStatusLimit)) {
            EventView view = ownSeriesIds.contains(event.seriesId()) ? event.view() : event.publicView();
            bySeries.computeIfAbsent(event.seriesId(), id -> new ArrayList<>()).add(view);
        }
        return bySeries;
    }

    /** Where the next occurrences of a series continue from: the latest local start, in the series' zone. */
    @Transactional(readOnly = true)
    public java.util.Optional<java.time.LocalDateTime> lastStartInSeries(UUID seriesId) {
        return events.lastStartInSeries(seriesId);
    }

    private EventView save(Event event, long readVersion) {
        if (!events.update(event, readVersion)) {
            throw stale();
        }
        EventView view = event.view();
        Instant now = clock.instant();
        for (Event.Change change : event.takeChanges()) {
            UUID messageId = UUID.randomUUID();
            outbox.add(
                    TOPIC,
                    event.id().toString(),
                    change.name(),
                    messageId,
                    now,
                    new CatalogEventMessage(messageId, change.name(), now, view));
        }
        return view;
    }

    private Event ownEvent(UUID id, String organisation) {
        Event event = events.find(id).orElseThrow(() -> Problems.notFound("The event"));
        if (!event.organisation().equals(organisation)) {
            // Another organisation's event: answer as if it did not exist, revealing nothing.
            throw Problems.notFound("The event");
        }
        return event;
    }

    private void checkSeries(String organisation, UUID seriesId) {
        if (seriesId != null
                && !events.seriesOrganisation(seriesId)
                        .map(organisation::equals)
                        .orElse(false)) {
            throw Problems.unprocessable("unknown-series", "The series does not exist in your organisation.");
        }
    }

    private static void checkVersion(Event event, Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != event.version()) {
            throw stale();
        }
    }

    private static RuntimeException stale() {
        return Problems.of(
                HttpStatus.PRECONDITION_FAILED,
                "stale-version",
                "Precondition failed",
                "The event changed since you read it; read it again and reapply your change.");
    }

    /** Filters of the public listing; null does not filter. */
    /**
     * What the listing is asked for; null fields do not filter.
     *
     * @param partnerOrganisation a slug: only events naming it in {@code partnerOrganisations} (issue 16)
     */
    public record EventFilter(
            LocalDate from,
            LocalDate to,
            String q,
            UUID series,
            String organisation,
            EventStatus status,
            String partnerOrganisation) {}

    /** The message on {@code catalog.events}: the whole event, meeting and version included. */
    record CatalogEventMessage(UUID id, String type, Instant occurredAt, EventView event) {}
}
