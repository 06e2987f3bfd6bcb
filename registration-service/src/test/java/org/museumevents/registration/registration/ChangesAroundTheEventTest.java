package org.museumevents.registration.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.museumevents.registration.Api;
import org.museumevents.registration.Api.Response;
import org.museumevents.registration.RegistrationIntegrationTest;
import org.museumevents.registration.TestCatalog;
import org.museumevents.registration.event.Event.Phase;
import org.museumevents.registration.event.EventSnapshot;
import org.museumevents.testsupport.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Every way a registration changes, tried before the event starts, while it is under way and after
 * it ended (docs/api.md, "Changing a registration around the event"), through HTTP and the catalog's
 * changes on the real servers. Issue 12's example is one case: registered, the event moved to
 * yesterday, the registrant's DELETE was a 200 with a cancellation email and a place freed; it is a
 * 409 {@code event-ended} that changes nothing.
 *
 * <p>Each case: an event of one place with a waiting list; the holder (CONFIRMED, or PENDING when
 * the event requires approval) and one waiting; the event moved to the phase; one action; then the
 * answer, both statuses, and the messages written after the move.
 */
@RegistrationIntegrationTest
class ChangesAroundTheEventTest {

    private static final String ICOM = TestTokens.bearer("icom-france");
    private static final String PROBLEMS = "https://museum-events.org/problems/";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    Api api;

    @BeforeEach
    void api() {
        api = Api.onPort(port);
    }

    /** One way a registration changes. */
    enum Action {
        REGISTRANT_CANCELS(false),
        ORGANISER_CANCELS(false),
        ORGANISER_REJECTS(true),
        ORGANISER_APPROVES(true),
        CATALOG_RAISES_CAPACITY(false),
        CATALOG_CANCELS_EVENT(false),
        SOMEONE_REGISTERS(false),
        ORGANISER_ERASES_PERSONAL_DATA(false);

        final boolean approval;

        Action(boolean approval) {
            this.approval = approval;
        }
    }

    /**
     * @param answer the HTTP status, 0 for a change that comes from the catalog
     * @param problem the problem type's last segment on a refusal, else null
     * @param holder the holder's status afterwards
     * @param waiting the waiting one's status afterwards
     */
    record Expected(int answer, String problem, String holder, String waiting) {}

