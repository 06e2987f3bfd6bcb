package org.museumevents.catalog.event;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events in PostgreSQL. No value passes through {@code java.sql.Timestamp}, whose conversions use
 * the JVM's default time zone: a wall-clock time in that zone's daylight-saving gap (02:30 on
 * 2027-03-28 in a JVM set to Europe/Paris) became 03:30 on the way in and on the way out. Local
 * times ({@code start_local timestamp}, the listing's day bounds) go as {@link LocalDateTime} and
 * instants ({@code timestamptz}) as {@link OffsetDateTime} in UTC, the JDBC 4.2 mappings, which
 * depend neither on the JVM's zone nor on the session's.
 */
@Repository
class EventRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    EventRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<Event> find(UUID id) {
        return jdbc.sql("SELECT * FROM event WHERE id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    void insert(Event event) {
        jdbc.sql(
                        """
                        INSERT INTO event (id, organisation, series_id, status, start_local, time_zone, starts_at, ends_at,
                                            details, search_text, version, published_at)
                        VALUES (:id, :organisation, :seriesId, :status, :startLocal, :timeZone, :startsAt, :endsAt,
                                CAST(:details AS jsonb), :searchText, :version, :publishedAt)
                        """)
                .paramSource(params(event))
                .update();
    }

    /** Saves a changed event if nobody else changed it since it was read; false when stale. */
    boolean update(Event event, long readVersion) {
        Map<String, Object> params = params(event);
        params.put("readVersion", readVersion);
        return jdbc.sql(
                                """
                        UPDATE event SET series_id = :seriesId, status = :status, start_local = :startLocal,
                               time_zone = :timeZone, starts_at = :startsAt, ends_at = :endsAt,
                               details = CAST(:details AS jsonb), search_text = :searchText, version = :version,
                               published_at = :publishedAt, updated_at = now()
                        WHERE id = :id AND version = :readVersion
                        """)
                        .paramSource(params)
                        .update()
                == 1;
    }

    /** The series' organisation, if the series exists. */
    Optional<String> seriesOrganisation(UUID seriesId) {
        return jdbc.sql("SELECT organisation FROM series WHERE id = :id")
                .param("id", seriesId)
                .query(String.class)
                .optional();
    }

    List<Event> search(EventQuery query, int offset, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM event");
        Map<String, Object> params = where(query, sql);
        sql.append(" ORDER BY starts_at, id LIMIT :limit OFFSET :offset");
        params.put("limit", limit);
        params.put("offset", offset);
        return jdbc.sql(sql.toString()).params(params).query(this::map).list();
    }

    long count(EventQuery query) {
        StringBuilder sql = new StringBuilder("SELECT count(*) FROM event");
        Map<String, Object> params = where(query, sql);
        return jdbc.sql(sql.toString()).params(params).query(Long.class).single();
    }

    /**
     * The events of several series in one statement, for a series listing: per series and status
     * the first {@code perStatusLimit} by start, of the series' own organisation. The public sees
     * only PUBLISHED events; a series in {@code ownSeriesIds} (the caller organises it) also shows
     * its drafts and cancelled events, each status capped on its own.
     *
     * @param seriesIds the series to load events for; empty gives an empty list without a query
     * @param ownSeriesIds those of {@code seriesIds} whose every status is shown
     * @return the events ordered by series, start, then PUBLISHED, DRAFT, CANCELLED, then id
     */
    List<Event> inSeries(Collection<UUID> seriesIds, Collection<UUID> ownSeriesIds, int perStatusLimit) {
        if (seriesIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(
                        """
                        SELECT * FROM (
                            SELECT e.*, row_number() OVER (PARTITION BY e.series_id, e.status ORDER BY e.starts_at, e.id)
                                        AS rank_in_status
                            FROM event e JOIN series s ON s.id = e.series_id AND s.organisation = e.organisation
                            WHERE e.series_id = ANY(:seriesIds)
                              AND (e.status = 'PUBLISHED' OR e.series_id = ANY(:ownSeriesIds))
                        ) ranked
                        WHERE rank_in_status <= :limit
                        ORDER BY series_id, starts_at,
                                 CASE status WHEN 'PUBLISHED' THEN 0 WHEN 'DRAFT' THEN 1 ELSE 2 END, id
                        """)
                .param("seriesIds", seriesIds.toArray(UUID[]::new))
                .param("ownSeriesIds", ownSeriesIds.toArray(UUID[]::new))
                .param("limit", perStatusLimit)
                .query(this::map)
                .list();
    }

    /**
     * The events of a public calendar feed (issue 17): those ever published (PUBLISHED, or CANCELLED
     * after publication; never a draft), of a series or of an organisation, not ended before {@code
     * endedAfter}, soonest first, at most {@code limit}.
     *
     * @param seriesId the series, or null for all of the organisation's events
     * @param organisation the events' organisation (a series' events are its organisation's)
     * @param endedAfter the instant before which an ended event is left out
     * @param limit the most events answered
     */
    List<Event> feed(UUID seriesId, String organisation, Instant endedAfter, int limit) {
        String scope = seriesId == null
                ? "organisation = :organisation"
                : "series_id = :seriesId AND organisation = :organisation";
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("organisation", organisation);
        if (seriesId != null) {
            params.put("seriesId", seriesId);
        }
        params.put("endedAfter", utc(endedAfter));
        params.put("limit", limit);
        return jdbc.sql("SELECT * FROM event WHERE " + scope
                        + " AND status IN ('PUBLISHED', 'CANCELLED') AND published_at IS NOT NULL"
                        + " AND ends_at >= :endedAfter ORDER BY starts_at, id LIMIT :limit")
                .params(params)
                .query(this::map)
                .list();
    }

    /** Whether the organisation has ever published an event (cancelled since or not). */
    boolean hasPublished(String organisation) {
        return jdbc.sql(
                        "SELECT EXISTS (SELECT 1 FROM event WHERE organisation = :organisation AND published_at IS NOT NULL)")
                .param("organisation", organisation)
                .query(Boolean.class)
                .single();
    }

    /** The latest local start among a series' events (wall-clock time in the series' zone), to continue the series after it. */
    Optional<LocalDateTime> lastStartInSeries(UUID seriesId) {
        return jdbc.sql("SELECT max(start_local) FROM event WHERE series_id = :seriesId")
                .param("seriesId", seriesId)
                .query((rs, n) -> Optional.ofNullable(rs.getObject(1, LocalDateTime.class)))
                .single();
    }

    private static Map<String, Object> where(EventQuery query, StringBuilder sql) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        conditions.add("status IN (:statuses)");
        params.put("statuses", query.statuses().stream().map(Enum::name).toList());
        if (query.organisation() != null) {
            conditions.add("organisation = :organisation");
            params.put("organisation", query.organisation());
        }
        if (query.series() != null) {
            conditions.add("series_id = :series");
            params.put("series", query.series());
        }
        if (query.from() != null) {
            conditions.add("start_local >= :from");
            params.put("from", query.from().atStartOfDay());
        }
        if (query.to() != null) {
            conditions.add("start_local < :to");
            params.put("to", query.to().plusDays(1).atStartOfDay());
        }
        if (query.endedAfter() != null) {
            conditions.add("ends_at >= :endedAfter");
            params.put("endedAfter", utc(query.endedAfter()));
        }
        if (query.text() != null) {
            conditions.add("search_text LIKE :text ESCAPE '\\'");
            String escaped = query.text()
                    .toLowerCase(java.util.Locale.ROOT)
                    .replace("\\", "\\\\")
                    .replace("%", "\\%")
                    .replace("_", "\\_");
            params.put("text", "%" + escaped + "%");
        }
        if (query.partnerOrganisation() != null) {
            // jsonb containment, served by the index of V7 (the ? operator would clash with JDBC's).
            conditions.add("details->'partnerOrganisations' @> jsonb_build_array(CAST(:partner AS text))");
            params.put("partner", query.partnerOrganisation());
        }
        sql.append(" WHERE ").append(String.join(" AND ", conditions));
        return params;
    }

    private Map<String, Object> params(Event event) {
        EventDetails details = event.details();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("id", event.id());
        params.put("organisation", event.organisation());
        params.put("seriesId", event.seriesId());
        params.put("status", event.status().name());
        params.put("startLocal", details.start());
        params.put("timeZone", details.timeZone());
        params.put("startsAt", utc(details.startsAt()));
        params.put("endsAt", utc(details.endsAt()));
        params.put("details", json.writeValueAsString(details));
        params.put("searchText", details.searchText());
        params.put("version", event.version());
        params.put("publishedAt", event.publishedAt() == null ? null : utc(event.publishedAt()));
        return params;
    }

    private Event map(ResultSet rs, int row) throws SQLException {
        return new Event(
                rs.getObject("id", UUID.class),
                rs.getString("organisation"),
                EventStatus.valueOf(rs.getString("status")),
                // The jsonb text as the driver received it (UTF-8): parsed from bytes, never decoded to a
                // String first, which was the largest single cost of a listing under load (issue 13).
                json.readValue(rs.getBytes("details"), EventDetails.class),
                rs.getLong("version"),
                Optional.ofNullable(rs.getObject("published_at", OffsetDateTime.class))
                        .map(OffsetDateTime::toInstant)
                        .orElse(null));
    }

    /** An instant for a {@code timestamptz} parameter, as JDBC 4.2 takes it: an offset date-time. */
    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** What the listing asks for; null fields do not filter. */
    record EventQuery(
            List<EventStatus> statuses,
            String organisation,
            UUID series,
            LocalDate from,
            LocalDate to,
            Instant endedAfter,
            String text,
            String partnerOrganisation) {}
}
