package org.museumevents.registration.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.museumevents.registration.RegistrationIntegrationTest;
import org.museumevents.registration.TestCatalog;
import org.museumevents.registration.event.EventSnapshot;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The place-taking statement on real PostgreSQL: typed placements and statuses, and no place for
 * a registration judged on a version of the event that the catalog has since replaced.
 */
@RegistrationIntegrationTest
class RegisterStatementTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    RegisterStatement statement;

    @Autowired
    JdbcClient jdbc;

    @Test
    void takesNoPlaceForAnEventThatChangedSinceItWasJudged() {
        EventSnapshot judged = TestCatalog.apply(context, TestCatalog.event("icom-france", 10));
        TestCatalog.apply(context, TestCatalog.with(judged, "CANCELLED", 10, false, true));

        Optional<RegisterStatement.Outcome> outcome = run(judged.id(), judged.version(), RegistrationStatus.CONFIRMED);

        assertThat(outcome).isEmpty();
        assertThat(registrations(judged.id())).isZero();
        assertThat(messages(judged.id())).isZero();
        assertThat(taken(judged.id())).isZero();
    }

    @Test
    void placesThenWaitlistsWithTheStatusesAndMessagesItIsGiven() {
        EventSnapshot event = TestCatalog.apply(
                context, TestCatalog.with(TestCatalog.event("icom-france", 1), "PUBLISHED", 1, true, true));

        assertThat(run(event.id(), event.version(), RegistrationStatus.PENDING))
                .contains(new RegisterStatement.Outcome(Placement.PLACED, RegistrationStatus.PENDING, null));
        assertThat(run(event.id(), event.version(), RegistrationStatus.PENDING))
                .contains(new RegisterStatement.Outcome(Placement.WAITLISTED, RegistrationStatus.WAITLISTED, 1));
        assertThat(jdbc.sql("SELECT type FROM outbox WHERE message_key = :key ORDER BY id")
                        .param("key", event.id().toString())
                        .query(String.class)
                        .list())
                .containsExactly("RegistrationPending", "RegistrationWaitlisted");
        assertThat(jdbc.sql("SELECT status FROM registration WHERE event_id = :id ORDER BY waitlist_seq NULLS FIRST")
                        .param("id", event.id())
                        .query(String.class)
                        .list())
                .containsExactly("PENDING", "WAITLISTED");
    }

    @Test
    void aFullEventWithoutWaitingListTakesNobodyAndWritesNothing() {
        EventSnapshot event = TestCatalog.apply(
                context, TestCatalog.with(TestCatalog.event("icom-france", 1), "PUBLISHED", 1, false, false));
        assertThat(run(event.id(), event.version(), RegistrationStatus.CONFIRMED))
                .contains(new RegisterStatement.Outcome(Placement.PLACED, RegistrationStatus.CONFIRMED, null));

        assertThat(run(event.id(), event.version(), RegistrationStatus.CONFIRMED))
                .contains(new RegisterStatement.Outcome(Placement.FULL, null, null));
        assertThat(registrations(event.id())).isEqualTo(1);
        assertThat(messages(event.id())).isEqualTo(1);
        assertThat(taken(event.id())).isEqualTo(1);
    }

    @Test
    void aPlaceIsConfirmedOrPendingNeverAnotherStatus() {
        EventSnapshot event = TestCatalog.apply(context, TestCatalog.event("icom-france", 10));

        assertThatThrownBy(() -> run(event.id(), event.version(), RegistrationStatus.WAITLISTED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(registrations(event.id())).isZero();
    }

    private Optional<RegisterStatement.Outcome> run(UUID eventId, long version, RegistrationStatus statusWithAPlace) {
        RegistrationRequest request = new RegistrationRequest(
                "Élise Durand",
                "statement-" + UUID.randomUUID() + "@example.org",
                null,
                "fr",
                "Europe/Paris",
                null,
                true);
        return statement.run(
                eventId,
                version,
                statusWithAPlace,
                UUID.randomUUID(),
                request,
                Tokens.hash(Tokens.newToken()),
                null,
                new byte[0],
                UUID.randomUUID(),
                "{}",
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    private long registrations(UUID eventId) {
        return jdbc.sql("SELECT count(*) FROM registration WHERE event_id = :id")
                .param("id", eventId)
                .query(Long.class)
                .single();
    }

    private long messages(UUID eventId) {
        return jdbc.sql("SELECT count(*) FROM outbox WHERE message_key = :key")
                .param("key", eventId.toString())
                .query(Long.class)
                .single();
    }

    private int taken(UUID eventId) {
        return jdbc.sql("SELECT taken FROM event WHERE id = :id")
                .param("id", eventId)
                .query(Integer.class)
                .single();
    }
}
