package org.museumevents.gateway.web.participant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.museumevents.gateway.web.CatalogClient;
import org.museumevents.gateway.web.Event;
import org.museumevents.gateway.web.Languages;
import org.museumevents.gateway.web.PlainWords;
import org.museumevents.gateway.web.RegistrationClient;
import org.museumevents.gateway.web.Series;
import org.museumevents.gateway.web.ServiceProblem;
import org.museumevents.gateway.web.Subscription;
import org.museumevents.gateway.web.Views;
import org.springframework.beans.factory.ObjectProvider;
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
 * A series as anyone sees it at {@code /series/{id}} (issue 17): its sessions ahead, its public
 * calendar feed (https and webcal), and a "Follow this series" form, the registration form's
 * fields with the series' default interpretation languages and questions. Following posts to
 * {@code POST /api/series/{id}/subscriptions} and then shows the subscription's own page, whose
 * link (with its token) the confirmation emails carry too.
 */
@Controller
class SeriesPageController {

    private final CatalogClient catalog;
    private final RegistrationClient registrations;
    private final PlainWords words;
    private final Views views;
    private final Clock clock;

    SeriesPageController(
            CatalogClient catalog,
            RegistrationClient registrations,
            PlainWords words,
            Views views,
            ObjectProvider<Clock> clock) {
        this.catalog = catalog;
        this.registrations = registrations;
        this.words = words;
        this.views = views;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping("/series/{id}")
    String series(@PathVariable UUID id, Model model, Locale locale, HttpServletRequest request) {
        Series series = catalog.series(id, null);
        Event asked = asked(series, ahead(series));
        return show(series, asked, RegistrationForm.blank(asked, locale), Map.of(), model, request);
    }

    @GetMapping("/series/{id}/follow")
    String followForm(@PathVariable UUID id) {
        return "redirect:/series/{id}#follow";
    }

    @PostMapping("/series/{id}/follow")
    String follow(
            @PathVariable UUID id,
            @ModelAttribute("form") RegistrationForm form,
            @RequestParam MultiValueMap<String, String> parameters,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response,
            HttpServletRequest request) {
        Series series = catalog.series(id, null);
        Event asked = asked(series, ahead(series));
        form.readAnswers(asked, parameters);
        Map<String, String> errors = form.check(asked, words);
        if (!errors.isEmpty()) {
            response.setStatus(400);
            return show(series, asked, form, errors, model, request);
        }
        try {
            Subscription.Created created = registrations.subscribe(id, form.toRequest(asked), form.getIdempotencyKey());
            redirect.addFlashAttribute("followed", true);
            redirect.addAttribute("subscription", created.id());
            redirect.addAttribute("token", created.token());
            return "redirect:/subscriptions/{subscription}";
        } catch (ServiceProblem e) {
            response.setStatus(e.status());
            form.renewIdempotencyKey();
            Map<String, String> fieldErrors = words.fieldErrors(e.problem());
            if (e.status() == 400 && !fieldErrors.isEmpty()) {
                return show(series, asked, form, fieldErrors, model, request);
            }
            model.addAttribute("problemMessage", words.of(e.problem(), "subscription"));
            model.addAttribute("problemReason", e.reason());
            return show(series, asked, form, Map.of(), model, request);
        }
    }

    /** The series' published sessions not ended yet, soonest first (the catalog lists them so). */
    private List<Event> ahead(Series series) {
        Instant now = clock.instant();
        return series.events().stream()
                .filter(event -> "PUBLISHED".equals(event.status()) || event.isCancelled())
                .filter(event -> event.startsAt() == null || !event.hasEnded(now))
                .map(Event::withoutMeeting)
                .toList();
    }

    /**
     * What the form asks, as one event: the interpretation languages of the series' defaults and
     * of its sessions ahead, and the questions of its defaults (each session is asked its own
     * questions; registration-service judges the answers against the sessions ahead).
     */
    static Event asked(Series series, List<Event> ahead) {
        Set<String> interpretation = new LinkedHashSet<>(series.eventDefaults().interpretation());
        ahead.forEach(event -> interpretation.addAll(event.interpretation()));
        String zone = series.recurrence() != null && series.recurrence().timeZone() != null
                ? series.recurrence().timeZone()
                : ahead.isEmpty() ? "Europe/Paris" : ahead.get(0).timeZone();
        return new Event(
                series.id(),
                series.organisation(),
                series.id(),
                "PUBLISHED",
                series.title(),
                series.description(),
                series.defaultLanguage(),
                null,
                null,
                null,
                zone,
                null,
                null,
                null,
                null,
                List.copyOf(interpretation),
                null,
                null,
                null,
                null,
                series.eventDefaults().questions(),
                null,
                null,
                null,
                null,
                0);
    }

    private String show(
            Series series,
            Event asked,
            RegistrationForm form,
            Map<String, String> errors,
            Model model,
            HttpServletRequest request) {
        List<Event> ahead = ahead(series);
        model.addAttribute("series", series);
        model.addAttribute("sessions", ahead);
        model.addAttribute("asked", asked);
        model.addAttribute("followable", ahead.stream().anyMatch(event -> !event.isCancelled()));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("languages", Languages.CODES);
        model.addAttribute("errorLabels", errorLabels(asked, errors));
        model.addAttribute("webcal", webcal(request, "/api/series/" + series.id() + "/calendar.ics"));
        if (asked.questions().stream().anyMatch(question -> "COUNTRY".equals(question.kind()))) {
            model.addAttribute("countries", Countries.in(LocaleContextHolder.getLocale()));
        }
        return "series";
    }

    /**
     * The feed's {@code webcal://} address on this host, which calendar applications subscribe to
     * (the same path as the https link).
     *
     * @param path an absolute path on this origin
     */
    static String webcal(HttpServletRequest request, String path) {
        String host = request.getServerName();
        int port = request.getServerPort();
        boolean defaultPort = port == 80 || port == 443 || port <= 0;
        return "webcal://" + (host.contains(":") ? "[" + host + "]" : host) + (defaultPort ? "" : ":" + port) + path;
    }

    /** The error summary's name of an answer's error: its question's label, as the event page does. */
    private Map<String, String> errorLabels(Event asked, Map<String, String> errors) {
        Map<String, String> labels = new HashMap<>();
        for (String field : errors.keySet()) {
            if (field.equals("answers") || field.startsWith("answers.")) {
                labels.put(field, words.message("field.answers"));
            }
        }
        for (Event.Question question : asked.questions()) {
            String field = "answers." + question.id();
            if (labels.containsKey(field)) {
                labels.put(field, views.text(question.label(), asked.defaultLanguage()));
            }
        }
        return labels;
    }
}
