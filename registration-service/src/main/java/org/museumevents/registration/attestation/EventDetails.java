package org.museumevents.registration.attestation;

import java.util.Map;

/**
 * What an attestation says of an event, as the catalog describes it on {@code catalog.events}.
 *
 * @param title the title per language ({@code fr}, {@code en}, {@code es}); empty when not given
 * @param venue where it is held; null for an online event or when not given
 * @param timeZone the event's IANA time zone (e.g. {@code Europe/Paris}), in which the attestation
 *     gives the date and times; null when not given (then UTC)
 * @param organisationName the organisation's display name when the message carries one, else null
 *     (the attestation then names the organisation by its slug)
 */
public record EventDetails(Map<String, String> title, Venue venue, String timeZone, String organisationName) {

    /** The catalog's venue: every part optional. */
    public record Venue(String name, String address, String city, String country) {}

    public EventDetails {
        title = title == null ? Map.of() : Map.copyOf(title);
    }
}
