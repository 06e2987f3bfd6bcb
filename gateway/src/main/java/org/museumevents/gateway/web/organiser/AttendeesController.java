package org.museumevents.gateway.web.organiser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.museumevents.gateway.web.CatalogClient;
import org.museumevents.gateway.web.Event;
import org.museumevents.gateway.web.NotificationClient;
import org.museumevents.gateway.web.PageOf;
import org.museumevents.gateway.web.PlainWords;
import org.museumevents.gateway.web.Registration;
import org.museumevents.gateway.web.RegistrationClient;
import org.museumevents.gateway.web.RegistrationStats;
import org.museumevents.gateway.web.ServiceProblem;
import org.museumevents.gateway.web.Views;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An event's registrations for its organisers: the list by status, attendance and search,
 * decisions on pending ones, cancelling one (after a confirmation), the CSV export, statistics,
 * the delivery log; attendance (issue 16): marking one registrant attended or not, importing a
 * webinar tool's CSV. Organisers of a partner organisation ({@code partnerOrganisations}) read the
 * list, statistics and CSV only: the page offers them no action, and the services refuse them any.
 */
@Controller
class AttendeesController {

    /** The statuses the list filters on; RELEASED (issue 17): a place given back after an unanswered reconfirmation. */
    static final List<String> STATUSES =
            List.of("CONFIRMED", "WAITLISTED", "PENDING", "REJECTED", "CANCELLED", "RELEASED");

    static final int PAGE_SIZE = 50;

    private final CatalogClient catalog;
    private final RegistrationClient registrations;
    private final NotificationClient notifications;
    private final PlainWords words;
    private final Views views;

    AttendeesController(
            CatalogClient catalog,
            RegistrationClient registrations,
            NotificationClient notifications,
            PlainWords words,
            Views views) {
        this.catalog = catalog;
        this.registrations = registrations;
        this.notifications = notifications;
        this.words = words;
        this.views = views;
    }

    @GetMapping("/organiser/events/{id}/attendees")
    String attendees(
            @PathVariable UUID id,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String attended,
            @RequestParam(defaultValue = "0") int page,
            Organiser organiser,
            Model model) {
        Event event = OwnEvents.readable(catalog, id, organiser);
        boolean owner = organiser.organisation().equals(event.organisation());
        model.addAttribute("owner", owner);
        Boolean attendedFilter =
                "true".equals(attended) ? Boolean.TRUE : "false".equals(attended) ? Boolean.FALSE : null;
        model.addAttribute("attended", attendedFilter == null ? null : attendedFilter.toString());
        String statusFilter = statusFilter(status);
        String search = q == null || q.isBlank() ? null : q.strip();
        if (search != null && search.length() > 200) {
            search = search.substring(0, 200);
        }
        model.addAttribute("event", event);
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("status", statusFilter);
        model.addAttribute("q", search);
        if (event.isDraft()) {
            // registration-service hears of an event when it is published.
            model.addAttribute("attendees", null);
            return "organiser/attendees";
        }
        try {
            PageOf<Registration> list = registrations.attendees(
                    id, statusFilter, attendedFilter, search, Math.max(0, page), PAGE_SIZE, organiser.token());
            RegistrationStats stats = registrations.stats(id, organiser.token());
            model.addAttribute("attendees", list);
            model.addAttribute("stats", stats);
            model.addAttribute("answers", AnswerTable.of(event, list.content(), stats, views, words));
            Map<UUID, String> times = new HashMap<>();
            list.content().stream()
                    .filter(r -> r.checkedInAt() != null)
                    .forEach(r -> times.put(
                            r.id(),
                            DateTimeFormatter.ofPattern("HH:mm")
                                    .format(r.checkedInAt().atZone(event.zone()))));
            model.addAttribute("checkInTimes", times);
        } catch (ServiceProblem e) {
            if (e.status() != 404) {
                throw e;
            }
            model.addAttribute("attendees", null);
        }
        return "organiser/attendees";
    }

