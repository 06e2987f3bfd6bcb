package org.museumevents.registration.registration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registration table, with its token hashes and idempotency keys. New registrations are
 * inserted by {@link RegisterGroup}, a group at a time, not here.
 */
@Repository
class RegistrationRepository {

    private static final String COLUMNS =
            """
            id, event_id, status, waitlist_seq, name, email, organisation, language, time_zone,
            interpretation_language, answers, cancelled_by, personal_data_erased_at, created_at, subscription_id
            """;

    private static final TypeReference<Map<String, Object>> ANSWERS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    RegistrationRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The answers as stored in the {@code answers} jsonb column. */
    String answersJson(Map<String, Object> answers) {
        return answers.isEmpty() ? "{}" : json.writeValueAsString(answers);
    }

    static String emailKey(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    Optional<Registration> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM registration WHERE id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /**
     * The registrations a series subscription made (issue 17), not erased, by creation.
     */
    List<Registration> ofSubscription(UUID subscriptionId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM registration WHERE subscription_id = :id ORDER BY created_at")
                .param("id", subscriptionId)
                .query(this::map)
                .list();
    }

    /** Call after locking the registration's event (lock order: event, then registrations). */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Registration> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM registration WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Registration> firstWaiting(UUID eventId) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM registration WHERE event_id = :eventId AND status = 'WAITLISTED'"
                        + " ORDER BY waitlist_seq LIMIT 1 FOR UPDATE")
                .param("eventId", eventId)
                .query(this::map)
                .optional();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    List<Registration> activeOf(UUID eventId) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM registration WHERE event_id = :eventId"
                        + " AND status IN ('CONFIRMED', 'PENDING', 'WAITLISTED') ORDER BY created_at FOR UPDATE")
                .param("eventId", eventId)
                .query(this::map)
                .list();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    List<Registration> notErasedOf(UUID eventId) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM registration WHERE event_id = :eventId AND personal_data_erased_at IS NULL FOR UPDATE")
                .param("eventId", eventId)
                .query(this::map)
                .list();
    }

    /**
     * Which of {@code emailKeys} ({@link #emailKey}) already have an active registration for the
     * event, in one query. Read under the event's lock, it sees every registration made before.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Set<String> activeEmailKeys(UUID eventId, Collection<String> emailKeys) {
        return new HashSet<>(jdbc.sql(
                        """
                        SELECT email_key FROM registration WHERE event_id = :eventId
                        AND email_key = ANY(CAST(:emailKeys AS text[]))
                        AND status IN ('CONFIRMED', 'PENDING', 'WAITLISTED')
                        """)
                .param("eventId", eventId)
                .param("emailKeys", new SqlArrayValue("text", emailKeys.toArray()))
                .query(String.class)
                .list());
    }

    /** The stored idempotency keys among {@code keys} of the event, by key, in one query. */
    Map<String, IdempotencyKey> idempotencyKeys(UUID eventId, Collection<String> keys) {
        return jdbc
                .sql(
                        """
                        SELECT key, request_hash, registration_id, created_at FROM idempotency_key
                        WHERE event_id = :eventId AND key = ANY(CAST(:keys AS text[]))
                        """)
                .param("eventId", eventId)
                .param("keys", new SqlArrayValue("text", keys.toArray()))
                .query((rs, n) -> Map.entry(
                        rs.getString("key"),
                        new IdempotencyKey(
                                rs.getBytes("request_hash"),
                                rs.getObject("registration_id", UUID.class),
                                instant(rs, "created_at"))))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** 1 for the first waiting, or null when not waiting. */
    Integer waitlistPosition(Registration registration) {
        if (registration.status() != RegistrationStatus.WAITLISTED || registration.waitlistSeq() == null) {
            return null;
        }
        return jdbc.sql(
                        """
                        SELECT count(*) FROM registration WHERE event_id = :eventId AND status = 'WAITLISTED'
                        AND waitlist_seq <= :seq
                        """)
                .param("eventId", registration.eventId())
                .param("seq", registration.waitlistSeq())
                .query(Long.class)
                .single()
                .intValue();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void save(Registration r, Instant now) {
        jdbc.sql(
                        """
                        UPDATE registration SET status = :status, waitlist_seq = :seq, name = :name, email = :email,
                            email_key = :emailKey, organisation = :organisation, answers = CAST(:answers AS jsonb),
                            cancelled_by = :cancelledBy,
                            personal_data_erased_at = :erasedAt, updated_at = :now,
                            confirmed_at = CASE WHEN :status <> 'CONFIRMED' THEN NULL
                                WHEN status <> 'CONFIRMED' THEN :now ELSE confirmed_at END
                        WHERE id = :id
                        """)
                .param("status", r.status().name())
                .param("seq", r.waitlistSeq())
                .param("name", r.name())
                .param("email", r.email())
                .param("emailKey", emailKey(r.email()))
                .param("organisation", r.organisation())
                .param("answers", answersJson(r.answers()))
                .param(
                        "cancelledBy",
                        r.cancelledBy() == null ? null : r.cancelledBy().name())
                .param("erasedAt", utc(r.personalDataErasedAt()))
                .param("now", utc(now))
                .param("id", r.id())
                .update();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void addTokenHash(UUID registrationId, byte[] hash, Instant now) {
        jdbc.sql("INSERT INTO registration_token (hash, registration_id, created_at) VALUES (:hash, :id, :now)")
                .param("hash", hash)
                .param("id", registrationId)
                .param("now", utc(now))
                .update();
    }

    boolean hasTokenHash(UUID registrationId, byte[] hash) {
        return jdbc.sql("SELECT count(*) FROM registration_token WHERE hash = :hash AND registration_id = :id")
                        .param("hash", hash)
                        .param("id", registrationId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * Deletes the registration's token hashes (its manage links stop opening it) and idempotency
     * keys (whose request hash is a hash of the body with the email).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void forgetSecrets(UUID registrationId) {
        // The check-in code goes too: the old code finds nothing (the check-in time stays: a count).
        jdbc.sql("UPDATE registration SET check_in_code = NULL WHERE id = :id")
                .param("id", registrationId)
                .update();
        jdbc.sql("DELETE FROM registration_token WHERE registration_id = :id")
                .param("id", registrationId)
                .update();
        jdbc.sql("DELETE FROM idempotency_key WHERE registration_id = :id")
                .param("id", registrationId)
                .update();
    }

    /**
     * Blanks the personal fields (name, email, organisation, the manage link with its token, the check-in code, and
     * issue 17's reconfirm and decline links) of the
     * registration's messages in the outbox, relayed or not: the fields stay, null.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    int scrubMessages(UUID eventId, UUID registrationId) {
        return jdbc.sql(
                        """
                        UPDATE outbox SET payload = (CAST(payload AS jsonb)
                            || '{"name": null, "email": null, "organisation": null, "manageUrl": null, "checkInCode": null, "subscriptionUrl": null, "reconfirmUrl": null, "declineUrl": null}'::jsonb)::text
                        WHERE destination = :destination AND message_key = :eventId AND type <> :erased
                        AND payload LIKE :like AND CAST(payload AS jsonb) ->> 'registrationId' = :registrationId
                        """)
                .param("destination", RegistrationMessage.DESTINATION)
                .param("eventId", eventId.toString())
                .param("erased", RegistrationErased.TYPE)
                .param("like", "%" + registrationId + "%")
                .param("registrationId", registrationId.toString())
                .update();
    }

    /**
     * The registration's check-in facts (issue 16), with its event's format.
     *
     * @return empty for an unknown id
     */
    Optional<CheckInFacts> checkInFacts(UUID registrationId) {
        return jdbc.sql(
                        """
                        SELECT r.check_in_code, r.checked_in_at, e.format FROM registration r
                        JOIN event e ON e.id = r.event_id WHERE r.id = :id
                        """)
                .param("id", registrationId)
                .query((rs, n) -> new CheckInFacts(
                        rs.getString("check_in_code"), instant(rs, "checked_in_at"), rs.getString("format")))
                .optional();
    }

    /**
     * @param code the check-in code, null once erased
     * @param checkedInAt when first checked in (UTC), null when not
     * @param format the event's format as the catalog sent it ({@code ONLINE}, {@code IN_PERSON},
     *     {@code HYBRID}), null when not known yet
     */
    record CheckInFacts(String code, Instant checkedInAt, String format) {}

    /** The registration first made with a key, and the hash of that request's body. */
    record IdempotencyKey(byte[] requestHash, UUID registrationId, Instant createdAt) {}

    /** Forgets the event's {@code key} if it was first used before {@code before}: it is new again. */
    void forgetIdempotencyKey(UUID eventId, String key, Instant before) {
        jdbc.sql("DELETE FROM idempotency_key WHERE event_id = :eventId AND key = :key AND created_at < :before")
                .param("eventId", eventId)
                .param("key", key)
                .param("before", utc(before))
                .update();
    }

    /** Forgets every idempotency key first used before {@code before}; answers how many. */
    int forgetIdempotencyKeysBefore(Instant before) {
        return jdbc.sql("DELETE FROM idempotency_key WHERE created_at < :before")
                .param("before", utc(before))
                .update();
    }

    private Registration map(ResultSet rs, int row) throws SQLException {
        String cancelledBy = rs.getString("cancelled_by");
        return new Registration(
                rs.getObject("id", UUID.class),
                rs.getObject("event_id", UUID.class),
                RegistrationStatus.valueOf(rs.getString("status")),
                (Long) rs.getObject("waitlist_seq"),
                rs.getString("name"),
                rs.getString("email"),
                rs.getString("organisation"),
                rs.getString("language"),
                rs.getString("time_zone"),
                rs.getString("interpretation_language"),
                answers(rs.getString("answers")),
                cancelledBy == null ? null : CancelledBy.valueOf(cancelledBy),
                instant(rs, "personal_data_erased_at"),
                instant(rs, "created_at"),
                rs.getObject("subscription_id", UUID.class));
    }

    private Map<String, Object> answers(String stored) {
        return stored == null || stored.equals("{}") ? Map.of() : json.readValue(stored, ANSWERS);
    }

    // timestamptz read and written as UTC offsets: java.sql.Timestamp would go through the JVM's
    // default zone (pgjdbc formats it in that zone), and nothing here should depend on it.
    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
