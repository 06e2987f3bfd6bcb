package org.museumevents.registration.reconfirmation;

import java.time.Clock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.museumevents.registration.registration.Reconfirmations;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs reconfirmation's steps (issue 17, {@link Reconfirmations#run}) every {@code
 * registration.reconfirmation.interval} (default PT1M) at the service clock's instant. ShedLock keeps
 * instances from running together; the steps are safe without it too (conditional updates and the
 * event's row lock mark each registration once), so a lock that expires mid-run does no harm.
 */
@Component
class ReconfirmationScheduler {

    private final Reconfirmations reconfirmations;
    private final Clock clock;

    ReconfirmationScheduler(Reconfirmations reconfirmations, Clock clock) {
        this.reconfirmations = reconfirmations;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${registration.reconfirmation.interval:PT1M}", initialDelayString = "PT15S")
    @SchedulerLock(name = "registration-reconfirmation", lockAtMostFor = "PT10M")
    void run() {
        reconfirmations.run(clock.instant());
    }
}
