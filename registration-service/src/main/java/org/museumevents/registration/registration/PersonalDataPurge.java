package org.museumevents.registration.registration;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.museumevents.registration.event.EventRepository;
import org.museumevents.starter.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erases registrants' personal data {@code registration.purge-after} after their event ends, each
 * registration as the organiser's erasure does ({@link PersonalDataErasure}: tokens, idempotency
 * keys, outbox payloads, and one {@link RegistrationErased} per registration), this registration
 * only: a series subscription that made it keeps following (issue 17). A subscription's own personal
 * data is erased the same delay after it was cancelled. It forgets relayed messages after the same
 * delay. Places and counts stay. It also forgets idempotency keys older
 * than {@code registration.idempotency-key-lifetime}.
 */
@Component
class PersonalDataPurge {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataPurge.class);

    private final EventRepository events;
    private final RegistrationRepository registrations;
    private final PersonalDataErasure erasure;
    private final SubscriptionLinks subscriptions;
    private final Outbox outbox;
    private final RegistrationProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;

    PersonalDataPurge(
            EventRepository events,
            RegistrationRepository registrations,
            PersonalDataErasure erasure,
            SubscriptionLinks subscriptions,
            Outbox outbox,
            RegistrationProperties properties,
            TransactionTemplate tx,
            Clock clock) {
        this.events = events;
        this.registrations = registrations;
        this.erasure = erasure;
        this.subscriptions = subscriptions;
        this.outbox = outbox;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${registration.purge-interval:PT1H}", initialDelayString = "PT10S")
    @SchedulerLock(name = "registration-personal-data-purge", lockAtMostFor = "PT10M")
    void purge() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant before = now.minus(properties.purgeAfter());
        for (UUID eventId : events.endedBefore(before)) {
            int erased = tx.execute(status -> {
                events.lock(eventId);
                int count = 0;
                for (Registration r : registrations.notErasedOf(eventId)) {
                    if (erasure.purge(r, now)) {
                        count++;
                    }
                }
                events.markPurged(eventId, now);
                return count;
            });
            log.info("Erased the personal data of {} registrations of event {}", erased, eventId);
        }
        int subscriptions = tx.execute(status -> this.subscriptions.purgeCancelledBefore(before, now));
        log.info("Erased the personal data of {} series subscriptions cancelled before {}", subscriptions, before);
        tx.executeWithoutResult(status -> outbox.forgetPublishedBefore(before));
        int keys = registrations.forgetIdempotencyKeysBefore(now.minus(properties.idempotencyKeyLifetime()));
        log.info("Forgot {} expired idempotency keys", keys);
    }
}
