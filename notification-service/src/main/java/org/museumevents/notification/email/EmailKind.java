package org.museumevents.notification.email;

/** The emails the service writes, as the delivery log names them. */
public enum EmailKind {
    CONFIRMATION,
    WAITLISTED,
    PENDING,
    PROMOTED,
    REJECTED,
    CANCELLED,
    REMINDER,
    EVENT_UPDATED,
    EVENT_CANCELLED,
    /** An organiser's message to the event's registrants (issue 15): their text, not the service's. */
    MESSAGE,
    /**
     * An event's follow-up (issue 15): the organiser's text and links, sent a while after the end
     * to the registrants confirmed then; never the join details.
     */
    FOLLOW_UP,
    /**
     * Issue 17: "are you still coming?", with the links to reconfirm and to free the place; never
     * the join details.
     */
    RECONFIRMATION_REQUESTED,
    /** Issue 17: the same question once more, as a reminder. */
    RECONFIRMATION_REMINDED,
    /**
     * Issue 17: the place was released for want of an answer; the link takes one back while one is
     * free. Never the join details.
     */
    RELEASED;

    /** Issue 17: the emails asking whether the registrant still comes. */
    public boolean asksReconfirmation() {
        return this == RECONFIRMATION_REQUESTED || this == RECONFIRMATION_REMINDED;
    }

    /** The join link, meeting ID and passcode go to confirmed registrants only, in these emails (and updates). */
    public boolean carriesJoinDetails() {
        return this == CONFIRMATION || this == PROMOTED || this == REMINDER;
    }

    /**
     * The emails whose iCalendar entry (when they carry one) is a {@code METHOD:CANCEL} taking the
     * event out of the registrant's calendar: a cancellation, and a release (issue 17: treated like
     * a cancellation; taking a place back sends a new entry with the confirmation).
     */
    boolean withdrawsCalendarEntry() {
        return this == CANCELLED || this == EVENT_CANCELLED || this == RELEASED;
    }

    /** Tells that the registration, or the event, is over for the registrant: nothing left to manage or join. */
    boolean endsRegistration() {
        return this == CANCELLED || this == REJECTED || this == EVENT_CANCELLED || this == RELEASED;
    }

    /** The event's description helps those deciding or preparing; not those told it is off. */
    boolean describesEvent() {
        return this == CONFIRMATION || this == PROMOTED || this == WAITLISTED || this == PENDING;
    }
}
