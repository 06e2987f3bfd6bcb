package org.museumevents.gateway.web.organiser;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.museumevents.gateway.web.CatalogClient;
import org.museumevents.gateway.web.Event;
import org.museumevents.gateway.web.Languages;
import org.museumevents.gateway.web.PlainWords;
import org.museumevents.gateway.web.RegistrationClient;
import org.museumevents.gateway.web.Series;
import org.museumevents.gateway.web.ServiceProblem;
import org.museumevents.gateway.web.ServiceUnavailable;
import org.museumevents.gateway.web.Subscription;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A series with its recurrence, and its next occurrences created as draft events; the number of
 * its followers (issue 17: active subscriptions, from registration-service).
 */
@Controller
class SeriesPagesController {

    static final int MAX_OCCURRENCES = 52;

    private final CatalogClient catalog;
    private final RegistrationClient registrations;
    private final PlainWords words;

    SeriesPagesController(CatalogClient catalog, RegistrationClient registrations, PlainWords words) {
        this.catalog = catalog;
        this.registrations = registrations;
        this.words = words;
    }

    @GetMapping("/organiser/series/new")
    String newSeries(Model model) {
        return show(new SeriesForm(), Map.of(), model);
    }

    @PostMapping("/organiser/series")
    String create(
            @ModelAttribute("form") SeriesForm form,
            Organiser organiser,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        SeriesForm.SeriesBody body = form.toBody(errors, words);
        if (!errors.isEmpty()) {
            response.setStatus(400);
            return show(form, errors, model);
        }
        try {
            Series created = catalog.createSeries(body, organiser.token());
            redirect.addFlashAttribute("flash", words.message("organiser.flash.seriesCreated"));
            redirect.addAttribute("id", created.id());
            return "redirect:/organiser/series/{id}";
        } catch (ServiceProblem e) {
            response.setStatus(e.status());
            Map<String, String> fieldErrors = words.fieldErrors(e.problem());
            if (e.status() != 400 || fieldErrors.isEmpty()) {
                model.addAttribute("problemMessage", words.of(e.problem()));
            }
            return show(form, fieldErrors, model);
        }
    }

    @GetMapping("/organiser/series/{id}")
    String series(@PathVariable UUID id, Organiser organiser, Model model) {
        Series series = OwnEvents.series(catalog, id, organiser);
        model.addAttribute("series", series);
        model.addAttribute("maxOccurrences", MAX_OCCURRENCES);
        model.addAttribute("followers", followers(id, organiser));
        return "organiser/series";
    }

    /**
     * The series' followers, or null when registration-service is down or knows no event of the
     * series yet (its 404): the page shows the series without the count.
     */
    private Subscription.Followers followers(UUID id, Organiser organiser) {
        try {
            return registrations.followers(id, organiser.token());
        } catch (ServiceProblem | ServiceUnavailable e) {
            return null;
        }
    }

    @PostMapping("/organiser/series/{id}/occurrences")
    String occurrences(
            @PathVariable UUID id,
            @RequestParam(defaultValue = "") String count,
            Organiser organiser,
            RedirectAttributes redirect) {
        int n;
        try {
            n = Integer.parseInt(count.strip());
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1 || n > MAX_OCCURRENCES) {
            redirect.addFlashAttribute("problemMessage", words.message("series.error.count", MAX_OCCURRENCES));
            return "redirect:/organiser/series/{id}";
        }
        try {
            List<Event> created = catalog.createOccurrences(id, n, organiser.token());
            redirect.addFlashAttribute("flash", words.message("organiser.flash.occurrences", created.size()));
        } catch (ServiceProblem e) {
            if (e.status() == 404) {
                throw e;
            }
            redirect.addFlashAttribute("problemMessage", words.of(e.problem()));
        }
        return "redirect:/organiser/series/{id}";
    }

    private static String show(SeriesForm form, Map<String, String> errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("languages", Languages.CODES);
        model.addAttribute("zones", EventEditorController.ZONES);
        return "organiser/series-form";
    }
}
