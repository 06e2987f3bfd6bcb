package org.museumevents.notification;

import java.util.List;
import java.util.UUID;
import org.museumevents.notification.delivery.DeliveryLogEntry;
import org.museumevents.notification.delivery.NotificationRepository;

/** The delivery log of one event, as the organisers' endpoint answers it (events are unique per test). */
class DeliveryLog {

    private final NotificationRepository notifications;

    DeliveryLog(NotificationRepository notifications) {
        this.notifications = notifications;
    }

    List<DeliveryLogEntry> of(UUID eventId) {
        return notifications.logOf(eventId);
    }

    List<DeliveryLogEntry> of(UUID eventId, String kind) {
        return of(eventId).stream().filter(e -> e.kind().equals(kind)).toList();
    }
}
