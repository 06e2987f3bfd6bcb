package org.museumevents.gateway.web.organiser;

import java.util.UUID;
import org.museumevents.gateway.web.CatalogClient;
import org.museumevents.gateway.web.Event;
import org.museumevents.gateway.web.PlainWords;
import org.museumevents.gateway.web.ServiceProblem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** One event as its organisers see it (meeting included), publishing it, cancelling it after a confirmation. */
@Controller
class OrganiserEventController {

    private final CatalogClient catalog;
    private final PlainWords words;

    OrganiserEventController(CatalogClient catalog, PlainWords words) {
        this.catalog = catalog;
        this.words = words;
    }

    @GetMapping("/organiser/events/{id}")
    String event(@PathVariable UUID id, Organiser organiser, Model model) {
        model.addAttribute("event", OwnEvents.event(catalog, id, organiser).value());
        return "organiser/event";
    }

    @PostMapping("/organiser/events/{id}/publish")
    String publish(@PathVariable UUID id, Organiser organiser, RedirectAttributes redirect) {
        try {
            catalog.publish(id, organiser.token());
            redirect.addFlashAttribute("flash", words.message("organiser.flash.published"));
        } catch (ServiceProblem e) {
            failed(e, redirect);
        }
        return "redirect:/organiser/events/{id}";
    }

    @GetMapping("/organiser/events/{id}/cancel")
    String confirmCancel(@PathVariable UUID id, Organiser organiser, Model model) {
        Event event = OwnEvents.event(catalog, id, organiser).value();
        if (event.isCancelled()) {
            return "redirect:/organiser/events/{id}";
        }
        model.addAttribute("event", event);
        return "organiser/event-cancel";
    }

    @PostMapping("/organiser/events/{id}/cancel")
    String cancel(@PathVariable UUID id, Organiser organiser, RedirectAttributes redirect) {
        try {
            catalog.cancel(id, organiser.token());
            redirect.addFlashAttribute("flash", words.message("organiser.flash.cancelled"));
        } catch (ServiceProblem e) {
            failed(e, redirect);
        }
        return "redirect:/organiser/events/{id}";
    }

    private void failed(ServiceProblem e, RedirectAttributes redirect) {
        if (e.status() == 404) {
            throw e;
        }
        redirect.addFlashAttribute("problemMessage", words.of(e.problem(), "event"));
    }
}