    /** The service's CSV, passed on as a download. */
    @GetMapping("/organiser/events/{id}/attendees.csv")
    ResponseEntity<byte[]> csv(
            @PathVariable UUID id,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String q,
            Organiser organiser) {
        byte[] csv = registrations.attendeesCsv(
                id, statusFilter(status), q == null || q.isBlank() ? null : q, organiser.token());
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("attendees-" + id + ".csv")
                                .build()
                                .toString())
                .body(csv == null ? new byte[0] : csv);
    }

    @GetMapping("/organiser/events/{id}/notifications")
    String deliveries(@PathVariable UUID id, Organiser organiser, Model model) {
        Event event = OwnEvents.event(catalog, id, organiser).value();
        model.addAttribute("event", event);
        try {
            model.addAttribute("deliveries", notifications.deliveries(id, organiser.token()));
        } catch (ServiceProblem e) {
            if (e.status() != 404) {
                throw e;
            }
            model.addAttribute("deliveries", List.of());
        }
        return "organiser/notifications";
    }

    @PostMapping("/organiser/registrations/{registration}/approve")
    String approve(
            @PathVariable UUID registration,
            @RequestParam UUID event,
            Organiser organiser,
            RedirectAttributes redirect) {
        return decide(
                event,
                redirect,
                "organiser.flash.approved",
                () -> registrations.approve(registration, organiser.token()));
    }

    @PostMapping("/organiser/registrations/{registration}/reject")
    String reject(
            @PathVariable UUID registration,
            @RequestParam UUID event,
            Organiser organiser,
            RedirectAttributes redirect) {
        return decide(
                event,
                redirect,
                "organiser.flash.rejected",
                () -> registrations.reject(registration, organiser.token()));
    }

    @GetMapping("/organiser/registrations/{registration}/cancel")
    String confirmCancel(@PathVariable UUID registration, Organiser organiser, Model model) {
        Registration found = registrations.asOrganiser(registration, organiser.token());
        Event event = OwnEvents.event(catalog, found.eventId(), organiser).value();
        if (!found.isActive() || event.isCancelled()) {
            // Nothing left to cancel: back to the list, which says the registration's state.
            return "redirect:/organiser/events/" + event.id() + "/attendees";
        }
        model.addAttribute("registration", found);
        model.addAttribute("event", event);
        return "organiser/registration-cancel";
    }

    @PostMapping("/organiser/registrations/{registration}/cancel")
    String cancel(
            @PathVariable UUID registration,
            @RequestParam UUID event,
            Organiser organiser,
            RedirectAttributes redirect) {
        return decide(
                event,
                redirect,
                "organiser.flash.registrationCancelled",
                () -> registrations.cancelAsOrganiser(registration, organiser.token()));
    }

    /** Marks a confirmed registrant attended or not (issue 16): the event's own organisers only. */
    @PostMapping("/organiser/events/{id}/attendance/{registration}")
    String markAttendance(
            @PathVariable UUID id,
            @PathVariable UUID registration,
            @RequestParam boolean attended,
            Organiser organiser,
            RedirectAttributes redirect) {
        OwnEvents.event(catalog, id, organiser);
        return decide(
                id,
                redirect,
                attended ? "organiser.flash.attended" : "organiser.flash.unattended",
                () -> registrations.markAttendance(id, registration, attended, organiser.token()));
    }

    /**
     * A webinar tool's attendance CSV, passed on as {@code text/csv} to registration-service, which
     * matches it by email; the page says its counts.
     *
     * @param minMinutes the least total duration that counts, in minutes (0 to 1440), or none
     */
    @PostMapping("/organiser/events/{id}/attendance")
    String importAttendance(
            @PathVariable UUID id,
            @RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) Integer minMinutes,
            Organiser organiser,
            RedirectAttributes redirect)
            throws IOException {
        OwnEvents.event(catalog, id, organiser);
        redirect.addAttribute("id", id);
        if (file == null || file.isEmpty()) {
            redirect.addFlashAttribute("problemMessage", words.message("organiser.import.noFile"));
            return "redirect:/organiser/events/{id}/attendees";
        }
        Integer minimum = minMinutes == null ? null : Math.max(0, Math.min(1440, minMinutes));
        try {
            RegistrationClient.AttendanceImport counts =
                    registrations.importAttendance(id, file.getBytes(), minimum, organiser.token());
            redirect.addFlashAttribute(
                    "flash",
                    words.message(
                            "organiser.import.result",
                            counts.rows(),
                            counts.matched(),
                            counts.alreadyAttended(),
                            counts.unmatched(),
                            counts.belowMinimum()));
            redirect.addFlashAttribute("importCounts", counts);
        } catch (ServiceProblem e) {
            if (e.status() == 404) {
                throw e;
            }
            redirect.addFlashAttribute("problemMessage", words.of(e.problem()));
        }
        return "redirect:/organiser/events/{id}/attendees";
    }

    /** One of the statuses, or none: anything else would be a 400 from the service. */
    private static String statusFilter(String status) {
        return status != null && STATUSES.contains(status) ? status : null;
    }

    private String decide(UUID event, RedirectAttributes redirect, String done, Runnable decision) {
        try {
            decision.run();
            redirect.addFlashAttribute("flash", words.message(done));
        } catch (ServiceProblem e) {
            if (e.status() == 404) {
                throw e;
            }
            redirect.addFlashAttribute("problemMessage", words.of(e.problem()));
        }
        redirect.addAttribute("id", event);
        return "redirect:/organiser/events/{id}/attendees";
    }
}
