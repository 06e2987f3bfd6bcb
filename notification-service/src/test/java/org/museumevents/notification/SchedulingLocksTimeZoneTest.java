package org.museumevents.notification;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.museumevents.starter.scheduling.SchedulingLocks;
import org.museumevents.testsupport.LockTimeZones;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The service's scheduling locks (its outbox relay's among them) on its own migrated database,
 * taken and read from sessions in zones far apart, as when the service is restarted with another
 * {@code TZ} (issue 12): a released lock is free and a held lock holds, in every pair of zones.
 */
@NotificationIntegrationTest
class SchedulingLocksTimeZoneTest {

    @Autowired
    DataSource dataSource;

    @Test
    void locksAreTheSameInEveryZone() {
        LockTimeZones.assertIndependentOfSessionZone(dataSource, SchedulingLocks::onDatabaseClock);
    }
}
