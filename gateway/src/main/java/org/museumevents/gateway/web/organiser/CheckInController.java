package org.museumevents.gateway.web.organiser;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.museumevents.gateway.web.CatalogClient;
import org.museumevents.gateway.web.CatalogClient.EventQuery;
import org.museumevents.gateway.web.Event;
import org.museumevents.gateway.web.PlainWords;
import org.museumevents.gateway.web.Problem;
import org.museumevents.gateway.web.RegistrationClient;
import org.museumevents.gateway.web.RegistrationClient.CheckIn;
import org.museumevents.gateway.web.ServiceProblem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Check-in at the door (issue 16), made for a phone: a landing listing the upcoming published
 * in-person and hybrid events of the organisation and of those it co-organises ({@code
 * partnerOrganisations}), and per
 * event a page that scans a registrant's QR code (the check-in code, 22 base64url characters), takes
 * the code typed or pasted, or finds a person by name or email ({@code GET
 * /api/events/{id}/check-ins?q=}) to check in with one tap; then says the outcome in large type,
 * with an undo. For the organisation's organisers, its door staff, and the partners' organisers and
 * door staff; registration-service decides who may check in, these pages only ask it.
 */
@Controller
class CheckInController {

    /** A check-in code as registration-service issues it; anything else is not sent. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final CatalogClient catalog;
    private final RegistrationClient registrations;
    private final PlainWords words;

    CheckInController(CatalogClient catalog, RegistrationClient registrations, PlainWords words) {
        this.catalog = catalog;
        this.registrations = registrations;
        this.words = words;
    }

    /**
     * What the page shows after a check-in.
     *
     * @param outcome {@code welcome}, {@code already}, {@code not-confirmed}, {@code another-event},
     *     {@code unknown-code}, {@code online-event}, {@code not-found} or {@code undone}
     * @param name the registrant's name, for {@code welcome} and {@code already}
     * @param time when first checked in, {@code HH:mm} in the event's time zone
     * @param registrationId what the undo button undoes
     */
    public record Result(String outcome, String message, String name, String time, UUID registrationId)
            // A flash attribute: kept in the HTTP session, which Spring Session serialises.
            implements java.io.Serializable {

        public boolean isCheckedIn() {
            return "welcome".equals(outcome) || "already".equals(outcome);
        }
    }

    @GetMapping("/organiser/check-in")
    @CheckInPage
    String landing(Organiser organiser, Model model) {
        // The public listing: published events only, without meeting details, for door staff too.
        List<Event> own = catalog.events(
                        new EventQuery(LocalDate.now(), null, null, null, organiser.organisation(), null, 0, 100, null))
                .content();
        List<Event> partnered = catalog.events(
                        new EventQuery(LocalDate.now(), null, null, null, null, null, 0, 100, organiser.organisation()))
                .content();
        Map<UUID, Event> events = new LinkedHashMap<>();
        own.forEach(event -> events.put(event.id(), event));
        partnered.stream()
                .filter(event -> event.isPartner(organiser.organisation()))
                .forEach(event -> events.putIfAbsent(event.id(), event));
        // Nobody checks in at the door of an online event.
        List<Event> upcoming = new ArrayList<>(events.values().stream()
                .filter(event -> !event.isCancelled() && event.isInPerson())
                .toList());
        upcoming.sort((a, b) -> a.startInstant().compareTo(b.startInstant()));
        model.addAttribute("organisation", organiser.organisation());
        model.addAttribute("events", upcoming);
        return "organiser/check-in-events";
    }

