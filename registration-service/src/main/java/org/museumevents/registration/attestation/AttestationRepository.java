package org.museumevents.registration.attestation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The attestation's facts: the registration, its event's details, and the verification code. */
@Repository
class AttestationRepository {

    private static final TypeReference<Map<String, String>> TITLE = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    AttestationRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** See {@link Attestations#learn}. */
    void saveDetails(UUID eventId, long version, EventDetails details) {
        jdbc.sql(
                        """
                        UPDATE event SET title = CAST(:title AS jsonb), venue = CAST(:venue AS jsonb),
                            time_zone = :timeZone, organisation_name = :organisationName
                        WHERE id = :id AND version = :version
                        """)
                .param("title", json.writeValueAsString(details.title()))
                .param("venue", details.venue() == null ? null : json.writeValueAsString(details.venue()))
                .param("timeZone", details.timeZone())
                .param("organisationName", details.organisationName())
                .param("id", eventId)
                .param("version", version)
                .update();
    }

    /**
     * The attendance the registrant may have an attestation of: the registration opened by {@code
     * token} (any of its manage tokens, compared by their SHA-256 as registration-service stores
     * them), CONFIRMED, checked in, and not erased.
     *
     * @return empty otherwise, whichever condition fails
     */
    Optional<Attendance> attendance(UUID registrationId, String token) {
        return jdbc.sql(
                        """
                        SELECT r.id, r.event_id, r.name, r.language, r.checked_in_at, r.attestation_code,
                            r.attestation_issued_at, e.organisation, e.organisation_name, e.title, e.venue,
                            e.time_zone, e.format, e.starts_at, e.ends_at
                        FROM registration r JOIN event e ON e.id = r.event_id
                        WHERE r.id = :id AND r.status = 'CONFIRMED' AND r.checked_in_at IS NOT NULL
                          AND r.personal_data_erased_at IS NULL
                          AND EXISTS (SELECT 1 FROM registration_token t WHERE t.registration_id = r.id
                                      AND t.hash = sha256(convert_to(:token, 'UTF8')))
                        """)
                .param("id", registrationId)
                .param("token", token)
                .query(this::attendance)
                .optional();
    }

    /**
     * Stores {@code code} as the registration's verification code unless it has one already.
     *
     * @param now the instant of issue (UTC)
     * @return the code and instant of the first issue, this one or an earlier
     * @throws DuplicateKeyException when another registration has {@code code} (the caller draws again)
     */
    Issued issue(UUID registrationId, String code, Instant now) {
        return jdbc.sql(
                        """
                        UPDATE registration SET attestation_code = COALESCE(attestation_code, :code),
                            attestation_issued_at = COALESCE(attestation_issued_at, :now)
                        WHERE id = :id RETURNING attestation_code, attestation_issued_at
                        """)
                .param("code", code)
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .param("id", registrationId)
                .query((rs, n) -> new Issued(rs.getString("attestation_code"), instant(rs, "attestation_issued_at")))
                .single();
    }

    /** The attestation issued with {@code code}, of a registration not erased, with its event's organisation. */
    Optional<Verified> verified(String code) {
        return jdbc.sql(
                        """
                        SELECT r.id, r.event_id, r.name, r.checked_in_at, r.attestation_issued_at, e.organisation
                        FROM registration r JOIN event e ON e.id = r.event_id
                        WHERE r.attestation_code = :code AND r.personal_data_erased_at IS NULL
                        """)
                .param("code", code)
                .query((rs, n) -> new Verified(
                        rs.getObject("id", UUID.class),
                        rs.getObject("event_id", UUID.class),
                        rs.getString("name"),
                        instant(rs, "checked_in_at"),
                        instant(rs, "attestation_issued_at"),
                        rs.getString("organisation")))
                .optional();
    }

    /**
     * @param checkedInAt when the registrant was first checked in (UTC)
     * @param code the verification code, null before the first issue
     * @param startsAt the event's start, {@code endsAt} its end (UTC instants)
     */
    record Attendance(
            UUID registrationId,
            UUID eventId,
            String name,
            String language,
            Instant checkedInAt,
            String code,
            String organisation,
            String organisationName,
            Map<String, String> title,
            EventDetails.Venue venue,
            String timeZone,
            String format,
            Instant startsAt,
            Instant endsAt) {}

    /** The verification code and the instant (UTC) it was first issued. */
    record Issued(String code, Instant issuedAt) {}

    /** An issued attestation, for its verification; {@code organisation} is the event's (a slug). */
    record Verified(
            UUID registrationId,
            UUID eventId,
            String name,
            Instant attendedAt,
            Instant issuedAt,
            String organisation) {}

    private Attendance attendance(ResultSet rs, int row) throws SQLException {
        String title = rs.getString("title");
        String venue = rs.getString("venue");
        return new Attendance(
                rs.getObject("id", UUID.class),
                rs.getObject("event_id", UUID.class),
                rs.getString("name"),
                rs.getString("language"),
                instant(rs, "checked_in_at"),
                rs.getString("attestation_code"),
                rs.getString("organisation"),
                rs.getString("organisation_name"),
                title == null ? Map.of() : json.readValue(title, TITLE),
                venue == null ? null : json.readValue(venue, EventDetails.Venue.class),
                rs.getString("time_zone"),
                rs.getString("format"),
                instant(rs, "starts_at"),
                instant(rs, "ends_at"));
    }

    // timestamptz read as UTC offsets: java.sql.Timestamp would go through the JVM's default zone.
    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
