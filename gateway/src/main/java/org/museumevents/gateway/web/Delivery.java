package org.museumevents.gateway.web;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/** One line of an event's delivery log. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Delivery(
        UUID registrationId,
        String recipient,
        String kind,
        String status,
        int attempts,
        Instant scheduledFor,
        Instant sentAt) {}
