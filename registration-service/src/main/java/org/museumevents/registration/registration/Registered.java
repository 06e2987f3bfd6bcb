package org.museumevents.registration.registration;

import java.util.UUID;

/** The answer to a registration: the token is shown once and opens the registration later. */
record Registered(UUID id, UUID eventId, String status, Integer waitlistPosition, String token) {}
