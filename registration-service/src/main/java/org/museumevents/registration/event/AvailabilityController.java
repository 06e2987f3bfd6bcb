package org.museumevents.registration.event;

import java.time.Clock;
import java.util.UUID;
import org.museumevents.starter.problem.Problems;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Places left for anyone (an extension of the contract): the event page says "12 places left" or
 * "waiting list" before the participant fills in the form. Counts only.
 */
@RestController
class AvailabilityController {

    private final EventRepository events;
    private final Clock clock;

    AvailabilityController(EventRepository events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @GetMapping("/api/events/{eventId}/availability")
    ResponseEntity<Availability> availability(@PathVariable UUID eventId) {
        Event event = events.find(eventId).filter(Event::isVisible).orElseThrow(() -> Problems.notFound("The event"));
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(Availability.of(event, clock.instant()));
    }
}
