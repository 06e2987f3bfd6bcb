package org.museumevents.gateway.web.participant;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.museumevents.gateway.web.Availability;
import org.museumevents.gateway.web.CatalogClient;
import org.museumevents.gateway.web.Event;
import org.museumevents.gateway.web.Languages;
import org.museumevents.gateway.web.PlainWords;
import org.museumevents.gateway.web.Registered;
import org.museumevents.gateway.web.RegistrationClient;
import org.museumevents.gateway.web.ServiceProblem;
import org.museumevents.gateway.web.ServiceUnavailable;
import org.museumevents.gateway.web.Views;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An event as anyone sees it (never its meeting), with its registration form; the answer to a
 * registration on a page of its own (post, redirect, get).
 */
@Controller
class EventPageController {

    private final CatalogClient catalog;
    private final RegistrationClient registrations;
    private final PlainWords words;
    private final Views views;

    EventPageController(CatalogClient catalog, RegistrationClient registrations, PlainWords words, Views views) {
        this.catalog = catalog;
        this.registrations = registrations;
        this.words = words;
        this.views = views;
    }

    @GetMapping("/events/{id}")
    String event(@PathVariable UUID id, Model model, Locale locale) {
        Event event = catalog.event(id);
        return show(event, RegistrationForm.blank(event, locale), Map.of(), model);
    }

    @GetMapping("/events/{id}/register")
    String registerForm(@PathVariable UUID id) {
        return "redirect:/events/{id}#register";
    }

    @PostMapping("/events/{id}/register")
    String register(
            @PathVariable UUID id,
            @ModelAttribute("form") RegistrationForm form,
            @RequestParam MultiValueMap<String, String> parameters,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        Event event = catalog.event(id);
        form.readAnswers(event, parameters);
        Map<String, String> errors = form.check(event, words);
        if (!errors.isEmpty()) {
            response.setStatus(400);
            return show(event, form, errors, model);
        }
        try {
            Registered registered = registrations.register(id, form.toRequest(event), form.getIdempotencyKey());
            redirect.addFlashAttribute("registered", registered);
            return "redirect:/events/{id}/registration";
        } catch (ServiceProblem e) {
            response.setStatus(e.status());
            form.renewIdempotencyKey();
            Map<String, String> fieldErrors = words.fieldErrors(e.problem());
            if (e.status() == 400 && !fieldErrors.isEmpty()) {
                return show(event, form, fieldErrors, model);
            }
            model.addAttribute("problemMessage", words.of(e.problem(), "registration"));
            model.addAttribute("problemReason", e.reason());
            return show(event, form, Map.of(), model);
        }
    }

    /**
     * Places left from registration-service; the page does without them (showing the capacity) when
     * that service is down or has not heard of the event yet.
     */
    private Availability availability(Event event) {
        if (event.isCancelled()) {
            return null;
        }
        try {
            return registrations.availability(event.id());
        } catch (ServiceProblem | ServiceUnavailable e) {
            return null;
        }
    }

    /** The registration's answer, once: a reload goes back to the event. */
    @GetMapping("/events/{id}/registration")
    String registered(@PathVariable UUID id, Model model) {
        if (!(model.getAttribute("registered") instanceof Registered)) {
            return "redirect:/events/{id}";
        }
        model.addAttribute("event", catalog.event(id));
        return "registration-result";
    }

    private String show(Event event, RegistrationForm form, Map<String, String> errors, Model model) {
        Availability availability = availability(event);
        model.addAttribute("event", event);
        model.addAttribute("availability", availability);
        model.addAttribute(
                "state",
                availability != null
                        ? availability.state().name()
                        : event.registrationState(Instant.now()).name());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("languages", Languages.CODES);
        model.addAttribute("errorLabels", errorLabels(event, errors));
        if (event.questions().stream().anyMatch(question -> "COUNTRY".equals(question.kind()))) {
            model.addAttribute("countries", Countries.in(LocaleContextHolder.getLocale()));
        }
        return "event";
    }

    /**
     * What the error summary calls an answer's error: its question's label in the page's language;
     * an error on answers the event does not ask (or on {@code answers} itself), "Your answers".
     */
    private Map<String, String> errorLabels(Event event, Map<String, String> errors) {
        Map<String, String> labels = new HashMap<>();
        for (String field : errors.keySet()) {
            if (field.equals("answers") || field.startsWith("answers.")) {
                labels.put(field, words.message("field.answers"));
            }
        }
        for (Event.Question question : event.questions()) {
            String field = "answers." + question.id();
            if (labels.containsKey(field)) {
                labels.put(field, views.text(question.label(), event.defaultLanguage()));
            }
        }
        return labels;
    }
}
