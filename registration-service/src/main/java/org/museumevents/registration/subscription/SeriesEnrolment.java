package org.museumevents.registration.subscription;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.museumevents.registration.registration.SubscriberRegistrations;
import org.museumevents.registration.registration.SubscriberRegistrations.Enrolment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registers series followers for the occurrences open for registration (issue 17): at subscription,
 * right after a catalog message is applied ({@link #enrolFor}), and every {@code
 * registration.subscriptions.sweep-interval} (default PT1M) for windows that opened since. Each
 * (subscription, occurrence) pair is decided once, by whoever claims it first, in this instance or
 * another ({@code subscription_enrolment}'s key): a sweep never registers a pair again, not even
 * one whose registration was cancelled ("not this one").
 */
@Component
public class SeriesEnrolment {

    private static final Logger log = LoggerFactory.getLogger(SeriesEnrolment.class);

    /** The most pairs one pass decides; the next pass takes the rest. */
    static final int BATCH = 500;

    static final String REGISTERED = "REGISTERED";
    static final String SKIPPED_ALREADY_REGISTERED = "SKIPPED_ALREADY_REGISTERED";
    static final String REFUSED = "REFUSED";

    private final SubscriptionRepository subscriptions;
    private final SubscriptionTokens tokens;
    private final SubscriberRegistrations registrations;
    private final TransactionTemplate tx;
    private final Clock clock;

    SeriesEnrolment(
            SubscriptionRepository subscriptions,
            SubscriptionTokens tokens,
            SubscriberRegistrations registrations,
            TransactionTemplate tx,
            Clock clock) {
        this.subscriptions = subscriptions;
        this.tokens = tokens;
        this.registrations = registrations;
        this.tx = tx;
        this.clock = clock;
    }

    /** Every pair not decided yet whose occurrence is open now; safe to run in several instances at once. */
    @Scheduled(fixedDelayString = "${registration.subscriptions.sweep-interval:PT1M}", initialDelayString = "PT10S")
    public void sweep() {
        int decided = enrol(null);
        if (decided > 0) {
            log.info("Decided {} series enrolments", decided);
        }
    }

    /**
     * The pairs of one occurrence, right after the catalog's message about it is applied (and
     * committed). A failure is logged, not thrown: the sweep decides the pairs later.
     */
    public void enrolFor(UUID eventId) {
        try {
            enrol(eventId);
        } catch (RuntimeException e) {
            // The exception's class only: a database message may quote a row, with an email in it.
            log.warn(
                    "Enrolling the followers of event {} failed ({}); the sweep will",
                    eventId,
                    e.getClass().getName());
        }
    }

    private int enrol(UUID eventId) {
        List<SubscriptionRepository.Pair> pairs = subscriptions.undecided(eventId, now(), BATCH);
        int decided = 0;
        for (SubscriptionRepository.Pair pair : pairs) {
            Subscription subscription =
                    subscriptions.find(pair.subscriptionId()).orElse(null);
            if (subscription != null
                    && subscription.isActive()
                    && subscription.request() != null
                    && decide(subscription, pair.eventId()) != null) {
                decided++;
            }
        }
        return decided;
    }

    /**
     * Claims and decides one pair.
     *
     * @return how it was decided, or null when another caller had claimed it (or the subscription
     *     is no longer active)
     * @throws RuntimeException when registering failed: the claim is released for a later try
     */
    Enrolment decide(Subscription subscription, UUID eventId) {
        Instant now = now();
        if (!subscriptions.claim(subscription.id(), eventId, now)) {
            return null;
        }
        try {
            String url = tx.execute(status -> tokens.mintUrl(subscription.id(), now));
            Enrolment enrolment = registrations.enrol(eventId, subscription.request(), subscription.id(), url);
            String outcome =
                    switch (enrolment.outcome()) {
                        case REGISTERED -> REGISTERED;
                        case ALREADY_REGISTERED -> SKIPPED_ALREADY_REGISTERED;
                        case REFUSED -> REFUSED;
                    };
            subscriptions.decide(subscription.id(), eventId, outcome, enrolment.registrationId(), now());
            return enrolment;
        } catch (RuntimeException e) {
            subscriptions.release(subscription.id(), eventId);
            throw e;
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
