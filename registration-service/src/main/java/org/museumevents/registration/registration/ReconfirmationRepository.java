package org.museumevents.registration.registration;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reconfirmation's facts (issue 17): the event's policy as instants ({@code reconfirmation_ask_at},
 * {@code _remind_at}, {@code _due_at}, {@code _release_silent}) and each registration's {@code
 * reconfirmation_requested_at}, {@code reconfirmation_reminded_at}, {@code reconfirmed_at}, {@code
 * declined_at} and {@code released_at}. Each step marks a registration with one conditional UPDATE, so
 * that several instances running the scheduler mark (and tell) each registration once.
 */
@Repository
class ReconfirmationRepository {

    /** The most registrations one transaction asks or reminds; the scheduler loops for more. */
    static final int BATCH = 200;

    private final JdbcClient jdbc;

    ReconfirmationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Published events whose ask instant has come and whose deadline has not, with someone still to ask
     * or remind (CONFIRMED, not reconfirmed, not erased, not yet asked or not yet reminded).
     */
    List<UUID> eventsBeforeDeadline(Instant now) {
        return jdbc.sql(
                        """
                        SELECT e.id FROM event e WHERE e.reconfirmation_ask_at IS NOT NULL
                        AND e.reconfirmation_ask_at <= :now AND e.reconfirmation_due_at > :now AND e.status = 'PUBLISHED'
                        AND EXISTS (SELECT 1 FROM registration r WHERE r.event_id = e.id AND r.status = 'CONFIRMED'
                            AND r.reconfirmed_at IS NULL AND r.personal_data_erased_at IS NULL AND r.checked_in_at IS NULL
                            AND (r.reconfirmation_requested_at IS NULL OR r.reconfirmation_reminded_at IS NULL))
                        ORDER BY e.reconfirmation_due_at LIMIT 1000
                        """)
                .param("now", RegistrationRepository.utc(now))
                .query(UUID.class)
                .list();
    }

    /**
     * Published events releasing the silent whose deadline has passed and that have not started (a
     * place freed from the start on goes to nobody), with someone to release (asked, reminded, still
     * CONFIRMED, not reconfirmed, not checked in).
     */
    List<UUID> eventsToRelease(Instant now) {
        return jdbc.sql(
                        """
                        SELECT e.id FROM event e WHERE e.reconfirmation_ask_at IS NOT NULL
                        AND e.reconfirmation_release_silent AND e.reconfirmation_due_at <= :now AND e.starts_at > :now
                        AND e.status = 'PUBLISHED'
                        AND EXISTS (SELECT 1 FROM registration r WHERE r.event_id = e.id AND r.status = 'CONFIRMED'
                            AND r.reconfirmation_requested_at IS NOT NULL AND r.reconfirmation_reminded_at IS NOT NULL
                            AND r.reconfirmed_at IS NULL AND r.checked_in_at IS NULL)
                        LIMIT 1000
                        """)
                .param("now", RegistrationRepository.utc(now))
                .query(UUID.class)
                .list();
    }

    /**
     * Marks as asked up to {@link #BATCH} of the event's CONFIRMED registrations not asked yet, not
     * reconfirmed, not erased, not checked in, whose place was taken before the ask instant, while {@code now} is from
     * the ask instant to (excluded) the deadline. Rows another transaction holds are skipped (it is
     * changing them, or asking them).
     *
     * @return the registrations this call marked
     */
    @Transactional(propagation = Propagation.MANDATORY)
    List<UUID> markAsked(UUID eventId, Instant now) {
        return jdbc.sql(
                        """
                        UPDATE registration SET reconfirmation_requested_at = :now WHERE id IN (
                            SELECT r.id FROM registration r JOIN event e ON e.id = r.event_id
                            WHERE r.event_id = :eventId AND r.status = 'CONFIRMED'
                            AND r.reconfirmation_requested_at IS NULL AND r.reconfirmed_at IS NULL
                            AND r.personal_data_erased_at IS NULL AND r.checked_in_at IS NULL
                            AND COALESCE(r.confirmed_at, r.created_at) < e.reconfirmation_ask_at
                            AND e.reconfirmation_ask_at <= :now AND e.reconfirmation_due_at > :now
                            AND e.status = 'PUBLISHED'
                            ORDER BY r.created_at LIMIT :batch FOR UPDATE OF r SKIP LOCKED)
                        AND status = 'CONFIRMED' AND reconfirmation_requested_at IS NULL
                        RETURNING id
                        """)
                .param("now", RegistrationRepository.utc(now))
                .param("eventId", eventId)
                .param("batch", BATCH)
                .query(UUID.class)
                .list();
    }

