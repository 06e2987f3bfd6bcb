package org.museumevents.gateway.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.Serializable;
import java.util.UUID;

/** The answer to a registration; the token opens the registration's own page later. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Registered(UUID id, UUID eventId, String status, Integer waitlistPosition, String token)
        implements Serializable {}
