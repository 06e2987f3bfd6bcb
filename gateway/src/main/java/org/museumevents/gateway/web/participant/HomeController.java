package org.museumevents.gateway.web.participant;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.museumevents.gateway.web.CatalogClient;
import org.museumevents.gateway.web.CatalogClient.EventQuery;
import org.museumevents.gateway.web.Event;
import org.museumevents.gateway.web.PageOf;
import org.museumevents.gateway.web.PlainWords;
import org.museumevents.gateway.web.Series;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Upcoming published events, filtered and searched with the parameters of {@code GET /api/events}.
 * A view asks the catalog twice at most (a page of events, the series' names), both kept a few
 * seconds by {@link CatalogClient}.
 */
@Controller
class HomeController {

    static final int PAGE_SIZE = 10;

    /** An organisation's slug as the catalog spells it: only such a one gets a calendar link. */
    private static final java.util.regex.Pattern ORGANISATION = java.util.regex.Pattern.compile("[a-z0-9-]{2,64}");

    private final CatalogClient catalog;
    private final PlainWords words;

    HomeController(CatalogClient catalog, PlainWords words) {
        this.catalog = catalog;
        this.words = words;
    }

    /** The filters as typed, to show them back. */
    public record Filters(String from, String to, String q, String organisation, String series) {}

    @GetMapping("/")
    String home(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String organisation,
            @RequestParam(required = false) String series,
            @RequestParam(defaultValue = "0") String page,
            HttpServletRequest request,
            Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate fromDate = date(from, "from", errors);
        LocalDate toDate = date(to, "to", errors);
        if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) {
            errors.put("to", words.message("home.error.toBeforeFrom"));
            toDate = null;
        }
        UUID seriesId = uuid(series);
        String search = q == null || q.isBlank() ? null : q.strip();
        if (search != null && search.length() > 200) {
            search = search.substring(0, 200);
        }
        String org = organisation == null || organisation.isBlank() || organisation.length() > 64 ? null : organisation;
        int pageNumber = pageNumber(page);

        PageOf<Event> events =
                catalog.events(new EventQuery(fromDate, toDate, search, seriesId, org, null, pageNumber, PAGE_SIZE));
        List<Series> allSeries = catalog.publicSeries();
        TreeSet<String> organisations = new TreeSet<>();
        allSeries.forEach(s -> organisations.add(s.organisation()));
        events.content().forEach(e -> organisations.add(e.organisation()));
        if (org != null) {
            organisations.add(org);
        }

        if (org != null && ORGANISATION.matcher(org).matches()) {
            model.addAttribute(
                    "organisationCalendar",
                    SeriesPageController.webcal(request, "/api/organisations/" + org + "/calendar.ics"));
        }
        model.addAttribute("events", events);
        model.addAttribute("allSeries", allSeries);
        model.addAttribute("organisations", organisations);
        model.addAttribute("filters", new Filters(from, to, q, org, seriesId == null ? null : seriesId.toString()));
        model.addAttribute(
                "filtered", fromDate != null || toDate != null || search != null || org != null || seriesId != null);
        model.addAttribute("errors", errors);
        UriComponentsBuilder here = UriComponentsBuilder.fromPath("/").query(request.getQueryString());
        if (events.hasPrevious()) {
            model.addAttribute(
                    "previousPage",
                    here.cloneBuilder()
                            .replaceQueryParam("page", pageNumber - 1)
                            .build()
                            .toUriString());
        }
        if (events.hasNext()) {
            model.addAttribute(
                    "nextPage",
                    here.cloneBuilder()
                            .replaceQueryParam("page", pageNumber + 1)
                            .build()
                            .toUriString());
        }
        return "index";
    }

    @GetMapping("/privacy")
    String privacy() {
        return "privacy";
    }

    private LocalDate date(String value, String field, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.put(field, words.message("form.error.date"));
            return null;
        }
    }

    private static UUID uuid(String value) {
        try {
            return value == null || value.isBlank() ? null : UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int pageNumber(String value) {
        try {
            return Math.min(Math.max(0, Integer.parseInt(value)), 10_000);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
