package org.museumevents.notification.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.museumevents.notification.email.EmailKind;
import org.museumevents.notification.email.Letter;
import org.museumevents.notification.email.Mailer;
import org.museumevents.notification.event.EventSnapshot;
import org.museumevents.notification.event.KnownEventRepository;
import org.museumevents.notification.registrant.Registrant;
import org.museumevents.notification.registrant.RegistrantRepository;
import org.museumevents.starter.tracing.TraceContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the due notifications. Each batch is claimed with {@code FOR UPDATE SKIP LOCKED} and stays
 * locked until its outcome is committed, so several instances never send the same row; only a
 * crash between the SMTP send and the commit can repeat the emails of that batch. A notification
 * waits, unclaimed, until the catalog has announced its event.
 */
@Component
class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final KnownEventRepository events;
    private final RegistrantRepository registrants;
    private final Mailer mailer;
    private final DeliveryProperties properties;
    private final EmailCounters counters;
    private final TraceContexts traces;
    private final Clock clock;

    Dispatcher(
            JdbcClient jdbc,
            TransactionTemplate transaction,
            KnownEventRepository events,
            RegistrantRepository registrants,
            Mailer mailer,
            DeliveryProperties properties,
            EmailCounters counters,
            TraceContexts traces,
            Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.events = events;
        this.registrants = registrants;
        this.mailer = mailer;
        this.properties = properties;
        this.counters = counters;
        this.traces = traces;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${notification.delivery.poll-interval:5s}")
    void dispatch() {
        try {
            Integer claimed;
            do {
                claimed = transaction.execute(status -> sendDueBatch());
            } while (claimed != null && claimed == properties.batchSize());
        } catch (RuntimeException e) {
            log.warn("Dispatch interrupted, will try again: {}", e.toString());
        }
    }

    private int sendDueBatch() {
        Instant now = clock.instant();
        List<Due> batch = jdbc.sql(
                        """
                        SELECT n.id, n.event_id, n.registration_id, n.recipient, n.kind, n.attempts, n.scheduled_for,
                            n.join_details, n.calendar, n.waitlist_position, n.reminder_offset, n.traceparent
                        FROM notification n
                        WHERE n.status IN ('SCHEDULED', 'RETRYING') AND n.next_attempt_at <= :now
                          AND EXISTS (SELECT 1 FROM known_event e WHERE e.id = n.event_id)
                        ORDER BY n.next_attempt_at, n.created_at
                        LIMIT :limit
                        FOR UPDATE OF n SKIP LOCKED
                        """)
                .param("now", Timestamp.from(now))
                .param("limit", properties.batchSize())
                .query((rs, row) -> new Due(
                        rs.getObject("id", UUID.class),
                        rs.getObject("event_id", UUID.class),
                        rs.getObject("registration_id", UUID.class),
                        rs.getString("recipient"),
                        EmailKind.valueOf(rs.getString("kind")),
                        rs.getInt("attempts"),
                        rs.getTimestamp("scheduled_for").toInstant(),
                        rs.getBoolean("join_details"),
                        rs.getBoolean("calendar"),
                        (Integer) rs.getObject("waitlist_position"),
                        rs.getString("reminder_offset"),
                        rs.getString("traceparent")))
                .list();
        for (Due due : batch) {
            // In the trace of the message that called for the email: its log lines carry that trace id.
            traces.continuing(due.traceparent(), "email delivery", () -> deliver(due, now));
        }
        return batch.size();
    }

    private void deliver(Due due, Instant now) {
        Optional<EventSnapshot> event = events.find(due.eventId());
        Optional<Registrant> registrant = registrants.find(due.registrationId());
        if (event.isEmpty() || registrant.isEmpty()) {
            return;
        }
        if (due.kind() == EmailKind.REMINDER && !stillWanted(due, event.get(), registrant.get())) {
            // The planner drops such reminders; this covers one that became stale in between.
            jdbc.sql("DELETE FROM notification WHERE id = :id")
                    .param("id", due.id())
                    .update();
            return;
        }
        int attempts = due.attempts() + 1;
        try {
            mailer.send(new Letter(
                    due.id(),
                    due.kind(),
                    event.get(),
                    registrant.get(),
                    due.recipient(),
                    // Join details only while the registration is confirmed and the event on.
                    due.joinDetails()
                            && registrant.get().confirmed()
                            && !event.get().cancelled(),
                    due.calendar(),
                    due.waitlistPosition()));
            jdbc.sql(
                            """
                            UPDATE notification SET status = 'SENT', attempts = :attempts, sent_at = :now,
                                last_error = NULL WHERE id = :id
                            """)
                    .param("attempts", attempts)
                    .param("now", Timestamp.from(now))
                    .param("id", due.id())
                    .update();
            counters.count(due.kind(), DeliveryStatus.SENT);
            log.info("Sent {} notification {} for event {}", due.kind(), due.id(), due.eventId());
        } catch (Exception e) {
            failed(due, attempts, now, e);
        }
    }

    private void failed(Due due, int attempts, Instant now, Exception e) {
        boolean giveUp = !now.isBefore(due.scheduledFor().plus(properties.giveUpAfter()));
        Duration wait = properties.retryAfter(attempts);
        jdbc.sql(
                        """
                        UPDATE notification SET status = :status, attempts = :attempts, next_attempt_at = :next,
                            last_error = :error WHERE id = :id
                        """)
                .param("status", giveUp ? DeliveryStatus.FAILED.name() : DeliveryStatus.RETRYING.name())
                .param("attempts", attempts)
                .param("next", Timestamp.from(now.plus(wait)))
                .param("error", truncate(e.toString()))
                .param("id", due.id())
                .update();
        counters.count(due.kind(), giveUp ? DeliveryStatus.FAILED : DeliveryStatus.RETRYING);
        // The exception's message may quote the recipient: log its type only.
        if (giveUp) {
            log.error(
                    "Gave up on {} notification {} after {} attempts ({})",
                    due.kind(),
                    due.id(),
                    attempts,
                    e.getClass().getSimpleName());
        } else {
            log.warn(
                    "Could not send {} notification {} (attempt {}, {}); retrying in {}",
                    due.kind(),
                    due.id(),
                    attempts,
                    e.getClass().getSimpleName(),
                    wait);
        }
    }

    private static boolean stillWanted(Due due, EventSnapshot event, Registrant registrant) {
        return registrant.confirmed()
                && !event.cancelled()
                && due.reminderOffset() != null
                && event.startsAt().minus(Duration.parse(due.reminderOffset())).equals(due.scheduledFor());
    }

    private static String truncate(String text) {
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    private record Due(
            UUID id,
            UUID eventId,
            UUID registrationId,
            String recipient,
            EmailKind kind,
            int attempts,
            Instant scheduledFor,
            boolean joinDetails,
            boolean calendar,
            Integer waitlistPosition,
            String reminderOffset,
            String traceparent) {}
}
