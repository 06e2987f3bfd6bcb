package org.museumevents.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A reminder row: for whom, how long before the start, when due, and whether it has gone out. */
public record PlannedReminder(UUID id, UUID registrationId, Duration offset, Instant due, boolean unsent) {}
