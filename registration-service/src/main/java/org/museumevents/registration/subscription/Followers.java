package org.museumevents.registration.subscription;

import java.util.UUID;

/**
 * A series' followers for its organisers (issue 17).
 *
 * @param followers how many subscriptions are ACTIVE
 * @param cancelled how many were cancelled (stopped, or erased)
 */
record Followers(UUID seriesId, long followers, long cancelled) {}
