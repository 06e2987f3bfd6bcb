package org.museumevents.notification.registrant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The registrants of each event, one row per registration, as last announced. Public because
 * planning records them and delivery reads them to write the emails.
 */
@Repository
public class RegistrantRepository {

    private static final String COLUMNS =
            "registration_id, event_id, status, name, email, organisation, language, time_zone, manage_url, waitlist_position, check_in_code,"
                    + " subscription_id, subscription_url, reconfirm_url, decline_url";

    private static final String ERASE =
            """
            UPDATE registrant SET name = NULL, email = NULL, organisation = NULL, time_zone = NULL,
                manage_url = NULL, check_in_code = NULL, subscription_url = NULL, reconfirm_url = NULL,
                decline_url = NULL, erased_at = COALESCE(erased_at, :now), updated_at = :now
            """;

    private final JdbcClient jdbc;

    RegistrantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the registration as announced. An erased registrant stays erased: their personal
     * fields stay null whatever the announcement carries. A registration that becomes confirmed
     * keeps {@code occurredAt} as the time of its confirmation, until it is no longer confirmed.
     *
     * @param registrant the registration as it now stands
     * @param occurredAt when the announced change happened in registration-service (UTC instant)
     * @param now the processing clock (UTC instant): the row's {@code updated_at}
     */
    public void save(Registrant registrant, Instant occurredAt, Instant now) {
        jdbc.sql(
                        """
                        INSERT INTO registrant (registration_id, event_id, status, name, email, organisation, language,
                            time_zone, manage_url, waitlist_position, updated_at, erased_at, confirmed_at, check_in_code,
                            subscription_id, subscription_url, reconfirm_url, decline_url)
                        VALUES (:id, :eventId, :status, :name, :email, :organisation, :language, :timeZone, :manageUrl,
                            :position, :now, :erasedAt,
                            CASE WHEN :status = 'CONFIRMED' THEN CAST(:occurredAt AS timestamptz) END, :checkInCode,
                            :subscriptionId, :subscriptionUrl, :reconfirmUrl, :declineUrl)
                        ON CONFLICT (registration_id) DO UPDATE SET status = excluded.status,
                            name = CASE WHEN registrant.erased_at IS NULL THEN excluded.name END,
                            email = CASE WHEN registrant.erased_at IS NULL THEN excluded.email END,
                            organisation = CASE WHEN registrant.erased_at IS NULL THEN excluded.organisation END,
                            language = excluded.language,
                            time_zone = CASE WHEN registrant.erased_at IS NULL THEN excluded.time_zone END,
                            manage_url = CASE WHEN registrant.erased_at IS NULL THEN excluded.manage_url END,
                            check_in_code = CASE WHEN registrant.erased_at IS NULL THEN excluded.check_in_code END,
                            subscription_id = COALESCE(excluded.subscription_id, registrant.subscription_id),
                            subscription_url = CASE WHEN registrant.erased_at IS NULL THEN excluded.subscription_url END,
                            reconfirm_url = CASE WHEN registrant.erased_at IS NULL THEN excluded.reconfirm_url END,
                            decline_url = CASE WHEN registrant.erased_at IS NULL THEN excluded.decline_url END,
                            waitlist_position = excluded.waitlist_position, updated_at = excluded.updated_at,
                            erased_at = COALESCE(registrant.erased_at, excluded.erased_at),
                            confirmed_at = CASE WHEN registrant.status = 'CONFIRMED'
                                THEN COALESCE(registrant.confirmed_at, excluded.confirmed_at)
                                ELSE excluded.confirmed_at END
                        """)
                .param("id", registrant.registrationId())
                .param("eventId", registrant.eventId())
                .param("status", registrant.status().name())
                .param("name", registrant.name())
                .param("email", registrant.email())
                .param("organisation", registrant.organisation())
                .param("language", registrant.language())
                .param("timeZone", registrant.timeZone())
                .param("manageUrl", registrant.manageUrl())
                .param("position", registrant.waitlistPosition())
                .param("checkInCode", registrant.reachable() ? registrant.checkInCode() : null)
                .param("subscriptionId", registrant.subscriptionId())
                .param("subscriptionUrl", registrant.reachable() ? registrant.subscriptionUrl() : null)
                .param("reconfirmUrl", registrant.reachable() ? registrant.reconfirmUrl() : null)
                .param("declineUrl", registrant.reachable() ? registrant.declineUrl() : null)
                .param("now", Timestamp.from(now))
                .param("occurredAt", Timestamp.from(occurredAt))
                // PostgreSQL checks the proposed row before it finds the conflict: an erased
                // registrant's row (no name, no email) must say so already.
                .param("erasedAt", registrant.reachable() ? null : Timestamp.from(now))
                .update();
    }

