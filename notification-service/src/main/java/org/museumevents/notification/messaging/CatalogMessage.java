package org.museumevents.notification.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.museumevents.notification.event.EventSnapshot;

/** {@code EventPublished}, {@code EventUpdated} or {@code EventCancelled} on {@code catalog.events}. */
@JsonIgnoreProperties(ignoreUnknown = true)
record CatalogMessage(UUID id, String type, Instant occurredAt, EventSnapshot event) {

    static final Set<String> TYPES = Set.of("EventPublished", "EventUpdated", "EventCancelled");

    boolean cancellation() {
        return "EventCancelled".equals(type) || event.cancelled();
    }
}
