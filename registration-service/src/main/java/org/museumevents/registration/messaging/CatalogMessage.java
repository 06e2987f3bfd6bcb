package org.museumevents.registration.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;
import org.museumevents.registration.event.EventSnapshot;
import org.museumevents.starter.messaging.UnreadableMessage;

/**
 * A message of {@code catalog.events} ({@code EventPublished}, {@code EventUpdated},
 * {@code EventCancelled}), with only the fields this service reads.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record CatalogMessage(UUID id, String type, Instant occurredAt, CatalogEvent event) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record CatalogEvent(
            UUID id,
            String organisation,
            String status,
            Integer capacity,
            Rules registration,
            Instant startsAt,
            Instant endsAt,
            Long version) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Rules(Instant opensAt, Instant closesAt, Boolean requiresApproval, Boolean waitlist) {}

    void check() {
        if (id == null
                || event == null
                || event.id() == null
                || event.organisation() == null
                || event.status() == null
                || event.startsAt() == null
                || event.endsAt() == null
                || event.version() == null) {
            throw new UnreadableMessage("Incomplete catalog message " + id);
        }
    }

    EventSnapshot snapshot() {
        Rules rules = event.registration() == null ? new Rules(null, null, false, true) : event.registration();
        return new EventSnapshot(
                event.id(),
                event.organisation(),
                event.status(),
                event.capacity(),
                Boolean.TRUE.equals(rules.requiresApproval()),
                !Boolean.FALSE.equals(rules.waitlist()),
                rules.opensAt(),
                rules.closesAt(),
                event.startsAt(),
                event.endsAt(),
                event.version());
    }
}
