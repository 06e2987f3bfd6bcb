package org.museumevents.notification.email;

import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SEQUENCE of the last iCalendar attachment sent to each address about each event (table
 * {@code calendar_sequence}). RFC 5545 §3.8.7.4: a calendar applies a new copy of an entry (same
 * UID) only when its SEQUENCE is above the one it holds, so each attachment one person receives
 * must go above the last they received, whatever happened in between. The event's version alone
 * does not: "confirmed" then "registration cancelled" both carried version 2, and the cancellation
 * was ignored.
 *
 * <p>The address is stored only as the SHA-256 of its lower case, and the row is deleted with the
 * registrant's personal data ({@link #forgetRegistration}, {@link #forgetEvent}). Public because
 * the privacy feature erases through it.
 */
@Repository
public class CalendarSequenceRepository {

    /** RFC 5545 §3.8.7.4: SEQUENCE is an INTEGER, at most 2^31 - 1. */
    static final long MAX_SEQUENCE = Integer.MAX_VALUE;

    /** How an address is keyed; in SQL only, so that every statement normalises it the same way. */
    private static final String HASH = "sha256(convert_to(lower(%s), 'UTF8'))";

    private final JdbcClient jdbc;

    CalendarSequenceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the SEQUENCE of an attachment about to be sent: the event's version, or one above the
     * last taken for this address and event if that is higher. One statement (an upsert that locks
     * the row only for itself, committed at once, before any SMTP conversation): two instances
     * sending to the same person at the same time get two different numbers. A number taken for an
     * email that then fails is skipped; gaps are allowed, repeats are not.
     *
     * @param eventId the event, whose UID the attachment carries
     * @param registrationId the registration the email is about: nothing is taken once its
     *     personal data is erased, so that erasure leaves no row behind
     * @param recipient the address the email goes to, compared case-insensitively
     * @param eventVersion the version of the event the attachment describes
     * @return the SEQUENCE to write, from {@code eventVersion} up to {@link #MAX_SEQUENCE}; empty
     *     when the registrant's personal data has been erased meanwhile
     */
    OptionalLong next(UUID eventId, UUID registrationId, String recipient, long eventVersion) {
        return jdbc.sql(
                        """
                        INSERT INTO calendar_sequence (event_id, recipient_hash, last_sequence)
                        SELECT CAST(:eventId AS uuid), %s, CAST(:version AS bigint)
                        WHERE NOT EXISTS (SELECT 1 FROM registrant r WHERE r.registration_id = :registrationId
                            AND r.erased_at IS NOT NULL)
                        ON CONFLICT (event_id, recipient_hash) DO UPDATE SET last_sequence =
                            LEAST(GREATEST(calendar_sequence.last_sequence + 1, excluded.last_sequence), CAST(:max AS bigint))
                        RETURNING last_sequence
                        """
                                .formatted(HASH.formatted(":recipient")))
                .param("eventId", eventId)
                .param("registrationId", registrationId)
                .param("recipient", recipient)
                .param("version", Math.max(0, Math.min(eventVersion, MAX_SEQUENCE)))
                .param("max", MAX_SEQUENCE)
                .query(Long.class)
                .optional()
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    /**
     * Forgets the sequences of the addresses of one registration (its registrant's and those its
     * emails went to), in the caller's transaction; to be called before those addresses are
     * erased. An address that another registration of the same event still has is kept: it is
     * still known here, and forgetting it would let that registration's next attachment repeat a
     * SEQUENCE.
     */
    public void forgetRegistration(UUID registrationId) {
        jdbc.sql(
                        """
                        DELETE FROM calendar_sequence s USING (
                            SELECT event_id, email AS address FROM registrant WHERE registration_id = :registrationId
                            UNION
                            SELECT event_id, recipient FROM notification WHERE registration_id = :registrationId) a
                        WHERE a.address IS NOT NULL AND s.event_id = a.event_id AND s.recipient_hash = %s
                          AND NOT EXISTS (SELECT 1 FROM registrant o WHERE o.event_id = a.event_id
                              AND o.registration_id <> :registrationId AND lower(o.email) = lower(a.address))
                        """
                                .formatted(HASH.formatted("a.address")))
                .param("registrationId", registrationId)
                .update();
    }

    /** Forgets the sequences of every address of an event (the purge after it), in the caller's transaction. */
    public void forgetEvent(UUID eventId) {
        jdbc.sql("DELETE FROM calendar_sequence WHERE event_id = :eventId")
                .param("eventId", eventId)
                .update();
    }
}
