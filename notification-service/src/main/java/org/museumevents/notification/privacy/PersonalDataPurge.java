package org.museumevents.notification.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.museumevents.notification.event.KnownEventRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erases the personal data of the registrants of every event that ended {@code
 * notification.purge-after} ago, every {@code notification.purge-interval}, on one instance at a
 * time (ShedLock's {@code shedlock} table); one transaction per event. Running it twice erases
 * nothing more, so a lock that lapses early costs nothing.
 */
@Component
public class PersonalDataPurge {

    private static final Logger log = LoggerFactory.getLogger(PersonalDataPurge.class);

    private final KnownEventRepository events;
    private final PersonalData personalData;
    private final PurgeProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;

    PersonalDataPurge(
            KnownEventRepository events,
            PersonalData personalData,
            PurgeProperties properties,
            TransactionTemplate tx,
            Clock clock) {
        this.events = events;
        this.personalData = personalData;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    /** Erases what is due for erasure now; scheduled, and callable by tests. */
    @Scheduled(fixedDelayString = "${notification.purge-interval:PT1H}", initialDelayString = "PT10S")
    @SchedulerLock(name = "notification-personal-data-purge", lockAtMostFor = "PT10M")
    public void purge() {
        Instant now = clock.instant();
        for (UUID eventId : events.withPersonalDataEndedBefore(now.minus(properties.purgeAfter()))) {
            Integer erased = tx.execute(status -> personalData.eraseEvent(eventId, now));
            log.info("Purged the personal data of event {} ({} registrants)", eventId, erased);
        }
    }
}
