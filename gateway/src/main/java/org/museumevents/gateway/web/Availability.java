package org.museumevents.gateway.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.UUID;

/**
 * Places left, as anyone may know them ({@code GET /api/events/{id}/availability}, an extension of
 * the contract by registration-service): counts only. {@code reason} says why registering is not
 * possible now: {@code event-cancelled}, {@code event-past}, {@code registration-not-open},
 * {@code registration-closed} or {@code event-full}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Availability(
        UUID eventId,
        Integer capacity,
        Integer placesLeft,
        boolean waitlist,
        int waitlisted,
        boolean requiresApproval,
        boolean open,
        String reason) {

    public Event.RegistrationState state() {
        if (open) {
            return Event.RegistrationState.OPEN;
        }
        return switch (reason == null ? "" : reason) {
            case "event-cancelled" -> Event.RegistrationState.CANCELLED;
            case "registration-not-open" -> Event.RegistrationState.NOT_OPEN;
            case "event-full" -> Event.RegistrationState.FULL;
            default -> Event.RegistrationState.CLOSED;
        };
    }

    /**
     * Whether the page counts places: while registering is open, not yet open, or closed because the
     * event is full. Never for a cancelled event (registration-service reports it closed, reason
     * {@code event-cancelled}) nor once registration has closed: places left there mean nothing.
     */
    public boolean countsPlaces() {
        if (placesLeft == null) {
            return false;
        }
        Event.RegistrationState state = state();
        return state == Event.RegistrationState.OPEN
                || state == Event.RegistrationState.NOT_OPEN
                || state == Event.RegistrationState.FULL;
    }

    public boolean isFull() {
        return placesLeft != null && placesLeft == 0;
    }
}