    /**
     * Marks as reminded up to {@link #BATCH} of the event's registrations asked, still CONFIRMED,
     * neither reconfirmed nor reminded, once {@code now} is halfway from their ask to the deadline
     * (the event's remind instant when asked on time; later for one asked late) and before the deadline.
     *
     * @return the registrations this call marked
     */
    @Transactional(propagation = Propagation.MANDATORY)
    List<UUID> markReminded(UUID eventId, Instant now) {
        return jdbc.sql(
                        """
                        UPDATE registration SET reconfirmation_reminded_at = :now WHERE id IN (
                            SELECT r.id FROM registration r JOIN event e ON e.id = r.event_id
                            WHERE r.event_id = :eventId AND r.status = 'CONFIRMED'
                            AND r.reconfirmation_requested_at IS NOT NULL AND r.reconfirmation_reminded_at IS NULL
                            AND r.reconfirmed_at IS NULL AND r.personal_data_erased_at IS NULL AND r.checked_in_at IS NULL
                            AND e.reconfirmation_remind_at <= :now AND e.reconfirmation_due_at > :now
                            AND to_timestamp((extract(epoch FROM r.reconfirmation_requested_at)
                                + extract(epoch FROM e.reconfirmation_due_at)) / 2) <= :now
                            AND e.status = 'PUBLISHED'
                            ORDER BY r.created_at LIMIT :batch FOR UPDATE OF r SKIP LOCKED)
                        AND status = 'CONFIRMED' AND reconfirmation_reminded_at IS NULL
                        RETURNING id
                        """)
                .param("now", RegistrationRepository.utc(now))
                .param("eventId", eventId)
                .param("batch", BATCH)
                .query(UUID.class)
                .list();
    }

    /**
     * The registrations to release at {@code now}, in their order of registration: asked AND
     * reminded, still CONFIRMED, silent and not checked in (someone recorded as present is not
     * silent); only when the event releases the silent, its deadline has passed and it has not started. Call holding the event's lock: the release is then decided once.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    List<UUID> releasable(UUID eventId, Instant now) {
        return jdbc.sql(
                        """
                        SELECT r.id FROM registration r JOIN event e ON e.id = r.event_id
                        WHERE r.event_id = :eventId AND r.status = 'CONFIRMED'
                        AND r.reconfirmation_requested_at IS NOT NULL AND r.reconfirmation_reminded_at IS NOT NULL
                        AND r.reconfirmed_at IS NULL AND r.checked_in_at IS NULL
                        AND e.reconfirmation_release_silent AND e.reconfirmation_due_at <= :now AND e.starts_at > :now
                        AND e.status = 'PUBLISHED'
                        ORDER BY r.created_at
                        """)
                .param("now", RegistrationRepository.utc(now))
                .param("eventId", eventId)
                .query(UUID.class)
                .list();
    }

    /** Records the release (UTC). */
    @Transactional(propagation = Propagation.MANDATORY)
    void markReleased(UUID registrationId, Instant now) {
        jdbc.sql("UPDATE registration SET released_at = :now WHERE id = :id")
                .param("now", RegistrationRepository.utc(now))
                .param("id", registrationId)
                .update();
    }

    /**
     * Records the registrant's "I come" (UTC), keeping the first.
     *
     * @return whether this call recorded it (false when reconfirmed before)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean markReconfirmed(UUID registrationId, Instant now) {
        return jdbc.sql("UPDATE registration SET reconfirmed_at = :now WHERE id = :id AND reconfirmed_at IS NULL")
                        .param("now", RegistrationRepository.utc(now))
                        .param("id", registrationId)
                        .update()
                > 0;
    }

    /** Records that a place taken back is a fresh "I come" (UTC), replacing any former one. */
    @Transactional(propagation = Propagation.MANDATORY)
    void markReconfirmedAgain(UUID registrationId, Instant now) {
        jdbc.sql("UPDATE registration SET reconfirmed_at = :now WHERE id = :id")
                .param("now", RegistrationRepository.utc(now))
                .param("id", registrationId)
                .update();
    }

    /** Records the registrant's "I don't come" (UTC). */
    @Transactional(propagation = Propagation.MANDATORY)
    void markDeclined(UUID registrationId, Instant now) {
        jdbc.sql("UPDATE registration SET declined_at = :now WHERE id = :id")
                .param("now", RegistrationRepository.utc(now))
                .param("id", registrationId)
                .update();
    }

    /**
     * When the registrant said they come (UTC), for their view.
     *
     * @return null when never, or no such registration
     */
    Instant reconfirmedAt(UUID registrationId) {
        return jdbc.sql("SELECT reconfirmed_at FROM registration WHERE id = :id")
                .param("id", registrationId)
                .query((rs, n) -> {
                    OffsetDateTime at = rs.getObject("reconfirmed_at", OffsetDateTime.class);
                    return at == null ? null : at.toInstant();
                })
                .optional()
                .orElse(null);
    }
}
