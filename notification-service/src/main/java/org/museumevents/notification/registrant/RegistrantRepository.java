package org.museumevents.notification.registrant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
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
            "registration_id, event_id, status, name, email, organisation, language, time_zone, manage_url, waitlist_position";

    private final JdbcClient jdbc;

    RegistrantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void save(Registrant registrant, Instant now) {
        jdbc.sql(
                        """
                        INSERT INTO registrant (registration_id, event_id, status, name, email, organisation, language,
                            time_zone, manage_url, waitlist_position, updated_at)
                        VALUES (:id, :eventId, :status, :name, :email, :organisation, :language, :timeZone, :manageUrl,
                            :position, :now)
                        ON CONFLICT (registration_id) DO UPDATE SET status = excluded.status, name = excluded.name,
                            email = excluded.email, organisation = excluded.organisation, language = excluded.language,
                            time_zone = excluded.time_zone, manage_url = excluded.manage_url,
                            waitlist_position = excluded.waitlist_position, updated_at = excluded.updated_at
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
                (Integer) rs.getObject("waitlist_position"));
    }
}
