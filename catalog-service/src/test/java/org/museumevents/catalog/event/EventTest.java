package org.museumevents.catalog.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.museumevents.catalog.event.Event.Change;
import org.museumevents.catalog.event.EventDetails.Meeting;
import org.museumevents.catalog.event.EventDetails.Venue;
import org.museumevents.starter.problem.InvalidFields;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * An event's life, DRAFT then PUBLISHED then possibly CANCELLED, as the entity enforces it: every
 * change raises the version, and only changes the public has seen are recorded for the other
 * services. No Spring, no database.
 */
class EventTest {

    static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    static final Meeting MEETING = new Meeting("https://us02web.zoom.us/j/82342861023", "823 4286 1023", "010934");

    @Test
    void aNewEventIsAnUnannouncedDraftAtVersionOne() {
        Event event = Event.draft("icom-france", online(MEETING));

        assertThat(event.status()).isEqualTo(EventStatus.DRAFT);
        assertThat(event.version()).isOne();
        assertThat(event.organisation()).isEqualTo("icom-france");
        assertThat(event.isVisibleToPublic()).isFalse();
        assertThat(event.takeChanges()).isEmpty();
    }

    @Test
    void aDraftMustKeepTheRulesThatSpanFields() {
        EventDetails endBeforeStart = details(EventFormat.ONLINE, null, MEETING, START, START.minusHours(1));

        assertThatThrownBy(() -> Event.draft("icom-france", endBeforeStart))
                .isInstanceOfSatisfying(
                        InvalidFields.class, e -> assertThat(fields(e)).containsExactly("end"));
    }

    @Test
    void publishingADraftMakesItPublicAndAnnouncesIt() {
        Event event = Event.draft("icom-france", online(MEETING));

        event.publish(NOW);

        assertThat(event.status()).isEqualTo(EventStatus.PUBLISHED);
        assertThat(event.version()).isEqualTo(2);
        assertThat(event.isVisibleToPublic()).isTrue();
        assertThat(event.takeChanges()).containsExactly(Change.EventPublished);
    }

