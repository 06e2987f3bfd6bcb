package org.museumevents.catalog.event;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.UUID;

/**
 * An event as the API answers it and as {@code catalog.events} carries it. {@code startsAt} and
 * {@code endsAt} are the instants of the local {@code start} and {@code end}, for clients that
 * would rather not resolve time zones.
 */
@JsonPropertyOrder({"id", "organisation", "status"})
public record EventView(
        UUID id,
        String organisation,
        EventStatus status,
        @JsonUnwrapped EventDetails details,
        Instant startsAt,
        Instant endsAt,
        long version) {

    String etag() {
        return "\"" + version + "\"";
    }
}
