package org.museumevents.gateway.web.participant;

import java.time.Clock;
import java.util.UUID;
import org.museumevents.gateway.web.CatalogClient;
import org.museumevents.gateway.web.Event;
import org.museumevents.gateway.web.PlainWords;
import org.museumevents.gateway.web.Registration;
import org.museumevents.gateway.web.RegistrationClient;
import org.museumevents.gateway.web.ServiceProblem;
import org.museumevents.gateway.web.ServiceUnavailable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pages the reconfirmation emails link to (issue 17): {@code
 * /registrations/{id}/reconfirm?token=…} ("Yes, I'm coming", also "take my place back" for a
 * released registration) and {@code /registrations/{id}/decline?token=…} ("No, free my place").
 * Each GET only shows the registration and one button; the button POSTs to the same path, which
 * calls {@code POST /api/registrations/{id}/reconfirm} or {@code /decline}: mail scanners follow
 * links, so a GET never changes anything. The outcome is shown on the same page after a redirect,
 * a refusal (409 {@code no-place-free} among them) in words with its reason.
 */
@Controller
class ReconfirmationController {

    private final RegistrationClient registrations;
    private final CatalogClient catalog;
    private final PlainWords words;
    private final Clock clock;

    ReconfirmationController(
            RegistrationClient registrations, CatalogClient catalog, PlainWords words, ObjectProvider<Clock> clock) {
        this.registrations = registrations;
        this.catalog = catalog;
        this.words = words;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping("/registrations/{id}/reconfirm")
    String reconfirmPage(@PathVariable UUID id, @RequestParam(required = false) String token, Model model) {
        return show(id, token, "reconfirm", model);
    }

    @GetMapping("/registrations/{id}/decline")
    String declinePage(@PathVariable UUID id, @RequestParam(required = false) String token, Model model) {
        return show(id, token, "decline", model);
    }

    @PostMapping("/registrations/{id}/reconfirm")
    String reconfirm(@PathVariable UUID id, @RequestParam(required = false) String token, RedirectAttributes redirect) {
        return answer(id, token, "reconfirm", redirect);
    }

    @PostMapping("/registrations/{id}/decline")
    String decline(@PathVariable UUID id, @RequestParam(required = false) String token, RedirectAttributes redirect) {
        return answer(id, token, "decline", redirect);
    }

    private String show(UUID id, String token, String action, Model model) {
        Registration registration = registrations.registration(id, SubscriptionController.required(token));
        Event event = eventOf(registration);
        boolean over = event != null && (event.isCancelled() || !clock.instant().isBefore(event.startInstant()));
        model.addAttribute("registration", registration);
        model.addAttribute("event", event);
        model.addAttribute("token", token);
        model.addAttribute("action", action);
        model.addAttribute("over", over);
        // What the button would do now: nothing to offer once it is done, decided or too late.
        boolean offered = !over
                && ("reconfirm".equals(action)
                        ? (registration.isConfirmed() && registration.reconfirmedAt() == null)
                                || registration.isReleased()
                        : registration.isActive());
        model.addAttribute("offered", offered);
        return "registration-answer";
    }

    private String answer(UUID id, String token, String action, RedirectAttributes redirect) {
        String required = SubscriptionController.required(token);
        try {
            Registration before = "reconfirm".equals(action) ? registrations.registration(id, required) : null;
            Registration after = "reconfirm".equals(action)
                    ? registrations.reconfirm(id, required)
                    : registrations.decline(id, required);
            redirect.addFlashAttribute(
                    "outcome",
                    "decline".equals(action)
                            ? "declined"
                            : before != null && before.isReleased() && after.isConfirmed()
                                    ? "placeBack"
                                    : "reconfirmed");
        } catch (ServiceProblem e) {
            if (e.status() == 404) {
                throw e;
            }
            redirect.addFlashAttribute("problemMessage", words.of(e.problem(), "reconfirmation"));
            redirect.addFlashAttribute("problemReason", e.reason());
        }
        redirect.addAttribute("token", token);
        return "redirect:/registrations/{id}/" + action;
    }

    /** The registration's event as anyone sees it; null if the catalog no longer shows it or is down. */
    private Event eventOf(Registration registration) {
        try {
            return catalog.event(registration.eventId());
        } catch (ServiceProblem | ServiceUnavailable e) {
            return null;
        }
    }
}
