package org.museumevents.registration.registration;

import java.time.Instant;
import java.util.UUID;

/**
 * What registering needs of series subscriptions (issue 17), implemented by the subscription
 * feature, so that this feature does not depend on it: a fresh link to a subscription for each
 * message of one of its registrations, and the erasure of a subscription's personal data when one of
 * its registrations is erased.
 */
public interface SubscriptionLinks {

    /**
     * Mints a fresh subscription token (only its SHA-256 hash is stored) in the caller's transaction.
     *
     * @param now the instant of the message (UTC)
     * @return {@code <publicBaseUrl>/subscriptions/<id>?token=<token>}, or null when the subscription's
     *     personal data is erased (or it is unknown)
     */
    String mintUrl(UUID subscriptionId, Instant now);

    /**
     * Erases the subscription's personal data (name, email, organisation, answers) and its tokens,
     * and cancels it, in the caller's transaction; does nothing when already erased.
     *
     * @param now the instant of the erasure (UTC)
     */
    void erasePersonalData(UUID subscriptionId, Instant now);

    /**
     * The purge of subscriptions (retention): erases, as {@link #erasePersonalData}, the personal data
     * of every subscription CANCELLED before {@code before} and not erased yet, in the caller's
     * transaction. An ACTIVE subscription keeps its data: it needs them to register for occurrences
     * ahead.
     *
     * @param before cancelled strictly before this instant (UTC)
     * @param now the instant of the erasure (UTC)
     * @return how many subscriptions this call erased
     */
    int purgeCancelledBefore(Instant before, Instant now);
}
