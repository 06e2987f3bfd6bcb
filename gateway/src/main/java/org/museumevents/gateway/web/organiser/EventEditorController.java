package org.museumevents.gateway.web.organiser;

import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** The most questions an event has (docs/api.md). */
    static final int MAX_QUESTIONS = 30;

    private static final Pattern QUESTION_ACTION = Pattern.compile("(up|down|remove)-(\\d{1,3})|add-([a-z-]{1,40})");
    private static final Pattern QUESTION_FIELD = Pattern.compile("^(questions\\[\\d+])(?:\\.(.*))?$");

    /** A follow-up link's field as the catalog names it: {@code followUp.links[1].url}. */
    private static final Pattern FOLLOW_UP_LINK_FIELD = Pattern.compile("^followUp\\.links\\[(\\d+)]\\.(label|url)$");

    private final CatalogClient catalog;
    private final PlainWords words;
    private final StandardQuestions standardQuestions;

    EventEditorController(CatalogClient catalog, PlainWords words, StandardQuestions standardQuestions) {
        this.catalog = catalog;
        this.words = words;
        this.standardQuestions = standardQuestions;
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
        if (!FormValues.blank(form.getQuestionAction())) {
            return questionAction(form, null, organiser, model, response);
        }
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
        Versioned<Event> event = OwnEvents.event(catalog, id, organiser);
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
        Event current = OwnEvents.event(catalog, id, organiser).value();
        if (!FormValues.blank(form.getQuestionAction())) {
            return questionAction(form, current, organiser, model, response);
        }
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

    /**
     * A question button: the form comes back with the change made (nothing is sent to the catalog
     * until the organiser saves), or with an error for a button that cannot apply.
     */
    private String questionAction(
            EventForm form, Event event, Organiser organiser, Model model, HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<QuestionRow> questions = form.getQuestions();
        questions.replaceAll(row -> row == null ? new QuestionRow() : row);
        Matcher action = QUESTION_ACTION.matcher(form.getQuestionAction());
        if (!action.matches()) {
            errors.put("questions", words.message("question.error.action"));
        } else if (action.group(3) != null) {
            Set<String> taken = new HashSet<>();
            questions.forEach(q -> taken.add(q.getId()));
            QuestionRow added = standardQuestions.create(action.group(3), taken);
            if (added == null) {
                errors.put("questions", words.message("question.error.action"));
            } else if (questions.size() >= MAX_QUESTIONS) {
                errors.put("questions", words.message("question.error.tooMany", MAX_QUESTIONS));
            } else {
                questions.add(added);
            }
        } else {
            int i = Integer.parseInt(action.group(2));
            int other =
                    switch (action.group(1)) {
                        case "up" -> i - 1;
                        case "down" -> i + 1;
                        default -> i;
                    };
            if (i >= questions.size() || other < 0 || other >= questions.size()) {
                errors.put("questions", words.message("question.error.action"));
            } else if ("remove".equals(action.group(1))) {
                questions.remove(i);
            } else {
                Collections.swap(questions, i, other);
            }
        }
        form.setQuestionAction(null);
        if (!errors.isEmpty()) {
            response.setStatus(400);
        }
        form.compactPeople();
        return again(form, event, errors, organiser, model);
    }

    private String refused(ServiceProblem e, EventForm form, Event event, Organiser organiser, Model model) {
        Map<String, String> fieldErrors = fieldErrors(words.fieldErrors(e.problem()));
        if (e.status() != 400 || fieldErrors.isEmpty()) {
            model.addAttribute("problemMessage", words.of(e.problem(), "event"));
            model.addAttribute("problemReason", e.reason());
        }
        return again(form, event, fieldErrors, organiser, model);
    }

    /**
     * {@code reminders[1]} is shown by the reminders field, and so on for the other lists.
     *
     * @param serviceErrors the service's field errors in the page's language ({@link
     *     PlainWords#fieldErrors})
     */
    static Map<String, String> fieldErrors(Map<String, String> serviceErrors) {
        Map<String, String> errors = new LinkedHashMap<>();
        serviceErrors.forEach((field, message) -> errors.merge(
                questionField(field.replaceAll(
                        "^(reminders|tags|partners|partnerOrganisations|interpretation)\\[\\d+]$", "$1")),
                message,
                PlainWords::join));
        return errors;
    }

    /**
     * Where a question's error is shown: {@code questions[2].label.fr} by its French label,
     * {@code questions[2].choices[1].label} by its choices, {@code questions[2].kind} by its kind,
     * {@code questions[2].label} by its labels, anything else ({@code id}, {@code required}) by the
     * question as a whole.
     */
    static String questionField(String field) {
        Matcher question = QUESTION_FIELD.matcher(field);
        if (!question.matches()) {
            return field;
        }
        String prefix = question.group(1);
        String rest = question.group(2);
        if (rest == null) {
            return prefix;
        }
        if (rest.equals("kind") || rest.equals("label")) {
            return prefix + "." + rest;
        }
        // label.fr as the services name it (docs/api.md "Errors"); label[fr] as they once did.
        Matcher language =
                Pattern.compile("^label(?:\\.(fr|en|es)|\\[(fr|en|es)])$").matcher(rest);
        if (language.matches()) {
            return prefix + ".label." + (language.group(1) != null ? language.group(1) : language.group(2));
        }
        if (rest.startsWith("choices")) {
            return prefix + ".choices";
        }
        return prefix;
    }

    private String again(EventForm form, Event event, Map<String, String> errors, Organiser organiser, Model model) {
        form.padPeople();
        return show(form, event, errors, organiser, model);
    }

    /** What the error summary calls each question's field: "Question 2, label in English". */
    private Map<String, String> errorLabels(Map<String, String> errors) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String key : errors.keySet()) {
            Matcher link = FOLLOW_UP_LINK_FIELD.matcher(key);
            if (link.matches()) {
                // "Link 2: web address", as the row's own label says.
                labels.put(
                        key,
                        words.message("field.followUp.link." + link.group(2), Integer.parseInt(link.group(1)) + 1));
                continue;
            }
            Matcher question = QUESTION_FIELD.matcher(key);
            if (!question.matches()) {
                continue;
            }
            int n = Integer.parseInt(question.group(1).replaceAll("\\D", "")) + 1;
            String rest = question.group(2);
            String code = rest == null
                    ? "organiser.question.legend"
                    : switch (rest) {
                        case "kind" -> "organiser.question.kind";
                        case "label" -> "organiser.question.label";
                        case "label.fr", "label.en", "label.es" -> "organiser.question." + rest;
                        case "choices" -> "organiser.question.choices";
                        default -> "organiser.question.legend";
                    };
            labels.put(key, words.message(code, n));
        }
        return labels;
    }

    private String show(EventForm form, Event event, Map<String, String> errors, Organiser organiser, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("event", event);
        model.addAttribute("errors", errors);
        model.addAttribute("errorLabels", errorLabels(errors));
        model.addAttribute("languages", Languages.CODES);
        model.addAttribute("formats", FORMATS);
        model.addAttribute("roles", ROLES);
        model.addAttribute("zones", ZONES);
        model.addAttribute("questionKinds", QuestionRow.KINDS);
        model.addAttribute(
                "standardQuestions",
                StandardQuestions.offered(form.getFormat()).stream()
                        .map(StandardQuestions.Standard::key)
                        .toList());
        model.addAttribute("maxQuestions", MAX_QUESTIONS);
        model.addAttribute(
                "series",
                catalog.seriesList(organiser.organisation(), organiser.token()).content());
        return "organiser/event-form";
    }
}