    @GetMapping("/organiser/events/{id}/check-in")
    @CheckInPage
    String page(@PathVariable UUID id, @RequestParam(required = false) String q, Organiser organiser, Model model) {
        Event event = doorEvent(id, organiser);
        model.addAttribute("event", event);
        model.addAttribute("partner", event.isPartner(organiser.organisation()));
        String search = q == null ? null : q.strip();
        model.addAttribute("q", search);
        if (search != null && !search.isEmpty()) {
            if (search.length() < 2 || search.length() > 100) {
                model.addAttribute("searchProblem", words.message("checkIn.searchLength"));
            } else {
                try {
                    List<RegistrationClient.Found> found = registrations.searchCheckIns(id, search, organiser.token());
                    model.addAttribute("found", found);
                    Map<UUID, String> times = new LinkedHashMap<>();
                    found.forEach(person -> times.put(person.registrationId(), time(person.checkedInAt(), event)));
                    model.addAttribute("foundTimes", times);
                } catch (ServiceProblem e) {
                    if (e.status() == 404) {
                        throw e;
                    }
                    // The scan and the code field still work: the refusal is said by the search box.
                    model.addAttribute("searchProblem", words.of(e.problem()));
                }
            }
        }
        return "organiser/check-in";
    }

    /** A code (scanned or typed) or a registration picked in the search; the outcome comes back as a flash. */
    @PostMapping("/organiser/events/{id}/check-in")
    @CheckInPage
    String checkIn(
            @PathVariable UUID id,
            @RequestParam(required = false) String code,
            @RequestParam(required = false) String registrationId,
            Organiser organiser,
            RedirectAttributes redirect) {
        Event event = doorEvent(id, organiser);
        String typed = code == null ? "" : code.strip();
        UUID picked = uuid(registrationId);
        Result result;
        if (picked == null && !CODE.matcher(typed).matches()) {
            result = outcome("unknown-code", null, null, null);
        } else {
            try {
                CheckIn done = registrations.checkIn(id, picked == null ? typed : null, picked, organiser.token());
                result = outcome(
                        done.first() ? "welcome" : "already",
                        done.name(),
                        time(done.checkedInAt(), event),
                        done.registrationId());
            } catch (ServiceProblem e) {
                if (e.status() != 404 && e.status() != 409) {
                    throw e;
                }
                result = outcome(refusal(e), null, null, null);
            }
        }
        redirect.addFlashAttribute("result", result);
        redirect.addAttribute("id", id);
        return "redirect:/organiser/events/{id}/check-in";
    }

    @PostMapping("/organiser/events/{id}/check-in/{registration}/undo")
    @CheckInPage
    String undo(
            @PathVariable UUID id, @PathVariable UUID registration, Organiser organiser, RedirectAttributes redirect) {
        doorEvent(id, organiser);
        Result result;
        try {
            registrations.undoCheckIn(id, registration, organiser.token());
            result = outcome("undone", null, null, null);
        } catch (ServiceProblem e) {
            if (e.status() != 404) {
                throw e;
            }
            result = outcome("not-found", null, null, null);
        }
        redirect.addFlashAttribute("result", result);
        redirect.addAttribute("id", id);
        return "redirect:/organiser/events/{id}/check-in";
    }

    private Result outcome(String outcome, String name, String time, UUID registrationId) {
        String message =
                switch (outcome) {
                    case "welcome" -> words.message("checkIn.welcome", name);
                    case "already" -> words.message("checkIn.already", name, time);
                    default -> words.message("checkIn." + outcome);
                };
        return new Result(outcome, message, name, time, registrationId);
    }

    private static String refusal(ServiceProblem e) {
        String reason = e.reason();
        return switch (reason) {
            case "unknown-code", "another-event", "not-confirmed", "online-event" -> reason;
            default -> e.status() == 404 ? "not-found" : "not-confirmed";
        };
    }

    /**
     * The event as anyone sees it (published, no meeting details), if the organisation owns it or
     * co-organises it; else the not-found page, as for another organisation's event.
     */
    private Event doorEvent(UUID id, Organiser organiser) {
        Event event = catalog.event(id);
        if (!organiser.organisation().equals(event.organisation()) && !event.isPartner(organiser.organisation())) {
            throw new ServiceProblem(new Problem(null, "Not Found", 404, null, List.of()));
        }
        return event;
    }

    private static String time(java.time.Instant instant, Event event) {
        return instant == null ? null : TIME.format(instant.atZone(event.zone()));
    }

    private static UUID uuid(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