    static Stream<Arguments> changes() {
        List<Arguments> cases = new ArrayList<>();
        // The example first.
        add(cases, Action.REGISTRANT_CANCELS, Phase.ENDED, 409, "event-ended", "CONFIRMED", "WAITLISTED");
        add(cases, Action.REGISTRANT_CANCELS, Phase.UPCOMING, 200, null, "CANCELLED", "CONFIRMED");
        // A registrant may still say they will not come; the place goes to nobody.
        add(cases, Action.REGISTRANT_CANCELS, Phase.UNDER_WAY, 200, null, "CANCELLED", "WAITLISTED");

        add(cases, Action.ORGANISER_CANCELS, Phase.UPCOMING, 200, null, "CANCELLED", "CONFIRMED");
        add(cases, Action.ORGANISER_CANCELS, Phase.UNDER_WAY, 200, null, "CANCELLED", "WAITLISTED");
        add(cases, Action.ORGANISER_CANCELS, Phase.ENDED, 409, "event-ended", "CONFIRMED", "WAITLISTED");

        add(cases, Action.ORGANISER_REJECTS, Phase.UPCOMING, 200, null, "REJECTED", "PENDING");
        add(cases, Action.ORGANISER_REJECTS, Phase.UNDER_WAY, 200, null, "REJECTED", "WAITLISTED");
        add(cases, Action.ORGANISER_REJECTS, Phase.ENDED, 409, "event-ended", "PENDING", "WAITLISTED");

        add(cases, Action.ORGANISER_APPROVES, Phase.UPCOMING, 200, null, "CONFIRMED", "WAITLISTED");
        add(cases, Action.ORGANISER_APPROVES, Phase.UNDER_WAY, 409, "event-past", "PENDING", "WAITLISTED");
        add(cases, Action.ORGANISER_APPROVES, Phase.ENDED, 409, "event-ended", "PENDING", "WAITLISTED");

        add(cases, Action.CATALOG_RAISES_CAPACITY, Phase.UPCOMING, 0, null, "CONFIRMED", "CONFIRMED");
        add(cases, Action.CATALOG_RAISES_CAPACITY, Phase.UNDER_WAY, 0, null, "CONFIRMED", "WAITLISTED");
        add(cases, Action.CATALOG_RAISES_CAPACITY, Phase.ENDED, 0, null, "CONFIRMED", "WAITLISTED");

        add(cases, Action.CATALOG_CANCELS_EVENT, Phase.UPCOMING, 0, null, "CANCELLED", "CANCELLED");
        add(cases, Action.CATALOG_CANCELS_EVENT, Phase.UNDER_WAY, 0, null, "CANCELLED", "CANCELLED");
        // After its end the registrations are the record of who came: kept, nobody told.
        add(cases, Action.CATALOG_CANCELS_EVENT, Phase.ENDED, 0, null, "CONFIRMED", "WAITLISTED");

        add(cases, Action.SOMEONE_REGISTERS, Phase.UPCOMING, 201, null, "CONFIRMED", "WAITLISTED");
        add(cases, Action.SOMEONE_REGISTERS, Phase.UNDER_WAY, 409, "event-past", "CONFIRMED", "WAITLISTED");
        add(cases, Action.SOMEONE_REGISTERS, Phase.ENDED, 409, "event-past", "CONFIRMED", "WAITLISTED");

        // GDPR: erasure works whenever it is asked.
        for (Phase phase : Phase.values()) {
            add(cases, Action.ORGANISER_ERASES_PERSONAL_DATA, phase, 204, null, "CONFIRMED", "WAITLISTED");
        }
        return cases.stream();
    }

    private static void add(
            List<Arguments> cases,
            Action action,
            Phase phase,
            int answer,
            String problem,
            String holder,
            String waiting) {
        cases.add(Arguments.of(action, phase, new Expected(answer, problem, holder, waiting)));
    }

