package org.museumevents.gateway.web.organiser;

import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.museumevents.gateway.web.CatalogClient;
import org.museumevents.gateway.web.CatalogClient.Versioned;
import org.museumevents.gateway.web.Event;
import org.museumevents.gateway.web.Languages;
import org.museumevents.gateway.web.PlainWords;
import org.museumevents.gateway.web.ServiceProblem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Creating and editing an event with every field of the contract. Editing sends back the ETag it
 * read as {@code If-Match}: a change made meanwhile by someone else is a 412, never overwritten.
 */
@Controller
class EventEditorController {

    static final List<String> FORMATS = List.of("ONLINE", "IN_PERSON", "HYBRID");
    static final List<String> ROLES = List.of("SPEAKER", "MODERATOR", "HOST", "PANELIST", "INTERPRETER");
    static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(zone -> zone.contains("/") && !zone.startsWith("Etc/") && !zone.startsWith("SystemV/"))
            .sorted()
            .toList();

    private final CatalogClient catalog;
    private final PlainWords words;

    EventEditorController(CatalogClient catalog, PlainWords words) {
        this.catalog = catalog;
        this.words = words;
    }

    @GetMapping("/organiser/events/new")
    String newEvent(@RequestParam(required = false) UUID series, Organiser organiser, Model model) {
        EventForm form = new EventForm();
        if (series != null) {
            form.setSeriesId(series.toString());
        }
        form.padPeople();
        return show(form, null, Map.of(), organiser, model);
    }

    @PostMapping("/organiser/events")
    String create(
            @ModelAttribute("form") EventForm form,
            Organiser organiser,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        EventForm.EventBody body = form.toBody(errors, words);
        if (!errors.isEmpty()) {
            response.setStatus(400);
            return again(form, null, errors, organiser, model);
        }
        try {
            Event created = catalog.create(body, organiser.token());
            redirect.addFlashAttribute("flash", words.message("organiser.flash.created"));
            redirect.addAttribute("id", created.id());
            return "redirect:/organiser/events/{id}";
        } catch (ServiceProblem e) {
            response.setStatus(e.status());
            return refused(e, form, null, organiser, model);
        }
    }

    @GetMapping("/organiser/events/{id}/edit")
    String edit(@PathVariable UUID id, Organiser organiser, Model model) {
        Versioned<Event> event = catalog.event(id, organiser.token());
        if (event.value().isCancelled()) {
            // The catalog refuses to change a cancelled event (409): no form that cannot be saved.
            return "redirect:/organiser/events/{id}";
        }
        EventForm form = EventForm.of(event.value(), event.etag());
        form.padPeople();
        return show(form, event.value(), Map.of(), organiser, model);
    }

    @PostMapping("/organiser/events/{id}/edit")
    String update(
            @PathVariable UUID id,
            @ModelAttribute("form") EventForm form,
            Organiser organiser,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        Event current = catalog.event(id, organiser.token()).value();
        Map<String, String> errors = new LinkedHashMap<>();
        EventForm.EventBody body = form.toBody(errors, words);
        if (!errors.isEmpty()) {
            response.setStatus(400);
            return again(form, current, errors, organiser, model);
        }
        try {
            catalog.replace(id, form.getEtag(), body, organiser.token());
            redirect.addFlashAttribute("flash", words.message("organiser.flash.saved"));
            return "redirect:/organiser/events/{id}";
        } catch (ServiceProblem e) {
            response.setStatus(e.status());
            if (e.status() == 412) {
                model.addAttribute("stale", true);
            }
            return refused(e, form, current, organiser, model);
        }
    }

    private String refused(ServiceProblem e, EventForm form, Event event, Organiser organiser, Model model) {
        Map<String, String> fieldErrors = fieldErrors(e);
        if (e.status() != 400 || fieldErrors.isEmpty()) {
            model.addAttribute("problemMessage", words.of(e.problem(), "event"));
            model.addAttribute("problemReason", e.reason());
        }
        return again(form, event, fieldErrors, organiser, model);
    }

    /** {@code reminders[1]} is shown by the reminders field, and so on for the other lists. */
    static Map<String, String> fieldErrors(ServiceProblem e) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.problem()
                .fieldErrors()
                .forEach((field, message) -> errors.merge(
                        field.replaceAll("^(reminders|tags|partners|interpretation)\\[\\d+]$", "$1"),
                        message,
                        (a, b) -> a + "; " + b));
        return errors;
    }

    private String again(EventForm form, Event event, Map<String, String> errors, Organiser organiser, Model model) {
        form.padPeople();
        return show(form, event, errors, organiser, model);
    }

    private String show(EventForm form, Event event, Map<String, String> errors, Organiser organiser, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("event", event);
        model.addAttribute("errors", errors);
        model.addAttribute("languages", Languages.CODES);
        model.addAttribute("formats", FORMATS);
        model.addAttribute("roles", ROLES);
        model.addAttribute("zones", ZONES);
        model.addAttribute(
                "series",
                catalog.seriesList(organiser.organisation(), organiser.token()).content());
        return "organiser/event-form";
    }
}