    /**
     * Records whether the registrant attended (issue 16), as {@code RegistrationAttended} or {@code
     * RegistrationAttendanceUndone} told it.
     *
     * @return false when the registration is unknown here
     */
    public boolean markAttended(UUID registrationId, boolean attended) {
        return jdbc.sql("UPDATE registrant SET attended = :attended WHERE registration_id = :id")
                        .param("attended", attended)
                        .param("id", registrationId)
                        .update()
                == 1;
    }

    /** Whether the registration is known to have attended (false when unknown). */
    public boolean attended(UUID registrationId) {
        return jdbc.sql("SELECT attended FROM registrant WHERE registration_id = :id")
                .param("id", registrationId)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    /** The ids of the event's registrations known to have attended. */
    public java.util.Set<UUID> attendedOf(UUID eventId) {
        return new java.util.HashSet<>(
                jdbc.sql("SELECT registration_id FROM registrant WHERE event_id = :eventId AND attended")
                        .param("eventId", eventId)
                        .query(UUID.class)
                        .list());
    }

    /**
     * Erases the personal data of one registration: name, email, organisation, time zone, the
     * manage link (which holds the registrant's token), the check-in code and the links of issue 17
     * (subscription, reconfirm, decline: tokens too). The status, language and subscription id stay.
     *
     * @return false when the registration is unknown here
     */
    public boolean erase(UUID registrationId, Instant now) {
        return jdbc.sql(ERASE + " WHERE registration_id = :id")
                        .param("id", registrationId)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /** Erases the personal data of every registration of the event; returns how many still had some. */
    public int eraseOfEvent(UUID eventId, Instant now) {
        return jdbc.sql(ERASE + " WHERE event_id = :eventId AND erased_at IS NULL")
                .param("eventId", eventId)
                .param("now", Timestamp.from(now))
                .update();
    }

    public Optional<Registrant> find(UUID registrationId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM registrant WHERE registration_id = :id")
                .param("id", registrationId)
                .query(RegistrantRepository::map)
                .optional();
    }

    public List<Registrant> ofEvent(UUID eventId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM registrant WHERE event_id = :eventId ORDER BY registration_id")
                .param("eventId", eventId)
                .query(RegistrantRepository::map)
                .list();
    }

    /**
     * When each confirmed registration of the event became confirmed (UTC instants), by
     * registration id: the time its reminders are judged against ({@link #save}).
     */
    public Map<UUID, Instant> confirmationsOf(UUID eventId) {
        Map<UUID, Instant> confirmed = new HashMap<>();
        jdbc.sql(
                        """
                        SELECT registration_id, COALESCE(confirmed_at, updated_at) AS confirmed_at FROM registrant
                        WHERE event_id = :eventId AND status = 'CONFIRMED'
                        """)
                .param("eventId", eventId)
                .query(rs -> {
                    confirmed.put(
                            rs.getObject("registration_id", UUID.class),
                            rs.getTimestamp("confirmed_at").toInstant());
                });
        return confirmed;
    }

    private static Registrant map(ResultSet rs, int row) throws SQLException {
        return new Registrant(
                rs.getObject("registration_id", UUID.class),
                rs.getObject("event_id", UUID.class),
                RegistrationStatus.valueOf(rs.getString("status")),
                rs.getString("name"),
                rs.getString("email"),
                rs.getString("organisation"),
                rs.getString("language"),
                rs.getString("time_zone"),
                rs.getString("manage_url"),
                (Integer) rs.getObject("waitlist_position"),
                rs.getString("check_in_code"),
                rs.getObject("subscription_id", UUID.class),
                rs.getString("subscription_url"),
                rs.getString("reconfirm_url"),
                rs.getString("decline_url"));
    }
}
