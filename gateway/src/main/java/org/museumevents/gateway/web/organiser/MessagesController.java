package org.museumevents.gateway.web.organiser;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.museumevents.gateway.web.CatalogClient;
import org.museumevents.gateway.web.Event;
import org.museumevents.gateway.web.EventMessage;
import org.museumevents.gateway.web.Languages;
import org.museumevents.gateway.web.NotificationClient;
import org.museumevents.gateway.web.PlainWords;
import org.museumevents.gateway.web.ServiceProblem;
import org.museumevents.gateway.web.ServiceUnavailable;
import org.museumevents.gateway.web.Views;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An event's messages from its organisers (issue 15; notification-service's
 * {@code /api/events/{id}/messages}, docs/api.md): the past and scheduled ones, and a form to
 * preview and send one. The form carries an idempotency key drawn when it is rendered and sent as
 * {@code Idempotency-Key}, so a send pressed twice sends once; a sent message leads back to the page
 * (post, redirect, get) with a new key. The event is read first, with the organiser's token: another
 * organisation's event is not found.
 *
 * <p>notification-service only knows published events: a draft's page says that messages can be
 * written once the event is published, without the form, and asks notification-service nothing. A
 * 404, 409 or unavailable service while previewing or sending shows the form again with what was
 * typed and a message in the page's language, never an error page.
 */
@Controller
class MessagesController {

    /** The statuses a message may be written to, in the order the form offers them. */
    /** Registration statuses, then (issue 16) confirmed registrants who attended or did not. */
    static final List<String> RECIPIENTS = List.of("CONFIRMED", "WAITLISTED", "PENDING", "ATTENDED", "ABSENT");

    /** What a preview can be made as: a registration status. */
    static final List<String> PREVIEW_STATUSES = List.of("CONFIRMED", "WAITLISTED", "PENDING");

    /** The beginnings of notification-service's refusals, and the bundle key that says each. */
    private static final Map<String, String> KNOWN_REFUSALS = Map.of(
            "must name at least one of", "messages.error.recipientsMissing",
            "must be one of", "messages.error.recipientsUnknown",
            "must be given in at least one of", "messages.error.textsMissing",
            "is not one of fr, en, es", "messages.error.language",
            "must be a single line without control characters", "messages.error.singleLine",
            "must not contain control characters", "messages.error.controlCharacters",
            "must not be in the past", "messages.error.sendAtPast",
            "must be within a year from now", "messages.error.sendAtTooFar");

    private static final Pattern TOO_LONG = Pattern.compile("must be at most (\\d{1,9}) characters");

    private final CatalogClient catalog;
    private final NotificationClient notifications;
    private final PlainWords words;
    private final Views views;

    MessagesController(CatalogClient catalog, NotificationClient notifications, PlainWords words, Views views) {
        this.catalog = catalog;
        this.notifications = notifications;
        this.words = words;
        this.views = views;
    }

    @GetMapping("/organiser/events/{id}/messages")
    String messages(@PathVariable UUID id, Organiser organiser, Model model) {
        Event event = OwnEvents.event(catalog, id, organiser).value();
        MessageForm form = new MessageForm();
        form.setRecipients(List.of("CONFIRMED"));
        form.setIdempotencyKey(UUID.randomUUID().toString());
        return show(event, form, Map.of(), organiser, model, false);
    }

    /**
     * The form's two buttons: {@code action=preview} shows the message as a sample registrant of
     * the chosen status would receive it, anything else sends it (now, or at the local date and
     * time given, in the event's zone).
     */
    @PostMapping("/organiser/events/{id}/messages")
    String post(
            @PathVariable UUID id,
            @ModelAttribute("form") MessageForm form,
            @RequestParam(required = false) String action,
            Organiser organiser,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        Event event = OwnEvents.event(catalog, id, organiser).value();
        if (!validKey(form.getIdempotencyKey())) {
            form.setIdempotencyKey(UUID.randomUUID().toString());
        }
        if (!PREVIEW_STATUSES.contains(form.getPreviewStatus())) {
            form.setPreviewStatus(PREVIEW_STATUSES.get(0));
        }
        if (!Languages.isSupported(form.getPreviewLanguage())) {
            form.setPreviewLanguage(event.defaultLanguage());
        }
        List<String> recipients =
                RECIPIENTS.stream().filter(form.getRecipients()::contains).toList();
        form.setRecipients(recipients);
        Map<String, String> errors = new LinkedHashMap<>();
        Instant sendAt = sendAt(form, event, errors);
        if (!errors.isEmpty()) {
            response.setStatus(400);
            return show(event, form, errors, organiser, model, true);
        }
        if (event.isDraft()) {
            // notification-service does not know a draft: nothing to ask it, what was typed stays.
            response.setStatus(409);
            model.addAttribute("problemMessage", words.message("messages.draft"));
            model.addAttribute("problemReason", "event-not-published");
            return show(event, form, Map.of(), organiser, model, true);
        }
        Map<String, String> subject = FormValues.texts(form.getSubjectFr(), form.getSubjectEn(), form.getSubjectEs());
        Map<String, String> body = FormValues.texts(form.getBodyFr(), form.getBodyEn(), form.getBodyEs());
        try {
            if ("preview".equals(action)) {
                EventMessage.Preview preview = notifications.preview(
                        id,
                        new EventMessage.PreviewRequest(
                                recipients, subject, body, sendAt, form.getPreviewStatus(), form.getPreviewLanguage()),
                        organiser.token());
                model.addAttribute("preview", preview);
                return show(event, form, Map.of(), organiser, model, true);
            }
            notifications.send(
                    id,
                    new EventMessage.Draft(recipients, subject, body, sendAt),
                    form.getIdempotencyKey(),
                    organiser.token());
            redirect.addFlashAttribute(
                    "flash", words.message(sendAt == null ? "messages.flash.sent" : "messages.flash.scheduled"));
            return "redirect:/organiser/events/{id}/messages";
        } catch (ServiceUnavailable e) {
            response.setStatus(503);
            model.addAttribute("problemMessage", words.message("messages.error.unavailable"));
            model.addAttribute("problemReason", "service-unavailable");
            return show(event, form, Map.of(), organiser, model, true);
        } catch (ServiceProblem e) {
            response.setStatus(e.status());
            if (e.status() == 404) {
                // The catalog gave the event with this organiser's token, so it is theirs: the
                // messaging service does not know it (yet). The form again, with what was typed.
                model.addAttribute("problemMessage", words.message("messages.error.eventUnknown"));
                model.addAttribute("problemReason", e.reason());
                return show(event, form, Map.of(), organiser, model, true);
            }
            if (e.status() == 422) {
                // The key went with another message (a page kept from before a send): a new one.
                form.setIdempotencyKey(UUID.randomUUID().toString());
            }
            Map<String, String> fieldErrors = new LinkedHashMap<>();
            fieldErrors(e).forEach((field, message) -> fieldErrors.put(field, inWords(field, message)));
            if (e.status() != 400 || fieldErrors.isEmpty()) {
                model.addAttribute("problemMessage", words.of(e.problem(), "messages"));
                model.addAttribute("problemReason", e.reason());
            }
            return show(event, form, fieldErrors, organiser, model, true);
        }
    }

