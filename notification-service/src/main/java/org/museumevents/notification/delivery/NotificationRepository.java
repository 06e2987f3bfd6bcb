package org.museumevents.notification.delivery;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.museumevents.notification.email.EmailKind;
import org.museumevents.starter.tracing.TraceContexts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The notification rows: what is to be sent, what was, and what failed. Public because the
 * planning feature schedules, moves and drops emails through it; the dispatcher and the delivery
 * log use it from this package.
 */
@Repository
public class NotificationRepository {

    private final JdbcClient jdbc;
    private final TraceContexts traces;

    NotificationRepository(JdbcClient jdbc, TraceContexts traces) {
        this.jdbc = jdbc;
        this.traces = traces;
    }

    /**
     * Adds a notification; false when a unique rule already holds one like it (a reminder for the
     * same due time, a second event cancellation for the same registration). The row keeps the
     * current trace, the one of the message that called for the email.
     */
    public boolean schedule(NewNotification n, Instant now) {
        TraceContexts.Recorded trace = traces.current();
        return jdbc.sql(
                                """
                        INSERT INTO notification (id, event_id, registration_id, recipient, kind, status, attempts,
                            scheduled_for, next_attempt_at, join_details, calendar, waitlist_position, reminder_offset,
                            created_at, trace_id, traceparent)
                        VALUES (:id, :eventId, :registrationId, :recipient, :kind, 'SCHEDULED', 0, :at, :at,
                            :join, :calendar, :position, :offset, :now, :traceId, :traceparent)
                        ON CONFLICT DO NOTHING
                        """)
                        .param("id", UUID.randomUUID())
                        .param("eventId", n.eventId())
                        .param("registrationId", n.registrationId())
                        .param("recipient", n.recipient())
                        .param("kind", n.kind().name())
                        .param("at", Timestamp.from(n.scheduledFor()))
                        .param("join", n.joinDetails())
                        .param("calendar", n.calendar())
                        .param("position", n.waitlistPosition())
                        .param(
                                "offset",
                                n.reminderOffset() == null
                                        ? null
                                        : n.reminderOffset().toString())
                        .param("now", Timestamp.from(now))
                        .param("traceId", trace.traceId())
                        .param("traceparent", trace.traceparent())
                        .update()
                == 1;
    }

    /**
     * Adds an event-updated notification unless one is still waiting for the same registration:
     * emails are written when sent, so the waiting one will carry the latest details anyway.
     */
    public boolean scheduleUpdate(NewNotification n, Instant now) {
        Integer waiting = jdbc.sql(
                        """
                        SELECT count(*) FROM notification WHERE registration_id = :registrationId
                            AND kind = 'EVENT_UPDATED' AND status IN ('SCHEDULED', 'RETRYING')
                        """)
                .param("registrationId", n.registrationId())
                .query(Integer.class)
                .single();
        return waiting == 0 && schedule(n, now);
    }

    /** The reminders of an event, sent or not. */
    public List<PlannedReminder> remindersOf(UUID eventId) {
        return jdbc.sql(
                        """
                        SELECT id, registration_id, reminder_offset, scheduled_for, status FROM notification
                        WHERE event_id = :eventId AND kind = 'REMINDER'
                        """)
                .param("eventId", eventId)
                .query((rs, row) -> new PlannedReminder(
                        rs.getObject("id", UUID.class),
                        rs.getObject("registration_id", UUID.class),
                        Duration.parse(rs.getString("reminder_offset")),
                        rs.getTimestamp("scheduled_for").toInstant(),
                        isUnsent(rs.getString("status"))))
                .list();
    }

    /** Moves an unsent reminder to a new due time (the event moved). */
    public void moveReminder(UUID id, Instant due) {
        jdbc.sql(
                        """
                        UPDATE notification SET scheduled_for = :due, next_attempt_at = :due, status = 'SCHEDULED',
                            attempts = 0, last_error = NULL
                        WHERE id = :id AND status IN ('SCHEDULED', 'RETRYING')
                        """)
                .param("id", id)
                .param("due", Timestamp.from(due))
                .update();
    }

    /** Drops an unsent reminder (registration or event cancelled, offset gone). Sent ones stay in the log. */
    public void dropReminder(UUID id) {
        jdbc.sql(
                        "DELETE FROM notification WHERE id = :id AND kind = 'REMINDER' AND status IN ('SCHEDULED', 'RETRYING')")
                .param("id", id)
                .update();
    }

    /**
     * Drops the unsent notifications of these kinds for one registration, or for a whole event
     * when {@code registrationId} is null: news that is no longer true is not sent late.
     */
    public void dropUnsent(UUID eventId, UUID registrationId, List<EmailKind> kinds) {
        jdbc.sql(
                        """
                        DELETE FROM notification WHERE event_id = :eventId
                            AND (CAST(:registrationId AS uuid) IS NULL OR registration_id = :registrationId)
                            AND kind IN (:kinds) AND status IN ('SCHEDULED', 'RETRYING')
                        """)
                .param("eventId", eventId)
                .param("registrationId", registrationId)
                .param("kinds", kinds.stream().map(Enum::name).toList())
                .update();
    }

    /** The delivery log of an event, oldest first. */
    public List<DeliveryLogEntry> logOf(UUID eventId) {
        return jdbc.sql(
                        """
                        SELECT registration_id, recipient, kind, status, attempts, scheduled_for, sent_at
                        FROM notification WHERE event_id = :eventId ORDER BY scheduled_for, created_at, id
                        """)
                .param("eventId", eventId)
                .query((rs, row) -> new DeliveryLogEntry(
                        rs.getObject("registration_id", UUID.class),
                        rs.getString("recipient"),
                        rs.getString("kind"),
                        rs.getString("status"),
                        rs.getInt("attempts"),
                        rs.getTimestamp("scheduled_for").toInstant(),
                        rs.getTimestamp("sent_at") == null
                                ? null
                                : rs.getTimestamp("sent_at").toInstant()))
                .list();
    }

    private static boolean isUnsent(String status) {
        return DeliveryStatus.SCHEDULED.name().equals(status)
                || DeliveryStatus.RETRYING.name().equals(status);
    }
}
