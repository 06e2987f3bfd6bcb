package org.museumevents.catalog.series;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

@Repository
class SeriesRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    SeriesRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(Series series) {
        jdbc.sql("INSERT INTO series (id, organisation, details) VALUES (:id, :organisation, CAST(:details AS jsonb))")
                .param("id", series.id())
                .param("organisation", series.organisation())
                .param("details", json.writeValueAsString(series.details()))
                .update();
    }

    Optional<Series> find(UUID id) {
        return jdbc.sql("SELECT id, organisation, details FROM series WHERE id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /** Locks the series row so two concurrent occurrence requests do not create the same dates. */
    Optional<Series> findForUpdate(UUID id) {
        return jdbc.sql("SELECT id, organisation, details FROM series WHERE id = :id FOR UPDATE")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    List<Series> list(String organisation, int offset, int limit) {
        return jdbc.sql(
                        """
                        SELECT id, organisation, details FROM series
                        WHERE (CAST(:organisation AS varchar) IS NULL OR organisation = :organisation)
                        ORDER BY created_at, id LIMIT :limit OFFSET :offset
                        """)
                .param("organisation", organisation)
                .param("limit", limit)
                .param("offset", offset)
                .query(this::map)
                .list();
    }

    long count(String organisation) {
        return jdbc.sql(
                        "SELECT count(*) FROM series WHERE (CAST(:organisation AS varchar) IS NULL OR organisation = :organisation)")
                .param("organisation", organisation)
                .query(Long.class)
                .single();
    }

    private Series map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Series(
                rs.getObject("id", UUID.class),
                rs.getString("organisation"),
                json.readValue(rs.getBytes("details"), SeriesDetails.class));
    }
}
