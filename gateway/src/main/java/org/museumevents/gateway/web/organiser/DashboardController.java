package org.museumevents.gateway.web.organiser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.museumevents.gateway.web.CatalogClient;
import org.museumevents.gateway.web.CatalogClient.EventQuery;
import org.museumevents.gateway.web.Event;
import org.museumevents.gateway.web.RegistrationClient;
import org.museumevents.gateway.web.RegistrationStats;
import org.museumevents.gateway.web.ServiceProblem;
import org.museumevents.gateway.web.ServiceUnavailable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Where an organiser lands: their organisation's upcoming events by status, drafts included
 * ({@code GET /api/events?organisation=…&status=…} with their token), each with its counts; then
 * the published events their organisation co-organises ({@code GET
 * /api/events?partnerOrganisation=…}, issue 16), whose registrations they may read.
 */
@Controller
class DashboardController {

    static final List<String> STATUSES = List.of("DRAFT", "PUBLISHED", "CANCELLED");

    private final CatalogClient catalog;
    private final RegistrationClient registrations;

    DashboardController(CatalogClient catalog, RegistrationClient registrations) {
        this.catalog = catalog;
        this.registrations = registrations;
    }

    /** An event with its registration counts; null counts for a draft or when they cannot be read. */
    public record Row(Event event, RegistrationStats stats) {}

    /** Door staff land on the check-in page instead: nothing else is theirs. */
    @GetMapping("/organiser")
    @CheckInPage
    String dashboard(Organiser organiser, Model model) {
        if (organiser.door()) {
            return "redirect:/organiser/check-in";
        }
        Map<String, List<Row>> byStatus = new LinkedHashMap<>();
        boolean countsUnavailable = false;
        for (String status : STATUSES) {
            List<Row> rows = new ArrayList<>();
            for (Event event : catalog.events(
                            new EventQuery(null, null, null, null, organiser.organisation(), status, 0, 100),
                            organiser.token())
                    .content()) {
                RegistrationStats stats = null;
                if (!event.isDraft()) {
                    try {
                        stats = registrations.stats(event.id(), organiser.token());
                    } catch (ServiceUnavailable e) {
                        countsUnavailable = true;
                    } catch (ServiceProblem e) {
                        // Not yet known to registration-service (just published): no counts yet.
                    }
                }
                rows.add(new Row(event, stats));
            }
            byStatus.put(status, rows);
        }
        List<Row> partnered = new ArrayList<>();
        for (Event event : catalog.events(
                        new EventQuery(null, null, null, null, null, null, 0, 100, organiser.organisation()),
                        organiser.token())
                .content()) {
            if (!event.isPartner(organiser.organisation())) {
                // Only what names the organisation among its partners, whatever the listing returned.
                continue;
            }
            RegistrationStats stats = null;
            try {
                stats = registrations.stats(event.id(), organiser.token());
            } catch (ServiceUnavailable e) {
                countsUnavailable = true;
            } catch (ServiceProblem e) {
                // Not yet known to registration-service, or not yet told of the partnership.
            }
            partnered.add(new Row(event.withoutMeeting(), stats));
        }
        model.addAttribute("organisation", organiser.organisation());
        model.addAttribute("eventsByStatus", byStatus);
        model.addAttribute("partnered", partnered);
        model.addAttribute("countsUnavailable", countsUnavailable);
        model.addAttribute(
                "series",
                catalog.seriesList(organiser.organisation(), organiser.token()).content());
        return "organiser/dashboard";
    }
}
