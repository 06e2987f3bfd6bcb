package org.museumevents.catalog.series;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.museumevents.catalog.event.EventService;
import org.museumevents.catalog.event.EventService.EventFilter;
import org.museumevents.catalog.event.EventStatus;
import org.museumevents.catalog.event.EventView;
import org.museumevents.catalog.event.Page;
import org.museumevents.starter.problem.Problems;
import org.museumevents.starter.security.Organisers;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class SeriesService {

    static final int MAX_EVENTS_SHOWN = 100;

    private final SeriesRepository series;
    private final EventService events;

    SeriesService(SeriesRepository series, EventService events) {
        this.series = series;
        this.events = events;
    }

    @Transactional
    public SeriesView create(String organisation, SeriesDetails details) {
        details.check();
        Series created = new Series(UUID.randomUUID(), organisation, details);
        series.insert(created);
        return new SeriesView(created.id(), organisation, details, List.of());
    }

    @Transactional(readOnly = true)
    SeriesView find(UUID id) {
        return view(series.find(id).orElseThrow(() -> Problems.notFound("The series")));
    }

    @Transactional(readOnly = true)
    Page<SeriesView> list(String organisation, int page, int size) {
        List<SeriesView> content = series.list(organisation, page * size, size).stream()
                .map(this::view)
                .toList();
        return Page.of(content, page, size, series.count(organisation));
    }

    /** Creates the next occurrences after the series' latest event, as drafts. */
    @Transactional
    public List<EventView> createOccurrences(UUID id, String organisation, OccurrencesRequest request) {
        Series found = series.findForUpdate(id)
                .filter(s -> s.organisation().equals(organisation))
                .orElseThrow(() -> Problems.notFound("The series"));
        Recurrence recurrence = found.details().recurrence();
        LocalDateTime after = events.lastStartInSeries(id).orElse(null);
        if (request.from() != null) {
            LocalDateTime beforeFrom = request.from().atStartOfDay().minusSeconds(1);
            after = after == null || after.isBefore(beforeFrom) ? beforeFrom : after;
        }
        LocalDateTime until = request.until() == null ? null : request.until().atTime(23, 59, 59);
        int count = request.count() == null ? OccurrencesRequest.MAX_COUNT : request.count();
        List<EventView> created = new ArrayList<>();
        for (LocalDateTime start : recurrence.occurrences(after, count, until)) {
            created.add(events.create(organisation, found.details().occurrence(id, start)));
        }
        return created;
    }

    private SeriesView view(Series s) {
        boolean own = Organisers.isOrganiserOf(s.organisation());
        // Organisers see every status of their series' events; the public only what is published.
        EventFilter filter = new EventFilter(
                java.time.LocalDate.of(1970, 1, 1),
                null,
                null,
                s.id(),
                s.organisation(),
                own ? null : EventStatus.PUBLISHED);
        List<EventView> shown =
                new ArrayList<>(events.list(filter, 0, MAX_EVENTS_SHOWN).content());
        if (own) {
            for (EventStatus status : List.of(EventStatus.DRAFT, EventStatus.CANCELLED)) {
                shown.addAll(events.list(
                                new EventFilter(filter.from(), null, null, s.id(), s.organisation(), status),
                                0,
                                MAX_EVENTS_SHOWN)
                        .content());
            }
            shown.sort(java.util.Comparator.comparing(EventView::startsAt));
        }
        // The defaults' meeting is the organisers' only, like an event's.
        return new SeriesView(
                s.id(), s.organisation(), own ? s.details() : s.details().withoutMeeting(), shown);
    }
}
