package org.museumevents.registration.subscription;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.museumevents.registration.registration.RegistrationRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The subscription, subscription_token and subscription_enrolment tables (issue 17, migration V13). */
@Repository
class SubscriptionRepository {

    private static final TypeReference<Map<String, JsonNode>> ANSWERS = new TypeReference<>() {};

    private static final String COLUMNS =
            """
            id, series_id, status, name, email, organisation, language, time_zone, interpretation_language,
            answers, created_at, cancelled_at, personal_data_erased_at
            """;

    /** The outcomes of a (subscription, occurrence) pair, as stored. */
    static final String DECIDING = "DECIDING";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    SubscriptionRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    static String emailKey(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Inserts an ACTIVE subscription.
     *
     * @throws org.springframework.dao.DuplicateKeyException when the email already has an active
     *     subscription to the series
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void insert(UUID id, UUID seriesId, RegistrationRequest r, Instant now) {
        jdbc.sql(
                        """
                        INSERT INTO subscription (id, series_id, status, name, email, email_key, organisation, language,
                                                  time_zone, interpretation_language, answers, created_at)
                        VALUES (:id, :seriesId, 'ACTIVE', :name, :email, :emailKey, :organisation, :language,
                                :timeZone, :interpretationLanguage, CAST(:answers AS jsonb), :now)
                        """)
                .param("id", id)
                .param("seriesId", seriesId)
                .param("name", r.name().trim())
                .param("email", r.email().trim())
                .param("emailKey", emailKey(r.email()))
                .param("organisation", r.organisation())
                .param("language", r.language())
                .param("timeZone", r.timeZone())
                .param("interpretationLanguage", r.interpretationLanguage())
                .param("answers", r.answers() == null ? "{}" : json.writeValueAsString(r.answers()))
                .param("now", utc(now))
                .update();
    }

    boolean hasActive(UUID seriesId, String email) {
        return jdbc.sql("SELECT count(*) FROM subscription WHERE series_id = :seriesId AND email_key = :emailKey"
                                + " AND status = 'ACTIVE'")
                        .param("seriesId", seriesId)
                        .param("emailKey", emailKey(email))
                        .query(Long.class)
                        .single()
                > 0;
    }

    Optional<Subscription> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM subscription WHERE id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Subscription> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM subscription WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /** Cancels an ACTIVE subscription; answers whether this call did. */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean cancel(UUID id, Instant now) {
        return jdbc.sql("UPDATE subscription SET status = 'CANCELLED', cancelled_at = :now"
                                + " WHERE id = :id AND status = 'ACTIVE'")
                        .param("id", id)
                        .param("now", utc(now))
                        .update()
                > 0;
    }

    /** Erases the personal data and the tokens, and cancels; answers whether this call erased it. */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean erase(UUID id, Instant now) {
        int erased = jdbc.sql(
                        """
                        UPDATE subscription SET name = NULL, email = NULL, email_key = NULL, organisation = NULL,
                            answers = '{}', personal_data_erased_at = :now,
                            status = 'CANCELLED', cancelled_at = coalesce(cancelled_at, :now)
                        WHERE id = :id AND personal_data_erased_at IS NULL
                        """)
                .param("id", id)
                .param("now", utc(now))
                .update();
        jdbc.sql("DELETE FROM subscription_token WHERE subscription_id = :id")
                .param("id", id)
                .update();
        return erased > 0;
    }

    /** CANCELLED subscriptions not erased yet whose {@code cancelled_at} is before {@code before} (UTC). */
    List<UUID> cancelledBefore(Instant before) {
        return jdbc.sql("SELECT id FROM subscription WHERE status = 'CANCELLED' AND personal_data_erased_at IS NULL"
                        + " AND cancelled_at < :before")
                .param("before", utc(before))
                .query(UUID.class)
                .list();
    }

    boolean isErased(UUID id) {
        return jdbc.sql("SELECT personal_data_erased_at IS NOT NULL FROM subscription WHERE id = :id")
                .param("id", id)
                .query(Boolean.class)
                .optional()
                .orElse(true);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void addTokenHash(UUID subscriptionId, byte[] hash, Instant now) {
        jdbc.sql("INSERT INTO subscription_token (hash, subscription_id, created_at) VALUES (:hash, :id, :now)")
                .param("hash", hash)
                .param("id", subscriptionId)
                .param("now", utc(now))
                .update();
    }

    boolean hasTokenHash(UUID subscriptionId, byte[] hash) {
        return jdbc.sql("SELECT count(*) FROM subscription_token WHERE hash = :hash AND subscription_id = :id")
                        .param("hash", hash)
                        .param("id", subscriptionId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * Claims the (subscription, occurrence) pair for this caller: exactly one caller, of any
     * instance, ever gets true for a pair, and only while the subscription is ACTIVE; it then decides
     * it ({@link #decide}).
     */
    boolean claim(UUID subscriptionId, UUID eventId, Instant now) {
        return jdbc.sql(
                                """
                                INSERT INTO subscription_enrolment (subscription_id, event_id, outcome, decided_at)
                                SELECT :subscriptionId, :eventId, 'DECIDING', :now
                                WHERE EXISTS (SELECT 1 FROM subscription WHERE id = :subscriptionId AND status = 'ACTIVE')
                                ON CONFLICT (subscription_id, event_id) DO NOTHING
                                """)
                        .param("subscriptionId", subscriptionId)
                        .param("eventId", eventId)
                        .param("now", utc(now))
                        .update()
                > 0;
    }

    /** Records how a claimed pair was decided. */
    void decide(UUID subscriptionId, UUID eventId, String outcome, UUID registrationId, Instant now) {
        jdbc.sql(
                        """
                        UPDATE subscription_enrolment SET outcome = :outcome, registration_id = :registrationId,
                            decided_at = :now
                        WHERE subscription_id = :subscriptionId AND event_id = :eventId
                        """)
                .param("outcome", outcome)
                .param("registrationId", registrationId)
                .param("now", utc(now))
                .param("subscriptionId", subscriptionId)
                .param("eventId", eventId)
                .update();
    }

    /** Releases a claim whose decision failed (the database, say): a later sweep tries the pair again. */
    void release(UUID subscriptionId, UUID eventId) {
        jdbc.sql(
                        """
                        DELETE FROM subscription_enrolment
                        WHERE subscription_id = :subscriptionId AND event_id = :eventId AND outcome = 'DECIDING'
                        """)
                .param("subscriptionId", subscriptionId)
                .param("eventId", eventId)
                .update();
    }

    /**
     * The pairs still to decide: ACTIVE subscriptions and the occurrences of their series open for
     * registration at {@code now} (published, not started, window open), not decided yet; at most
     * {@code limit}, earliest occurrence first.
     *
     * @param eventId only this occurrence's pairs, or null for every occurrence
     */
    List<Pair> undecided(UUID eventId, Instant now, int limit) {
        return jdbc.sql(
                        """
                        SELECT s.id AS subscription_id, e.id AS event_id FROM subscription s
                        JOIN event e ON e.series_id = s.series_id
                        WHERE s.status = 'ACTIVE' AND e.status = 'PUBLISHED' AND e.starts_at > :now
                        AND (e.opens_at IS NULL OR e.opens_at <= :now) AND (e.closes_at IS NULL OR e.closes_at > :now)
                        AND (CAST(:eventId AS uuid) IS NULL OR e.id = CAST(:eventId AS uuid))
                        AND NOT EXISTS (SELECT 1 FROM subscription_enrolment d
                                        WHERE d.subscription_id = s.id AND d.event_id = e.id)
                        ORDER BY e.starts_at, s.created_at
                        LIMIT :limit
                        """)
                .param("now", utc(now))
                .param("eventId", eventId)
                .param("limit", limit)
                .query((rs, n) ->
                        new Pair(rs.getObject("subscription_id", UUID.class), rs.getObject("event_id", UUID.class)))
                .list();
    }

    /** A subscription and one occurrence of its series. */
    record Pair(UUID subscriptionId, UUID eventId) {}

    /** The series' subscriptions by status: {@code [active, cancelled]}. */
    long[] counts(UUID seriesId) {
        return jdbc.sql(
                        """
                        SELECT count(*) FILTER (WHERE status = 'ACTIVE') AS active,
                               count(*) FILTER (WHERE status = 'CANCELLED') AS cancelled
                        FROM subscription WHERE series_id = :seriesId
                        """)
                .param("seriesId", seriesId)
                .query((rs, n) -> new long[] {rs.getLong("active"), rs.getLong("cancelled")})
                .single();
    }

    private Subscription map(ResultSet rs, int row) throws SQLException {
        boolean erased = rs.getObject("personal_data_erased_at") != null;
        String answers = rs.getString("answers");
        RegistrationRequest request = erased
                ? null
                : new RegistrationRequest(
                        rs.getString("name"),
                        rs.getString("email"),
                        rs.getString("organisation"),
                        rs.getString("language"),
                        rs.getString("time_zone"),
                        rs.getString("interpretation_language"),
                        true,
                        answers == null || answers.equals("{}") ? null : json.readValue(answers, ANSWERS));
        return new Subscription(
                rs.getObject("id", UUID.class),
                rs.getObject("series_id", UUID.class),
                rs.getString("status"),
                request,
                rs.getString("language"),
                rs.getString("time_zone"),
                rs.getString("interpretation_language"),
                instant(rs, "created_at"),
                instant(rs, "cancelled_at"));
    }

    // timestamptz read and written as UTC offsets, never through the JVM's default zone.
    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