    @ParameterizedTest(name = "{0} when the event is {1}: {2}")
    @MethodSource("changes")
    void aRegistrationChangesOnlyAsTheEventsPhaseAllows(Action action, Phase phase, Expected expected) {
        EventSnapshot event = TestCatalog.apply(
                context, TestCatalog.with(TestCatalog.event("icom-france", 1), "PUBLISHED", 1, action.approval, true));
        JsonNode holder = api.register(event.id(), email()).json();
        JsonNode waiting = api.register(event.id(), email()).json();
        assertThat(holder.get("status").asString()).isEqualTo(action.approval ? "PENDING" : "CONFIRMED");
        assertThat(waiting.get("status").asString()).isEqualTo("WAITLISTED");

        EventSnapshot moved = TestCatalog.apply(context, move(event, phase));
        long messagesBefore = messages(event.id()).size();
        int takenBefore = taken(event.id());

        Response answer = act(action, moved, holder);

        if (expected.answer() != 0) {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(expected.answer());
        }
        if (expected.problem() != null) {
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().get("type").asString()).isEqualTo(PROBLEMS + expected.problem());
            assertThat(answer.json().get("status").asInt()).isEqualTo(expected.answer());
            // A refusal changes nothing: no message (so no email), no place moved.
            assertThat(messages(event.id())).hasSize((int) messagesBefore);
            assertThat(taken(event.id())).isEqualTo(takenBefore);
        }
        assertThat(status(holder)).as("the holder").isEqualTo(expected.holder());
        assertThat(status(waiting)).as("the waiting one").isEqualTo(expected.waiting());
        if (phase != Phase.UPCOMING) {
            // Nobody is told "you have a place" once the event has started.
            assertThat(messages(event.id())
                            .subList((int) messagesBefore, messages(event.id()).size()))
                    .doesNotContain("RegistrationPromoted", "RegistrationPending", "RegistrationConfirmed");
        }
        // The statistics count what the registrations say, whatever happened.
        JsonNode stats = api.get("/api/events/" + event.id() + "/registration-stats", "Authorization", ICOM)
                .json();
        for (String status : List.of("CONFIRMED", "WAITLISTED", "PENDING", "CANCELLED", "REJECTED")) {
            long listed = api.get("/api/events/" + event.id() + "/attendees?status=" + status, "Authorization", ICOM)
                    .json()
                    .get("page")
                    .get("totalElements")
                    .asLong();
            assertThat(stats.get(status.toLowerCase(Locale.ROOT)).asLong())
                    .as(status)
                    .isEqualTo(listed);
        }
        if (action == Action.ORGANISER_ERASES_PERSONAL_DATA) {
            assertThat(organiserView(holder).get("email").isNull()).isTrue();
        }
    }

    private Response act(Action action, EventSnapshot event, JsonNode holder) {
        String id = holder.get("id").asString();
        return switch (action) {
            case REGISTRANT_CANCELS ->
                api.delete("/api/registrations/" + id + "?token="
                        + holder.get("token").asString());
            case ORGANISER_CANCELS -> api.post("/api/registrations/" + id + "/cancel", null, "Authorization", ICOM);
            case ORGANISER_REJECTS -> api.post("/api/registrations/" + id + "/reject", null, "Authorization", ICOM);
            case ORGANISER_APPROVES -> api.post("/api/registrations/" + id + "/approve", null, "Authorization", ICOM);
            case ORGANISER_ERASES_PERSONAL_DATA ->
                api.delete("/api/registrations/" + id + "/personal-data", "Authorization", ICOM);
            case SOMEONE_REGISTERS -> api.register(event.id(), email());
            case CATALOG_RAISES_CAPACITY -> {
                TestCatalog.apply(context, TestCatalog.with(event, "PUBLISHED", 2, event.requiresApproval(), true));
                yield null;
            }
            case CATALOG_CANCELS_EVENT -> {
                TestCatalog.apply(context, TestCatalog.with(event, "CANCELLED", 1, event.requiresApproval(), true));
                yield null;
            }
        };
    }

    /** The event's dates for {@code phase}; ENDED is the "start and end moved to yesterday". */
    private static EventSnapshot move(EventSnapshot event, Phase phase) {
        Instant now = Instant.now();
        return switch (phase) {
            case UPCOMING ->
                TestCatalog.dates(
                        event,
                        now.plus(Duration.ofDays(2)),
                        now.plus(Duration.ofDays(2).plusHours(2)));
            case UNDER_WAY -> TestCatalog.dates(event, now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)));
            case ENDED -> TestCatalog.dates(event, now.minus(Duration.ofHours(26)), now.minus(Duration.ofHours(24)));
        };
    }

    private String status(JsonNode registered) {
        return organiserView(registered).get("status").asString();
    }

    private JsonNode organiserView(JsonNode registered) {
        Response view = api.get(
                "/api/registrations/" + registered.get("id").asString() + "/organiser-view", "Authorization", ICOM);
        assertThat(view.status()).as(view.toString()).isEqualTo(200);
        return view.json();
    }

    private List<String> messages(UUID eventId) {
        return jdbc.sql("SELECT type FROM outbox WHERE message_key = :key ORDER BY id")
                .param("key", eventId.toString())
                .query(String.class)
                .list();
    }

    private int taken(UUID eventId) {
        return jdbc.sql("SELECT taken FROM event WHERE id = :id")
                .param("id", eventId)
                .query(Integer.class)
                .single();
    }

    private static String email() {
        return "around-" + UUID.randomUUID() + "@example.org";
    }
}
