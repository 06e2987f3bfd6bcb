package org.museumevents.registration.subscription;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.museumevents.registration.event.EventAccess;
import org.museumevents.registration.event.EventRepository;
import org.museumevents.registration.registration.RegistrationRequest;
import org.museumevents.registration.registration.SubscriberRegistrations;
import org.museumevents.starter.problem.Problems;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Following a series (issue 17, docs/api.md "Series subscriptions and reconfirmation"). */
@Service
class SubscriptionService {

    private final SubscriptionRepository subscriptions;
    private final SubscriptionTokens tokens;
    private final SeriesEnrolment enrolment;
    private final SubscriberRegistrations registrations;
    private final EventRepository events;
    private final EventAccess access;
    private final TransactionTemplate tx;
    private final Clock clock;

    SubscriptionService(
            SubscriptionRepository subscriptions,
            SubscriptionTokens tokens,
            SeriesEnrolment enrolment,
            SubscriberRegistrations registrations,
            EventRepository events,
            EventAccess access,
            TransactionTemplate tx,
            Clock clock) {
        this.subscriptions = subscriptions;
        this.tokens = tokens;
        this.enrolment = enrolment;
        this.registrations = registrations;
        this.events = events;
        this.access = access;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Subscribes to the series and registers at once for every occurrence open now.
     *
     * @return the subscription with its token (shown once) and the registrations made
     * @throws org.springframework.web.ErrorResponseException 404 when no event of the series is known,
     *     409 {@code already-subscribed} when the email already has an ACTIVE subscription to it
     * @throws org.museumevents.starter.problem.InvalidFields for a time zone that is not region-based
     *     or answers that do not fit the occurrences ahead ({@code answers.<questionId>})
     */
    Subscribed subscribe(UUID seriesId, RegistrationRequest given) {
        if (events.seriesOrganisations(seriesId).isEmpty()) {
            throw Problems.notFound("The series");
        }
        RegistrationRequest request = given.withDeliverableEmail();
        Instant now = now();
        List<UUID> occurrences = events.openOccurrences(seriesId, now);
        registrations.check(request, occurrences);
        UUID id = UUID.randomUUID();
        String token;
        try {
            token = tx.execute(status -> {
                if (subscriptions.hasActive(seriesId, request.email())) {
                    throw alreadySubscribed();
                }
                subscriptions.insert(id, seriesId, request, now);
                return tokens.mint(id, now);
            });
        } catch (DuplicateKeyException e) {
            throw alreadySubscribed();
        }
        Subscription subscription = subscriptions.find(id).orElseThrow();
        for (UUID occurrence : occurrences) {
            enrolment.decide(subscription, occurrence);
        }
        // What it registered so far, by start: also a pair a sweep claimed first (decide answered null).
        List<Subscribed.Made> made = registrations.ofSubscription(id).stream()
                .map(r -> new Subscribed.Made(r.eventId(), r.id(), r.status(), r.waitlistPosition()))
                .toList();
        return new Subscribed(id, seriesId, token, made);
    }

    /**
     * The subscriber's view.
     *
     * @throws org.springframework.web.ErrorResponseException 404 for an unknown id or a wrong token
     */
    SubscriptionView view(UUID id, String token) {
        requireToken(id, token);
        return view(id);
    }

    /**
     * Stops following: no further enrolment; with {@code cancelRegistrations} also cancels the
     * subscription's registrations of occurrences not started yet, as their registrant would.
     * Idempotent: a cancelled subscription answers its view.
     */
    SubscriptionView cancel(UUID id, String token, boolean cancelRegistrations) {
        requireToken(id, token);
        Instant now = now();
        tx.executeWithoutResult(status -> subscriptions.cancel(id, now));
        if (cancelRegistrations) {
            registrations.cancelUpcoming(id, now);
        }
        return view(id);
    }

    /**
     * The series' follower counts, for an organiser of an organisation owning one of its events.
     *
     * @throws org.springframework.web.ErrorResponseException 404 otherwise
     */
    Followers followers(UUID seriesId) {
        if (!access.ownsSeries(seriesId)) {
            throw Problems.notFound("The series");
        }
        long[] counts = subscriptions.counts(seriesId);
        return new Followers(seriesId, counts[0], counts[1]);
    }

    private SubscriptionView view(UUID id) {
        Subscription s = subscriptions.find(id).orElseThrow(() -> Problems.notFound("The subscription"));
        return SubscriptionView.of(s, registrations.ofSubscription(id));
    }

    private void requireToken(UUID id, String token) {
        if (!tokens.opens(id, token)) {
            throw Problems.notFound("The subscription");
        }
    }

    private static RuntimeException alreadySubscribed() {
        return Problems.conflict("already-subscribed", "This email already follows this series.");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
