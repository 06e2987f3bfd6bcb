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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 13: applying a registration message costs the same whatever the size of its event (it
 * re-planned every registrant's reminders before, so a burst of n registrations cost n²). Measured
 * without a clock: the rows the service reads from its database while applying it ({@link
 * RowsRead}), for a confirmation in an event of one registrant and in one of thousands. In a
 * context of its own, for the counting connections.
 */
@NotificationIntegrationTest
@DirtiesContext
@Import(RowsRead.class)
class LinearPlanningTest {

    @DynamicPropertySource
    static void ownConsumerGroup(DynamicPropertyRegistry registry) {
        OwnContext.ownConsumerGroup(registry);
    }

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

        long inSmall = rowsReadApplying(small, Outcome.CONFIRMED, null);
        long inLarge = rowsReadApplying(large, Outcome.CONFIRMED, null);
        // A registration known already (waiting for a place) has its own reminders read: only those.
        long promotedInSmall = rowsReadApplying(small, Outcome.PROMOTED, Outcome.WAITLISTED);
        long promotedInLarge = rowsReadApplying(large, Outcome.PROMOTED, Outcome.WAITLISTED);
        System.out.printf(
                "Rows read for one confirmation: %d among 1 registrant, %d among %d; for a promotion: %d, %d%n",
                inSmall, inLarge, LARGE, promotedInSmall, promotedInLarge);

        assertThat(inLarge)
                .as("rows read for one confirmation among %d registrants, against %d among one", LARGE, inSmall)
                .isEqualTo(inSmall);
        assertThat(promotedInLarge)
                .as("rows read for one promotion among %d registrants, against %d among one", LARGE, promotedInSmall)
                .isEqualTo(promotedInSmall);
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

    /**
     * Applies an outcome for a new registration as the consumer does (after {@code first}, not
     * counted, if given), and counts the rows read for it.
     */
    private long rowsReadApplying(UUID eventId, Outcome outcome, Outcome first) {
        UUID registrationId = UUID.randomUUID();
        if (first != null) {
            apply(first, eventId, registrationId);
        }
        long before = RowsRead.rows();
        apply(outcome, eventId, registrationId);
        long read = RowsRead.rows() - before;
        assertThat(jdbc.sql("SELECT count(*) FROM notification WHERE registration_id = :id AND kind = 'REMINDER'")
                        .param("id", registrationId)
                        .query(Integer.class)
                        .single())
                .as("its own reminders planned")
                .isEqualTo(2);
        return read;
    }

    private void apply(Outcome outcome, UUID eventId, UUID registrationId) {
        Registrant registrant = new Registrant(
                registrationId,
                eventId,
                outcome.status(),
                "Bob",
                "bob-" + registrationId + "@example.org",
                null,
                "en",
                "Europe/Paris",
                null,
                outcome == Outcome.WAITLISTED ? 1 : null);
        Instant occurredAt = clock.instant();
        tx.executeWithoutResult(status -> assertThat(
                        changes.apply(new RegistrationOutcome(outcome, registrant, null, false), occurredAt))
                .isTrue());
    }
}
