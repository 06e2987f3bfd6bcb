package org.museumevents.registration.registration;

/**
 * A registration that can no longer change because of where its event stands: answered 409 by
 * {@link RegistrationProblems}, with the problem type {@code
 * https://museum-events.org/problems/<reason>} (docs/api.md, "Changing a registration around the
 * event").
 */
class TooLateToChange extends RuntimeException {

    /** Why, as the problem type's last segment and its detail. */
    enum Why {
        /** Approving or promoting once the event has started: the existing name of "started". */
        EVENT_STARTED("event-past", "The event has already started: nobody is given a place any more."),
        /** Any change by the registrant or the organiser once the event has ended. */
        EVENT_ENDED("event-ended", "The event has ended: its registrations can no longer be changed.");

        private final String reason;
        private final String detail;

        Why(String reason, String detail) {
            this.reason = reason;
            this.detail = detail;
        }

        /** @return the problem type's last segment, e.g. {@code event-ended} */
        String reason() {
            return reason;
        }

        /** @return the problem's detail, for the client */
        String detail() {
            return detail;
        }
    }

    private final Why why;

    TooLateToChange(Why why) {
        // An answer to the client, not a fault: no stack trace.
        super(why.reason(), null, false, false);
        this.why = why;
    }

    Why why() {
        return why;
    }
}
