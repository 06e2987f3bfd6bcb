package org.museumevents.registration.registration;

import java.time.Instant;
import java.util.UUID;

/**
 * A message on {@code registration.events} (key: the event id): the registrant's personal data is
 * erased here, and every consumer must forget it too (its copies of name, email, organisation and
 * manage link). Sent once per registration, by the organiser's erasure or by the purge after the
 * event. Later messages of the same registration still come, with {@code name}, {@code email} and
 * {@code organisation} null. Example: {@code src/test/resources/messages/RegistrationErased.json}.
 *
 * @param id the message's unique id
 * @param type always {@value #TYPE}
 * @param occurredAt when the data was erased
 * @param registrationId the registration whose personal data is gone
 * @param eventId the registration's event
 */
public record RegistrationErased(UUID id, String type, Instant occurredAt, UUID registrationId, UUID eventId) {

    /** The message's {@code type}, also its {@code ce_type} header and outbox row's type. */
    public static final String TYPE = "RegistrationErased";
}
