package org.museumevents.notification.event;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The latest version of each catalog event, stored as announced. Public because planning stores
 * and reads the events and delivery reads them to write and authorise.
 */
@Repository
public class KnownEventRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    KnownEventRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<EventSnapshot> find(UUID eventId) {
        return jdbc.sql("SELECT details FROM known_event WHERE id = :id")
                .param("id", eventId)
                .query(String.class)
                .optional()
                .map(details -> json.readValue(details, EventSnapshot.class));
    }

    /** The organisation of the event, if the catalog has announced it. */
    public Optional<String> organisationOf(UUID eventId) {
        return jdbc.sql("SELECT organisation FROM known_event WHERE id = :id")
                .param("id", eventId)
                .query(String.class)
                .optional();
    }

    /**
     * The events that ended before {@code before} and whose registrants or delivery log still hold
     * personal data: those the purge has yet to erase.
     */
    public List<UUID> withPersonalDataEndedBefore(Instant before) {
        return jdbc.sql(
                        """
                        SELECT e.id FROM known_event e WHERE e.ends_at < :before
                          AND (EXISTS (SELECT 1 FROM registrant r WHERE r.event_id = e.id AND r.erased_at IS NULL)
                            OR EXISTS (SELECT 1 FROM notification n WHERE n.event_id = e.id AND n.recipient IS NOT NULL))
                        ORDER BY e.ends_at
                        """)
                .param("before", Timestamp.from(before))
                .query(UUID.class)
                .list();
    }

    /** Stores {@code event} unless a version at least as recent is already known; true if stored. */
    public boolean saveIfNewer(EventSnapshot event, Instant now) {
        return jdbc.sql(
                                """
                        INSERT INTO known_event (id, organisation, status, version, starts_at, ends_at, details,
                            updated_at)
                        VALUES (:id, :organisation, :status, :version, :startsAt, :endsAt, CAST(:details AS jsonb), :now)
                        ON CONFLICT (id) DO UPDATE SET organisation = excluded.organisation, status = excluded.status,
                            version = excluded.version, starts_at = excluded.starts_at, ends_at = excluded.ends_at,
                            details = excluded.details, updated_at = excluded.updated_at
                        WHERE known_event.version < excluded.version
                        """)
                        .param("id", event.id())
                        .param("organisation", event.organisation())
                        .param("status", event.status())
                        .param("version", event.version())
                        .param("startsAt", Timestamp.from(event.startsAt()))
                        .param("endsAt", Timestamp.from(event.endsAt()))
                        .param("details", json.writeValueAsString(event))
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }
}
