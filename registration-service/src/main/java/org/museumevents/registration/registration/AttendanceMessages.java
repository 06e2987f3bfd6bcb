package org.museumevents.registration.registration;

import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells {@code registration.events} that a registration's attendance changed (issue 16, docs/api.md
 * "Messages on Kafka"): {@code RegistrationAttended} or {@code RegistrationAttendanceUndone}, in the
 * {@link RegistrationMessage} shape, through the outbox in the caller's transaction. Whoever changes
 * {@code checked_in_at} (the door's check-in, an organiser's marking, an attendance import) calls it
 * in the same transaction, so that no change is told without being stored or stored without being
 * told.
 */
@Component
public class AttendanceMessages {

    /** The {@code type} of the message telling that a registration now counts as attended. */
    public static final String ATTENDED = "RegistrationAttended";

    /** The {@code type} of the message telling that a registration no longer counts as attended. */
    public static final String UNDONE = "RegistrationAttendanceUndone";

    private final RegistrationRepository registrations;
    private final RegistrationMessages messages;

    AttendanceMessages(RegistrationRepository registrations, RegistrationMessages messages) {
        this.registrations = registrations;
        this.messages = messages;
    }

    /**
     * Writes {@code RegistrationAttended} for the registration.
     *
     * @param checkedInAt when it was recorded as attended (UTC), as stored
     * @param now the instant of the change (UTC), the message's {@code occurredAt}
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void attended(UUID registrationId, Instant checkedInAt, Instant now) {
        publish(registrationId, ATTENDED, checkedInAt, now);
    }

    /** Writes {@code RegistrationAttendanceUndone} for the registration ({@code checkedInAt} null). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void undone(UUID registrationId, Instant now) {
        publish(registrationId, UNDONE, null, now);
    }

    private void publish(UUID registrationId, String type, Instant checkedInAt, Instant now) {
        Registration registration = registrations.find(registrationId).orElseThrow();
        messages.publish(registration, type, checkedInAt, now);
    }
}
