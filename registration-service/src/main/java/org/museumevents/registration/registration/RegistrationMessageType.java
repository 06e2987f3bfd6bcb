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
    CANCELLED("RegistrationCancelled"),
    /** Issue 17: a CONFIRMED registrant is asked whether they still come. */
    RECONFIRMATION_REQUESTED("RegistrationReconfirmationRequested"),
    /** Issue 17: the same, reminded halfway to the deadline. */
    RECONFIRMATION_REMINDED("RegistrationReconfirmationReminded"),
    /** Issue 17: the registrant said they come (the notifier sends nothing). */
    RECONFIRMED("RegistrationReconfirmed"),
    /** Issue 17: the place of a silent registrant was released at the deadline. */
    RELEASED("RegistrationReleased");

    private final String typeName;

    RegistrationMessageType(String typeName) {
        this.typeName = typeName;
    }

    /**
     * Whether messages of this type carry {@code reconfirmUrl} and {@code declineUrl} (issue 17): the
     * request, its reminder and the release.
     */
    boolean carriesReconfirmationLinks() {
        return this == RECONFIRMATION_REQUESTED || this == RECONFIRMATION_REMINDED || this == RELEASED;
    }

    /** The type as written on the wire, e.g. {@code RegistrationConfirmed}. */
    String typeName() {
        return typeName;
    }

    /**
     * The message that tells of a new registration with {@code status}.
     *
     * @throws IllegalArgumentException for a status no new registration has (REJECTED, CANCELLED, RELEASED)
     */
    static RegistrationMessageType ofNewRegistration(RegistrationStatus status) {
        return switch (status) {
            case CONFIRMED -> CONFIRMED;
            case WAITLISTED -> WAITLISTED;
            case PENDING -> PENDING;
            case REJECTED, CANCELLED, RELEASED ->
                throw new IllegalArgumentException("No new registration is " + status);
        };
    }
}
