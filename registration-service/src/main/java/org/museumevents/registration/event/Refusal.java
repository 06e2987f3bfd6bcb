package org.museumevents.registration.event;

/**
 * Why an event takes no registration now. {@link #reason()} names the refusal on the wire: the last
 * segment of the problem {@code type} URI a refused registration is answered with
 * ({@code https://museum-events.org/problems/<reason>}, docs/api.md "Registration") and the
 * availability's {@code reason}.
 */
public enum Refusal {
    EVENT_CANCELLED("event-cancelled"),
    EVENT_PAST("event-past"),
    REGISTRATION_NOT_OPEN("registration-not-open"),
    REGISTRATION_CLOSED("registration-closed"),
    /** Full with no waiting list: decided by the registration group's {@code Places}, under the event's row lock. */
    EVENT_FULL("event-full");

    private final String reason;

    Refusal(String reason) {
        this.reason = reason;
    }

    /** @return the refusal's name in problem types and in the availability, e.g. {@code event-full} */
    public String reason() {
        return reason;
    }
}