    /** The instant of the form's local date and time in the event's zone; null for "now". */
    private Instant sendAt(MessageForm form, Event event, Map<String, String> errors) {
        if (!form.isLater()) {
            return null;
        }
        if (FormValues.blank(form.getSendAt())) {
            errors.put("sendAt", words.message("messages.error.sendAtMissing"));
            return null;
        }
        try {
            return LocalDateTime.parse(form.getSendAt().strip(), FormValues.LOCAL_DATE_TIME)
                    .atZone(event.zone())
                    .toInstant();
        } catch (DateTimeParseException e) {
            errors.put("sendAt", words.message("messages.error.sendAtUnreadable"));
            return null;
        }
    }

    /**
     * The service's field errors by the page's keys: {@code recipients[0]} is shown by the
     * recipients, {@code subject[en]} as {@code subject.en}; {@code registrationId} and
     * {@code status} by the preview's status.
     */
    static Map<String, String> fieldErrors(ServiceProblem e) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.problem()
                .fieldErrors()
                .forEach((field, message) -> errors.merge(
                        field.replaceAll("^recipients\\[\\d+]$", "recipients")
                                .replaceAll("^(subject|body)\\[(\\w+)]$", "$1.$2")
                                .replaceAll("^(registrationId|status)$", "previewStatus"),
                        message,
                        (a, b) -> a + "; " + b));
        return errors;
    }

    /**
     * notification-service's refusals (its MessageRules, in English) in the page's language: the
     * page's own words for the ones it knows, else the gateway's general words for that kind of
     * error ({@link PlainWords#fieldMessage}), never English on a French or Spanish page.
     */
    private String inWords(String field, String message) {
        Matcher tooLong = TOO_LONG.matcher(message);
        if (tooLong.matches()) {
            return words.message("messages.error.tooLong", Integer.parseInt(tooLong.group(1)));
        }
        for (Map.Entry<String, String> known : KNOWN_REFUSALS.entrySet()) {
            if (message.startsWith(known.getKey())) {
                return words.message(known.getValue());
            }
        }
        return words.fieldMessage(field, message);
    }

    private static boolean validKey(String key) {
        if (key == null || key.length() != 36) {
            return false;
        }
        try {
            UUID.fromString(key);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The page: the event's messages (none asked for a draft), the form as given, the errors by
     * field. {@code posted}: the organiser typed something, so a messaging service that cannot list
     * now is a notice on the page rather than an error page that would lose it.
     */
    private String show(
            Event event,
            MessageForm form,
            Map<String, String> errors,
            Organiser organiser,
            Model model,
            boolean posted) {
        List<EventMessage> messages = List.of();
        if (!event.isDraft()) {
            try {
                messages = notifications.messages(event.id(), organiser.token());
            } catch (ServiceProblem e) {
                if (e.status() != 404) {
                    throw e;
                }
            } catch (ServiceUnavailable e) {
                if (!posted) {
                    throw e;
                }
                // The list cannot be read now: the page and what was typed all the same.
                if (!model.containsAttribute("problemMessage")) {
                    model.addAttribute("problemMessage", words.message("messages.error.unavailable"));
                    model.addAttribute("problemReason", "service-unavailable");
                }
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (String key : errors.keySet()) {
            String label = words.message("messages.field." + key);
            labels.put(key, label.equals("messages.field." + key) ? key : label);
        }
        model.addAttribute("event", event);
        model.addAttribute("offerForm", posted || !event.isDraft());
        model.addAttribute("sentMessages", messages);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("errorLabels", labels);
        model.addAttribute("recipientStatuses", RECIPIENTS);
        model.addAttribute("previewStatuses", PREVIEW_STATUSES);
        model.addAttribute("languages", Languages.CODES);
        if (form.getPreviewLanguage() == null) {
            form.setPreviewLanguage(event.defaultLanguage());
        }
        model.addAttribute("zoneName", views.zone(event.timeZone()));
        return "organiser/messages";
    }
}
