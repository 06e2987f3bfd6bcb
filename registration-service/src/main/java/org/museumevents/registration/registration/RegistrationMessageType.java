package org.museumevents.registration.registration;

/**
 * The {@code type} of a {@link RegistrationMessage} on {@code registration.events} (docs/api.md,
 * "Messages on Kafka"), also its {@code ce_type} header and the outbox row's type.
 */
enum RegistrationMessageType {
    CONFIRMED("RegistrationConfirmed"),
    WAITLISTED("RegistrationWaitlisted"),
    PENDING("RegistrationPending"),
    PROMOTED("RegistrationPromoted"),
    REJECTED("RegistrationRejected"),
    CANCELLED("RegistrationCancelled");

    private final String typeName;

    RegistrationMessageType(String typeName) {
        this.typeName = typeName;
    }

    /** The type as written on the wire, e.g. {@code RegistrationConfirmed}. */
    String typeName() {
        return typeName;
    }

    /**
     * The message that tells of a new registration with {@code status}.
     *
     * @throws IllegalArgumentException for a status no new registration has (REJECTED, CANCELLED)
     */
    static RegistrationMessageType ofNewRegistration(RegistrationStatus status) {
        return switch (status) {
            case CONFIRMED -> CONFIRMED;
            case WAITLISTED -> WAITLISTED;
            case PENDING -> PENDING;
            case REJECTED, CANCELLED -> throw new IllegalArgumentException("No new registration is " + status);
        };
    }
}
