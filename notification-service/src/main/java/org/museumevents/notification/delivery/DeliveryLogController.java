package org.museumevents.notification.delivery;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.museumevents.notification.event.KnownEventRepository;
import org.museumevents.starter.problem.Problems;
import org.museumevents.starter.security.Organisers;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The delivery log of an event, for its organisers only: another organisation's event is a 404. */
@RestController
@Tag(name = "Delivery log", description = "The emails of an event, for its organisers only.")
@SecurityRequirement(name = "organiser")
class DeliveryLogController {

    private final KnownEventRepository events;
    private final NotificationRepository notifications;

    DeliveryLogController(KnownEventRepository events, NotificationRepository notifications) {
        this.events = events;
        this.notifications = notifications;
    }

    @GetMapping("/api/events/{eventId}/notifications")
    @Operation(
            operationId = "getDeliveryLog",
            summary = "The event's delivery log: one line per email, scheduled or sent")
    List<DeliveryLogEntry> log(@PathVariable UUID eventId) {
        String organisation = Organisers.required();
        return events.organisationOf(eventId)
                .filter(organisation::equals)
                .map(found -> notifications.logOf(eventId))
                .orElseThrow(() -> Problems.notFound("Event " + eventId));
    }
}
