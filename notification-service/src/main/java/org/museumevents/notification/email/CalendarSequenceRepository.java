package org.museumevents.notification.email;

import java.util.OptionalLong;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SEQUENCE of the last iCalendar attachment sent about each event, to anyone (table {@code
 * calendar_sequence}). RFC 5545 §3.8.7.4: a calendar applies a new copy of an entry (same UID)
 * only when its SEQUENCE is above the one it holds, so each attachment one person receives must go
 * above the last they received, whatever happened in between. The event's version alone does not:
 * "confirmed" then "registration cancelled" both carried version 2, and the cancellation was
 * ignored.
 *
 * <p>One counter per event, not per address: every attachment about an event goes above every one
 * sent before it about that event, so above whatever any one person holds, and no address (not even
 * a hash of it) is kept. Erasing a person therefore cannot reset their SEQUENCE: a first version
 * kept one row per hashed address and deleted it on erasure, and the same address registering again
 * received a SEQUENCE below the cancellation it held. A new registrant's first SEQUENCE may be high;
 * calendars only compare.
 */
@Repository
class CalendarSequenceRepository {

    /** RFC 5545 §3.8.7.4: SEQUENCE is an INTEGER, at most 2^31 - 1. */
    static final long MAX_SEQUENCE = Integer.MAX_VALUE;

    private final JdbcClient jdbc;

    CalendarSequenceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the SEQUENCE of an attachment about to be sent: the event's version, or one above the
     * last taken for this event if that is higher. One statement (an upsert that locks the event's
     * row only for itself, committed at once, before any SMTP conversation): two instances sending
     * at the same time get two different numbers. A number taken for an email that then fails is
     * skipped; gaps are allowed, repeats are not.
     *
     * @param eventId the event, whose UID the attachment carries
     * @param registrationId the registration the email is about: nothing is taken once its
     *     personal data is erased (the email then goes without an attachment)
     * @param eventVersion the version of the event the attachment describes
     * @return the SEQUENCE to write, from {@code eventVersion} up to {@link #MAX_SEQUENCE}; empty
     *     when the registrant's personal data has been erased meanwhile
     */
    OptionalLong next(UUID eventId, UUID registrationId, long eventVersion) {
        return jdbc.sql(
                        """
                        INSERT INTO calendar_sequence (event_id, last_sequence)
                        SELECT CAST(:eventId AS uuid), CAST(:version AS bigint)
                        WHERE NOT EXISTS (SELECT 1 FROM registrant r WHERE r.registration_id = :registrationId
                            AND r.erased_at IS NOT NULL)
                        ON CONFLICT (event_id) DO UPDATE SET last_sequence =
                            LEAST(GREATEST(calendar_sequence.last_sequence + 1, excluded.last_sequence), CAST(:max AS bigint))
                        RETURNING last_sequence
                        """)
                .param("eventId", eventId)
                .param("registrationId", registrationId)
                .param("version", Math.max(0, Math.min(eventVersion, MAX_SEQUENCE)))
                .param("max", MAX_SEQUENCE)
                .query(Long.class)
                .optional()
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }
}