    @Test
    void anOnlineEventCannotBePublishedWithoutItsMeeting() {
        for (EventFormat format : List.of(EventFormat.ONLINE, EventFormat.HYBRID)) {
            Event event = Event.draft("icom-france", withoutMeeting(format));

            assertThatThrownBy(() -> event.publish(NOW))
                    .as(format.name())
                    .isInstanceOfSatisfying(ErrorResponseException.class, e -> {
                        assertThat(e.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
                        assertThat(e.getBody().getType())
                                .hasToString("https://museum-events.org/problems/meeting-required");
                    });
            assertThat(event.status()).isEqualTo(EventStatus.DRAFT);
            assertThat(event.version()).isOne();
            assertThat(event.takeChanges()).isEmpty();
        }
    }

    @Test
    void anInPersonEventIsPublishedWithoutAMeeting() {
        Event event = Event.draft("ocim", withoutMeeting(EventFormat.IN_PERSON));

        event.publish(NOW);

        assertThat(event.status()).isEqualTo(EventStatus.PUBLISHED);
    }

    @Test
    void aPublishedEventCannotBePublishedAgain() {
        Event event = Event.draft("icom-france", online(MEETING));
        event.publish(NOW);
        event.takeChanges();

        assertConflict(() -> event.publish(NOW), "not-a-draft");
        assertThat(event.version()).isEqualTo(2);
        assertThat(event.takeChanges()).isEmpty();
    }

    @Test
    void cancelledEventCannotBePublished() {
        Event cancelledDraft = Event.draft("icom-france", online(MEETING));
        cancelledDraft.cancel();
        Event cancelledAfterPublication = Event.draft("icom-france", online(MEETING));
        cancelledAfterPublication.publish(NOW);
        cancelledAfterPublication.cancel();

        for (Event event : List.of(cancelledDraft, cancelledAfterPublication)) {
            long version = event.version();
            event.takeChanges();

            assertConflict(() -> event.publish(NOW), "not-a-draft");
            assertThat(event.status()).isEqualTo(EventStatus.CANCELLED);
            assertThat(event.version()).isEqualTo(version);
            assertThat(event.takeChanges()).isEmpty();
        }
    }

    @Test
    void replacingADraftRaisesTheVersionAndTellsNobody() {
        Event event = Event.draft("icom-france", online(MEETING));
        EventDetails moved = online(MEETING, "2027-02-16T14:00");

        event.replace(moved);

        assertThat(event.details()).isEqualTo(moved);
        assertThat(event.version()).isEqualTo(2);
        assertThat(event.status()).isEqualTo(EventStatus.DRAFT);
        assertThat(event.takeChanges()).isEmpty();
    }

    @Test
    void replacingAPublishedEventAnnouncesTheUpdate() {
        Event event = Event.draft("icom-france", online(MEETING));
        event.publish(NOW);
        event.takeChanges();

        event.replace(online(MEETING, "2027-02-16T14:00"));

        assertThat(event.version()).isEqualTo(3);
        assertThat(event.status()).isEqualTo(EventStatus.PUBLISHED);
        assertThat(event.takeChanges()).containsExactly(Change.EventUpdated);
    }

    @Test
    void aReplacementMustKeepTheRulesThatSpanFieldsAndChangesNothingOtherwise() {
        EventDetails original = online(MEETING);
        Event event = Event.draft("icom-france", original);
        EventDetails noVenue = details(EventFormat.HYBRID, null, MEETING, START, START.plusMinutes(90));

        assertThatThrownBy(() -> event.replace(noVenue))
                .isInstanceOfSatisfying(
                        InvalidFields.class, e -> assertThat(fields(e)).containsExactly("venue"));
        assertThat(event.details()).isEqualTo(original);
        assertThat(event.version()).isOne();
    }

    @Test
    void cancelledEventCannotBeChanged() {
        EventDetails original = online(MEETING);
        Event event = Event.draft("icom-france", original);
        event.publish(NOW);
        event.cancel();
        event.takeChanges();

        assertConflict(() -> event.replace(online(MEETING, "2027-02-16T14:00")), "event-cancelled");
        assertThat(event.details()).isEqualTo(original);
        assertThat(event.version()).isEqualTo(3);
        assertThat(event.takeChanges()).isEmpty();
    }

    @Test
    void cancellingAPublishedEventTellsItsRegistrants() {
        Event event = Event.draft("icom-france", online(MEETING));
        event.publish(NOW);
        event.takeChanges();

        event.cancel();

        assertThat(event.status()).isEqualTo(EventStatus.CANCELLED);
        assertThat(event.version()).isEqualTo(3);
        assertThat(event.isVisibleToPublic())
                .as("the public sees that it is cancelled")
                .isTrue();
        assertThat(event.takeChanges()).containsExactly(Change.EventCancelled);
    }

    @Test
    void cancellingADraftTellsNobodyAndKeepsItPrivate() {
        Event event = Event.draft("icom-france", online(MEETING));

        event.cancel();

        assertThat(event.status()).isEqualTo(EventStatus.CANCELLED);
        assertThat(event.version()).isEqualTo(2);
        assertThat(event.takeChanges()).isEmpty();
        assertThat(event.isVisibleToPublic())
                .as("never published, so never public: a cancelled draft is not a cancelled event")
                .isFalse();
        assertThat(event.publishedAt()).isNull();
    }

    @Test
    void publishingRecordsWhenAndACancellationKeepsIt() {
        Event event = Event.draft("icom-france", online(MEETING));
        event.publish(NOW);
        event.cancel();

        assertThat(event.publishedAt()).isEqualTo(NOW);
        assertThat(event.isVisibleToPublic()).isTrue();
    }

    @Test
    void cancellingTwiceChangesNothing() {
        Event event = Event.draft("icom-france", online(MEETING));
        event.publish(NOW);
        event.cancel();
        event.takeChanges();

        event.cancel();

        assertThat(event.status()).isEqualTo(EventStatus.CANCELLED);
        assertThat(event.version()).isEqualTo(3);
        assertThat(event.takeChanges()).isEmpty();
    }

    @Test
    void changesAreHandedOverOnceInTheOrderTheyHappened() {
        Event event = Event.draft("icom-france", online(MEETING));
        event.publish(NOW);
        event.replace(online(MEETING, "2027-02-16T14:00"));
        event.cancel();

        assertThat(event.takeChanges())
                .containsExactly(Change.EventPublished, Change.EventUpdated, Change.EventCancelled);
        assertThat(event.takeChanges()).isEmpty();
    }

    @Test
    void onlyTheOrganisersViewCarriesTheMeeting() {
        Event event = Event.draft("icom-france", online(MEETING));
        event.publish(NOW);

        assertThat(event.view().details().meeting()).isEqualTo(MEETING);
        assertThat(event.publicView().details().meeting()).isNull();
        assertThat(event.publicView())
                .usingRecursiveComparison()
                .ignoringFields("details.meeting")
                .isEqualTo(event.view());
    }

    @Test
    void theViewGivesTheInstantsOfTheLocalTimesInTheEventsZone() {
        Event event = Event.draft("icom-france", online(MEETING));

        // 13:00 to 14:30 in Paris, winter time (UTC+1).
        assertThat(event.view().startsAt()).isEqualTo(Instant.parse("2027-02-16T12:00:00Z"));
        assertThat(event.view().endsAt()).isEqualTo(Instant.parse("2027-02-16T13:30:00Z"));
        assertThat(event.hasEnded(Instant.parse("2027-02-16T13:29:59Z"))).isFalse();
        assertThat(event.hasEnded(Instant.parse("2027-02-16T13:30:01Z"))).isTrue();
    }

    private static void assertConflict(Runnable change, String reason) {
        assertThatThrownBy(change::run).isInstanceOfSatisfying(ErrorResponseException.class, e -> {
            assertThat(e.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
            assertThat(e.getBody().getType()).hasToString("https://museum-events.org/problems/" + reason);
        });
    }

    @SuppressWarnings("unchecked")
    private static List<String> fields(InvalidFields e) {
        List<Map<String, String>> errors =
                (List<Map<String, String>>) e.getBody().getProperties().get("errors");
        return errors.stream().map(error -> error.get("field")).toList();
    }

    static final LocalDateTime START = LocalDateTime.parse("2027-02-16T13:00");
    static final Venue DIJON = new Venue("La Coursive", "5 rue Sambin", "Dijon", "France");

    /** Session 4 of the Solidarity cycle: 16 February 2027, 13:00 to 14:30 in Paris, online. */
    static EventDetails online(Meeting meeting) {
        return details(EventFormat.ONLINE, null, meeting, START, START.plusMinutes(90));
    }

    /** The same session moved to {@code start}. */
    static EventDetails online(Meeting meeting, String start) {
        LocalDateTime moved = LocalDateTime.parse(start);
        return details(EventFormat.ONLINE, null, meeting, moved, moved.plusMinutes(90));
    }

    /** A valid event of that format, with a venue where it needs one, and no meeting. */
    static EventDetails withoutMeeting(EventFormat format) {
        return details(format, format.hasVenue() ? DIJON : null, null, START, START.plusMinutes(90));
    }

    static EventDetails details(
            EventFormat format, Venue venue, Meeting meeting, LocalDateTime start, LocalDateTime end) {
        return new EventDetails(
                null,
                Map.of(Language.fr, "Le numérique est-il solidaire ?"),
                null,
                Language.fr,
                format,
                start,
                end,
                "Europe/Paris",
                venue,
                meeting,
                300,
                null,
                null,
                null,
                null,
                null,
                List.of("P1D", "PT1H"),
                null,
                null);
    }
}
