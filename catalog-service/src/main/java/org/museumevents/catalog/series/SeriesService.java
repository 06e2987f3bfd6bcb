package org.museumevents.catalog.series;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.museumevents.catalog.event.CalendarFeeds;
import org.museumevents.catalog.event.EventService;
import org.museumevents.catalog.event.EventView;
import org.museumevents.catalog.event.Language;
import org.museumevents.catalog.event.Page;
import org.museumevents.starter.problem.Problems;
import org.museumevents.starter.security.Organisers;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class SeriesService {

    /** At most this many events of each status per series in a series' answer, the soonest first. */
    static final int MAX_EVENTS_SHOWN = 100;

    private final SeriesRepository series;
    private final EventService events;
    private final CalendarFeeds feeds;

    SeriesService(SeriesRepository series, EventService events, CalendarFeeds feeds) {
        this.series = series;
        this.events = events;
        this.feeds = feeds;
    }

    @Transactional
    public SeriesView create(String organisation, SeriesDetails details) {
        details.check(organisation);
        Series created = new Series(UUID.randomUUID(), organisation, details);
        series.insert(created);
        return new SeriesView(created.id(), organisation, details, List.of());
    }

    @Transactional(readOnly = true)
    SeriesView find(UUID id) {
        return views(List.of(series.find(id).orElseThrow(() -> Problems.notFound("The series"))))
                .get(0);
    }

    /**
     * The series' public calendar feed (issue 17, {@link CalendarFeeds}): two statements, the series
     * and its events. A series exists for anyone as soon as it is created (as {@code GET
     * /api/series/{id}} shows it): one whose occurrences are not published yet has an empty feed, which
     * fills as they are.
     *
     * @param id the series
     * @param language the language of the texts ({@code ?lang=}), null for the default ones
     * @return the iCalendar text
     * @throws org.springframework.web.ErrorResponseException 404 for an unknown series
     */
    @Transactional(readOnly = true)
    String calendar(UUID id, Language language) {
        Series found = series.find(id).orElseThrow(() -> Problems.notFound("The series"));
        SeriesDetails details = found.details();
        return feeds.ofSeries(id, found.organisation(), details.title(), details.defaultLanguage(), language);
    }

    /** A page of series with their events: three statements (page, count, events) whatever the page holds. */
    @Transactional(readOnly = true)
    Page<SeriesView> list(String organisation, int page, int size) {
        List<SeriesView> content = views(series.list(organisation, page * size, size));
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

    /**
     * The series as the caller sees them, their events loaded in one statement: anyone sees the
     * published ones; the organisers of a series also its drafts and cancelled events, and the
     * meeting of its defaults.
     */
    private List<SeriesView> views(List<Series> page) {
        Set<UUID> ids = new LinkedHashSet<>();
        Set<UUID> own = new HashSet<>();
        for (Series s : page) {
            ids.add(s.id());
            if (Organisers.isOrganiserOf(s.organisation())) {
                own.add(s.id());
            }
        }
        Map<UUID, List<EventView>> events = this.events.inSeries(ids, own, MAX_EVENTS_SHOWN);
        return page.stream()
                .map(s -> new SeriesView(
                        s.id(),
                        s.organisation(),
                        own.contains(s.id()) ? s.details() : s.details().withoutMeeting(),
                        events.getOrDefault(s.id(), List.of())))
                .toList();
    }
}
