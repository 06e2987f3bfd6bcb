package org.museumevents.gateway.web.participant;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.museumevents.gateway.web.CatalogClient;
import org.museumevents.gateway.web.Event;
import org.museumevents.gateway.web.PlainWords;
import org.museumevents.gateway.web.Problem;
import org.museumevents.gateway.web.RegistrationClient;
import org.museumevents.gateway.web.Series;
import org.museumevents.gateway.web.ServiceProblem;
import org.museumevents.gateway.web.ServiceUnavailable;
import org.museumevents.gateway.web.Subscription;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A subscriber's own subscription at {@code /subscriptions/{id}?token=…} (issue 17), the
 * "Stop following" link of the emails: who follows, whether still active, the sessions ahead with
 * each one's status; "Stop following" is a POST (mail scanners follow links) that calls {@code
 * DELETE /api/subscriptions/{id}}, with {@code cancelRegistrations=true} when the subscriber ticks
 * "also cancel my registrations ahead". A wrong or missing token is the same 404 page as an
 * unknown subscription.
 */
@Controller
class SubscriptionController {

    private final RegistrationClient registrations;
    private final CatalogClient catalog;
    private final PlainWords words;
    private final Clock clock;

    SubscriptionController(
            RegistrationClient registrations, CatalogClient catalog, PlainWords words, ObjectProvider<Clock> clock) {
        this.registrations = registrations;
        this.catalog = catalog;
        this.words = words;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** One session ahead as the page lists it; {@code event} null when the catalog no longer shows it. */
    public record Row(Subscription.Session session, Event event) {}

    @GetMapping("/subscriptions/{id}")
    String subscription(@PathVariable UUID id, @RequestParam(required = false) String token, Model model) {
        Subscription subscription = registrations.subscription(id, required(token));
        Instant now = clock.instant();
        List<Row> rows = new ArrayList<>();
        Map<UUID, Event> events = new HashMap<>();
        for (Subscription.Session session : subscription.ahead(now)) {
            rows.add(new Row(session, events.computeIfAbsent(session.eventId(), this::eventOrNull)));
        }
        model.addAttribute("subscription", subscription);
        model.addAttribute("series", seriesOrNull(subscription.seriesId()));
        model.addAttribute("rows", rows);
        model.addAttribute("token", token);
        return "subscription";
    }

    @PostMapping("/subscriptions/{id}/stop")
    String stop(
            @PathVariable UUID id,
            @RequestParam(required = false) String token,
            @RequestParam(defaultValue = "false") String cancelRegistrations,
            RedirectAttributes redirect) {
        boolean alsoCancel = "true".equals(cancelRegistrations);
        try {
            registrations.unsubscribe(id, required(token), alsoCancel);
            redirect.addFlashAttribute("stopped", alsoCancel ? "withRegistrations" : "only");
        } catch (ServiceProblem e) {
            if (e.status() == 404) {
                throw e;
            }
            redirect.addFlashAttribute("problemMessage", words.of(e.problem()));
            redirect.addFlashAttribute("problemReason", e.reason());
        }
        redirect.addAttribute("token", token);
        return "redirect:/subscriptions/{id}";
    }

    private Event eventOrNull(UUID eventId) {
        try {
            return catalog.event(eventId);
        } catch (ServiceProblem | ServiceUnavailable e) {
            return null;
        }
    }

    private Series seriesOrNull(UUID seriesId) {
        if (seriesId == null) {
            return null;
        }
        try {
            return catalog.series(seriesId, null);
        } catch (ServiceProblem | ServiceUnavailable e) {
            return null;
        }
    }

    /** No token, no subscription: the same 404 as a wrong token. */
    static String required(String token) {
        if (token == null || token.isBlank()) {
            throw new ServiceProblem(new Problem(null, "Not found", 404, null, null));
        }
        return token;
    }
}
