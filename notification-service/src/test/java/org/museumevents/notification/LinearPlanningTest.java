package org.museumevents.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.museumevents.notification.Examples.catalog;
import static org.museumevents.notification.Examples.publish;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.museumevents.notification.planning.RegistrationChanges;
import org.museumevents.notification.planning.RegistrationOutcome;
import org.museumevents.notification.planning.RegistrationOutcome.Outcome;
import org.museumevents.notification.registrant.Registrant;
import org.museumevents.notification.registrant.RegistrationStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 13: applying a registration message costs the same whatever the size of its event (it
 * re-planned every registrant's reminders before, so a burst of n registrations cost n²). Measured
 * without a clock: the table rows that PostgreSQL reads while applying it ({@code
 * pg_stat_xact_user_tables}: rows fetched by index and read by sequential scans, counted in the
 * same transaction before and after), for a confirmation in an event of one registrant and in one
 * of thousands.
 */
@NotificationIntegrationTest
class LinearPlanningTest {

    static final int LARGE = 3000;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RegistrationChanges changes;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    TestClock clock;

    @Test
    void aConfirmationReadsAsManyRowsInAnEventOfThousandsAsInAnEventOfOne() {
        UUID small = knownEventWith(1);
        UUID large = knownEventWith(LARGE);

        // The first one after the fixtures also reads what the fixtures left behind (about as many
        // rows as they wrote, in either event): not the planning's cost.
        rowsReadApplyingAConfirmation(small);
        long inSmall = rowsReadApplyingAConfirmation(small);
        long inLarge = rowsReadApplyingAConfirmation(large);
        System.out.printf(
                "Rows read for one confirmation: %d among 1 registrant, %d among %d%n", inSmall, inLarge, LARGE);

        assertThat(inLarge)
                .as("rows read for one confirmation among %d registrants, against %d among one", LARGE, inSmall)
                .isLessThanOrEqualTo(inSmall + 20);
    }

    /**
     * An event known here, with this many confirmed registrants and their two reminders each, sent
     * already: nothing for the dispatcher to do when other tests move the clock.
     */
    private UUID knownEventWith(int registrants) {
        UUID eventId = UUID.randomUUID();
        publish(catalog("EventPublished", eventId));
        Awaitility.await()
                .until(() -> jdbc.sql("SELECT count(*) FROM known_event WHERE id = :id")
                                .param("id", eventId)
                                .query(Integer.class)
                                .single()
                        == 1);
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql(
                        """
                        INSERT INTO registrant (registration_id, event_id, status, name, email, language, updated_at,
                            confirmed_at)
                        SELECT gen_random_uuid(), :eventId, 'CONFIRMED', 'Ada ' || i, 'ada' || i || '-' || :eventId
                            || '@example.org', 'en', :now, :now
                        FROM generate_series(1, :n) AS i
                        """)
                .param("eventId", eventId)
                .param("n", registrants)
                .param("now", now)
                .update();
        jdbc.sql(
                        """
                        INSERT INTO notification (id, event_id, registration_id, recipient, kind, status, attempts,
                            scheduled_for, next_attempt_at, sent_at, join_details, calendar, reminder_offset, created_at)
                        SELECT gen_random_uuid(), r.event_id, r.registration_id, r.email, 'REMINDER', 'SENT', 1,
                            o.due, o.due, o.due, true, true, o.offset_text, :now
                        FROM registrant r CROSS JOIN (VALUES ('PT24H', TIMESTAMPTZ '2027-02-15T12:00:00Z'),
                            ('PT1H', TIMESTAMPTZ '2027-02-16T11:00:00Z')) AS o(offset_text, due)
                        WHERE r.event_id = :eventId
                        """)
                .param("eventId", eventId)
                .param("now", now)
                .update();
        return eventId;
    }

    private long rowsReadSoFar() {
        return jdbc.sql(
                        """
                        SELECT coalesce(sum(coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0)), 0)
                        FROM pg_stat_xact_user_tables WHERE relname IN ('registrant', 'notification', 'known_event')
                        """)
                .query(Long.class)
                .single();
    }

    /** Applies a new confirmation as the consumer does, and counts the rows its transaction read. */
    private long rowsReadApplyingAConfirmation(UUID eventId) {
        UUID registrationId = UUID.randomUUID();
        Registrant registrant = new Registrant(
                registrationId,
                eventId,
                RegistrationStatus.CONFIRMED,
                "Bob",
                "bob-" + registrationId + "@example.org",
                null,
                "en",
                "Europe/Paris",
                null,
                null);
        Instant occurredAt = clock.instant();
        Long read = tx.execute(status -> {
            assertThat(changes.apply(new RegistrationOutcome(Outcome.CONFIRMED, registrant, null, false), occurredAt))
                    .isTrue();
            return jdbc.sql(
                            """
                            SELECT sum(coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0))
                            FROM pg_stat_xact_user_tables WHERE relname IN ('registrant', 'notification', 'known_event')
                            """)
                    .query(Long.class)
                    .single();
        });
        assertThat(jdbc.sql("SELECT count(*) FROM notification WHERE registration_id = :id AND kind = 'REMINDER'")
                        .param("id", registrationId)
                        .query(Integer.class)
                        .single())
                .as("its own reminders planned")
                .isEqualTo(2);
        return read;
    }
}
