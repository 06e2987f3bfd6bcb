package org.museumevents.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.museumevents.notification.NotificationIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 13: with two instances and thousands of emails due at once, some went out twice (one row,
 * one Message-ID, sent by both instances seconds apart). Here several dispatchers claim the same
 * due rows at the same time, and mark what they claimed while the others claim: each row is
 * claimed once, and every row is claimed. A claim is renewed while live, never once lapsed.
 *
 * <p>The rows fall due in 2030, at a time only this test passes as "now": the dispatcher, on the
 * test clock, never sees them. A context (so a database) of its own: its claimers take every row
 * due by then.
 */
@NotificationIntegrationTest
@DirtiesContext
class ConcurrentClaimsTest {

    private static final Instant DUE = Instant.parse("2030-06-01T08:00:00Z");
    private static final int ROWS = 2000;
    private static final int CLAIMERS = 4;

    @Autowired
    NotificationRepository notifications;

    @DynamicPropertySource
    static void ownConsumerGroup(DynamicPropertyRegistry registry) {
        // As OwnContext does: a consumer group of its own, so no partition is taken from the shared context.
        String group = "notification-test-" + UUID.randomUUID();
        registry.add("spring.cloud.stream.bindings.catalogEvents-in-0.group", () -> group);
        registry.add("spring.cloud.stream.bindings.registrationEvents-in-0.group", () -> group);
    }

    @Autowired
    JdbcClient jdbc;

    /** {@code rows} confirmations of a new known event starting at {@code due}, due then. */
    private void insertDue(UUID eventId, Instant due, int rows) {
        jdbc.sql(
                        """
                        INSERT INTO known_event (id, organisation, status, version, starts_at, details, updated_at, ends_at)
                        VALUES (:id, 'org', 'PUBLISHED', 1, :due, '{}', :due, :due)
                        """)
                .param("id", eventId)
                .param("due", Timestamp.from(due))
                .update();
        jdbc.sql(
                        """
                        INSERT INTO notification (id, event_id, registration_id, recipient, kind, status, attempts,
                            scheduled_for, next_attempt_at, join_details, calendar, created_at)
                        SELECT gen_random_uuid(), :event, gen_random_uuid(), 'claims-' || i || '-' || :event || '@example.org',
                            'CONFIRMATION', 'SCHEDULED', 0, :due, :due, true, false, :due
                        FROM generate_series(1, :rows) i
                        """)
                .param("event", eventId)
                .param("due", Timestamp.from(due))
                .param("rows", rows)
                .update();
    }

    /**
     * The dispatcher renews its batch's claim while it sends (Dispatcher.send), so that the lease
     * (a minute) need not outlast the batch: a renewed claim stays its instance's, and a claim that
     * lapsed (its instance died) is taken by another and cannot be renewed back by the dead one.
     * Due a day after the other test's rows, which it has sent by then or never sees.
     */
    @Test
    void aLiveClaimIsRenewedAndALapsedOneIsNotTakenBack() {
        Instant due = DUE.plus(Duration.ofDays(1));
        Duration lease = Duration.ofMinutes(1);
        insertDue(UUID.randomUUID(), due, 3);
        List<Claim> batch = notifications.claimDue(due, lease, 10, 5, Duration.ofHours(1));
        assertThat(batch).hasSize(3);
        UUID claim = batch.get(0).claimId();

        assertThat(notifications.renewClaim(claim, due.plusSeconds(40), due.plusSeconds(100)))
                .isEqualTo(3);
        assertThat(notifications.claimDue(due.plusSeconds(90), lease, 10, 5, Duration.ofHours(1)))
                .as("a renewed claim, past its first lease")
                .isEmpty();

        List<Claim> taken = notifications.claimDue(due.plusSeconds(101), lease, 10, 5, Duration.ofHours(1));
        assertThat(taken).as("the lapsed claim, taken by another instance").hasSize(3);
        assertThat(notifications.renewClaim(claim, due.plusSeconds(102), due.plusSeconds(162)))
                .as("the dead claim renews nothing")
                .isZero();
        notifications.markSent(taken.get(0).claimId(), taken, due.plusSeconds(103));
    }

    @Test
    void concurrentClaimersTakeEachDueRowOnce() throws Exception {
        insertDue(UUID.randomUUID(), DUE, ROWS);

        Map<UUID, AtomicInteger> claims = new ConcurrentHashMap<>();
        ExecutorService claimers = Executors.newFixedThreadPool(CLAIMERS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < CLAIMERS; i++) {
                running.add(claimers.submit(() -> {
                    List<Claim> batch;
                    do {
                        batch = notifications.claimDue(DUE, Duration.ofMinutes(10), 7, 5, Duration.ofHours(1));
                        for (Claim claim : batch) {
                            claims.computeIfAbsent(claim.id(), id -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                        // Marked while the others claim, as the instances do.
                        if (!batch.isEmpty()) {
                            notifications.markSent(batch.get(0).claimId(), batch, DUE);
                        }
                    } while (!batch.isEmpty());
                    return null;
                }));
            }
            for (Future<?> claimer : running) {
                claimer.get();
            }
        } finally {
            claimers.shutdownNow();
        }

        assertThat(claims).hasSize(ROWS);
        assertThat(claims.entrySet())
                .filteredOn(e -> e.getValue().get() > 1)
                .as("rows claimed more than once")
                .isEmpty();
    }
}
