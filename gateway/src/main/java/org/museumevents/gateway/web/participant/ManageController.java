package org.museumevents.gateway.web.participant;

import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.museumevents.gateway.web.CatalogClient;
import org.museumevents.gateway.web.Event;
import org.museumevents.gateway.web.PlainWords;
import org.museumevents.gateway.web.Problem;
import org.museumevents.gateway.web.Registration;
import org.museumevents.gateway.web.RegistrationClient;
import org.museumevents.gateway.web.ServiceProblem;
import org.museumevents.gateway.web.Views;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A registrant's own registration at {@code /registrations/{id}?token=…}, the link of every email.
 * Cancelling asks first, on a page of its own, and is a POST: mail scanners follow links. A
 * confirmed registration for an event at a venue shows its check-in code as a QR code and as text
 * (issue 16); an attended one links to its attestation of attendance (a PDF of registration-service).
 */
@Controller
class ManageController {

    /** A check-in code as registration-service issues it (base64url); anything else is not drawn. */
    private static final Pattern CHECK_IN_CODE = Pattern.compile("[A-Za-z0-9_-]{16,100}");

    private final RegistrationClient registrations;
    private final CatalogClient catalog;
    private final PlainWords words;
    private final Views views;
    private final Clock clock;

    ManageController(
            RegistrationClient registrations,
            CatalogClient catalog,
            PlainWords words,
            Views views,
            ObjectProvider<Clock> clock) {
        this.registrations = registrations;
        this.catalog = catalog;
        this.words = words;
        this.views = views;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping("/registrations/{id}")
    String manage(@PathVariable UUID id, @RequestParam(required = false) String token, Model model, Locale locale) {
        Registration registration = registrations.registration(id, required(token));
        model.addAttribute("registration", registration);
        Event event = eventOf(registration);
        model.addAttribute("event", event);
        model.addAttribute("answers", ShownAnswer.of(event, registration.answers(), views, words, locale));
        model.addAttribute("ended", event != null && event.hasEnded(clock.instant()));
        model.addAttribute("token", token);
        String code = registration.checkInCode();
        if (registration.isConfirmed()
                && code != null
                && CHECK_IN_CODE.matcher(code).matches()
                && (event == null || event.isInPerson())) {
            model.addAttribute("checkInCode", code);
            model.addAttribute("checkInQr", QrCodes.svg(code, words.message("manage.qrCode")));
        }
        model.addAttribute("attestation", registration.isConfirmed() && registration.isAttended());
        return "registration";
    }

    @GetMapping("/registrations/{id}/cancel")
    String confirmCancel(
            @PathVariable UUID id,
            @RequestParam(required = false) String token,
            Model model,
            RedirectAttributes redirect) {
        Registration registration = registrations.registration(id, required(token));
        Event event = registration.isActive() ? eventOf(registration) : null;
        // A cancelled registration, or one whose event is cancelled or over: nothing left to cancel.
        if (!registration.isActive() || (event != null && (event.isCancelled() || event.hasEnded(clock.instant())))) {
            redirect.addAttribute("token", token);
            return "redirect:/registrations/{id}";
        }
        model.addAttribute("registration", registration);
        model.addAttribute("event", event);
        model.addAttribute("token", token);
        return "registration-cancel";
    }

    @PostMapping("/registrations/{id}/cancel")
    String cancel(@PathVariable UUID id, @RequestParam(required = false) String token, RedirectAttributes redirect) {
        try {
            registrations.cancel(id, required(token));
            redirect.addFlashAttribute("cancelled", true);
        } catch (ServiceProblem e) {
            if (e.status() == 404) {
                throw e;
            }
            redirect.addFlashAttribute("problemMessage", words.of(e.problem()));
        }
        redirect.addAttribute("token", token);
        return "redirect:/registrations/{id}";
    }

    /** The registration's event as anyone sees it; null if the catalog no longer shows it. */
    private Event eventOf(Registration registration) {
        try {
            return catalog.event(registration.eventId());
        } catch (ServiceProblem e) {
            return null;
        }
    }

    /** No token, no registration: the same 404 as a wrong token. */
    private static String required(String token) {
        if (token == null || token.isBlank()) {
            throw new ServiceProblem(new Problem(null, "Not found", 404, null, null));
        }
        return token;
    }
}
