package org.museumevents.catalog.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.museumevents.catalog.CatalogIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The migration that starts tracking publication fills it in for the events that existed before
 * it: published ones and those cancelled after publication (their outbox messages say so) are
 * public, a draft cancelled before publication is not. Run on a schema of its own, migrated to the
 * version before, filled, then migrated on.
 */
@CatalogIntegrationTest
class PublishedAtMigrationTest {

    final String schema = "migration_" + UUID.randomUUID().toString().substring(0, 8);

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void dropSchema() {
        jdbc.sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE").update();
    }

    @Test
    void publishedAndCancelledAfterPublicationAreMarkedPublishedAndCancelledDraftsAreNot() {
        flyway("3").migrate();
        UUID published = insertEvent("PUBLISHED");
        UUID cancelledAfterPublication = insertEvent("CANCELLED");
        UUID cancelledDraft = insertEvent("CANCELLED");
        UUID draft = insertEvent("DRAFT");
        outbox(published, "EventPublished", "2026-01-10T10:00:00Z");
        outbox(cancelledAfterPublication, "EventPublished", "2026-02-10T10:00:00Z");
        outbox(cancelledAfterPublication, "EventCancelled", "2026-03-10T10:00:00Z");

        flyway(null).migrate();

        assertThat(publishedAt(published)).isEqualTo("2026-01-10 10:00:00");
        assertThat(publishedAt(cancelledAfterPublication)).isEqualTo("2026-02-10 10:00:00");
        assertThat(publishedAt(cancelledDraft)).isNull();
        assertThat(publishedAt(draft)).isNull();
        assertThatThrownBy(() -> jdbc.sql("UPDATE " + schema + ".event SET status = 'PUBLISHED' WHERE id = :id")
                        .param("id", draft)
                        .update())
                .as("a published event without its publication time is refused by the schema")
                .hasMessageContaining("event_published_has_published_at");
    }

    private Flyway flyway(String target) {
        var configuration = Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .locations("classpath:db/migration");
        if (target != null) {
            configuration.target(MigrationVersion.fromVersion(target));
        }
        return configuration.load();
    }

    private UUID insertEvent(String status) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO " + schema + ".event (id, organisation, status, start_local, time_zone, starts_at,"
                        + " ends_at, details, search_text, version) VALUES (:id, 'icom-france', :status,"
                        + " '2027-02-16 13:00', 'Europe/Paris', now(), now(), '{}', '', 1)")
                .param("id", id)
                .param("status", status)
                .update();
        return id;
    }

    private void outbox(UUID event, String type, String at) {
        jdbc.sql(
                        "INSERT INTO " + schema + ".outbox (message_id, destination, message_key, type, payload,"
                                + " occurred_at) VALUES (:messageId, 'catalog.events', :key, :type, '{}', CAST(:at AS timestamptz))")
                .param("messageId", UUID.randomUUID())
                .param("key", event.toString())
                .param("type", type)
                .param("at", at)
                .update();
    }

    private String publishedAt(UUID event) {
        return jdbc.sql("SELECT to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') FROM " + schema
                        + ".event WHERE id = :id")
                .param("id", event)
                .query((rs, n) -> rs.getString(1))
                .list()
                .get(0);
    }
}
