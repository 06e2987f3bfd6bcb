package org.museumevents.notification.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.museumevents.notification.planning.Fixtures.at;
import static org.museumevents.notification.planning.Fixtures.event;
import static org.museumevents.notification.planning.Fixtures.registrant;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.museumevents.notification.delivery.NewNotification;
import org.museumevents.notification.delivery.PlannedReminder;
import org.museumevents.notification.email.EmailKind;
import org.museumevents.notification.event.EventSnapshot;
import org.museumevents.notification.registrant.Registrant;
import org.museumevents.notification.registrant.RegistrationStatus;

/**
 * The reminder rules, on the example event (16 February 2027, 12:00Z; one day and one hour before)
 * with the default policy of no reminder within 30 minutes of its planning.
 */
class ReminderPlanTest {

    static final Duration LEAD = Duration.ofMinutes(30);
    static final Instant JANUARY = at("2027-01-10T09:00:00Z");
    static final Instant DAY_BEFORE = at("2027-02-15T12:00:00Z");
    static final Instant HOUR_BEFORE = at("2027-02-16T11:00:00Z");

    final UUID ada = UUID.randomUUID();
    final UUID bob = UUID.randomUUID();

    private static ReminderPlan plan(
            EventSnapshot event, List<Registrant> registrants, List<PlannedReminder> existing, Instant now) {
        return ReminderPlan.of(event, registrants, existing, registrationId -> now, now, LEAD);
    }

    @Test
    void oneReminderPerConfirmedRegistrantAndOffsetDueAtStartMinusOffset() {
        ReminderPlan plan = plan(
                event(),
                List.of(
                        registrant(ada, RegistrationStatus.CONFIRMED),
                        registrant(bob, RegistrationStatus.WAITLISTED),
                        registrant(UUID.randomUUID(), RegistrationStatus.PENDING)),
                List.of(),
                JANUARY);
        assertThat(plan.added())
                .extracting(
                        NewNotification::registrationId, NewNotification::reminderOffset, NewNotification::scheduledFor)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(ada, Duration.ofDays(1), DAY_BEFORE),
                        org.assertj.core.groups.Tuple.tuple(ada, Duration.ofHours(1), HOUR_BEFORE));
        assertThat(plan.added()).allSatisfy(reminder -> {
            assertThat(reminder.kind()).isEqualTo(EmailKind.REMINDER);
            assertThat(reminder.joinDetails()).isTrue();
            assertThat(reminder.calendar()).isTrue();
        });
        assertThat(plan.dropped()).isEmpty();
        assertThat(plan.moved()).isEmpty();
    }

    @Test
    void plannedRemindersAlreadyInLineStayAsTheyAre() {
        List<PlannedReminder> existing = List.of(
                new PlannedReminder(UUID.randomUUID(), ada, Duration.ofDays(1), DAY_BEFORE, true),
                new PlannedReminder(UUID.randomUUID(), ada, Duration.ofHours(1), HOUR_BEFORE, true));
        ReminderPlan plan = plan(event(), List.of(registrant(ada, RegistrationStatus.CONFIRMED)), existing, JANUARY);
        assertThat(plan.added()).isEmpty();
        assertThat(plan.dropped()).isEmpty();
        assertThat(plan.moved()).isEmpty();
    }

    /**
     * The catalog accepts a start with nanoseconds; PostgreSQL keeps microseconds. A reminder stored
     * from such an event must still be in line with it, or every planning moves it (lapsing the
     * claim of one on its way: sent twice) and the dispatcher drops it as stale (never sent).
     */
    @Test
    void aStartWithNanosecondsLeavesItsStoredRemindersInLine() {
        EventSnapshot nanos =
                event("PUBLISHED", LocalDateTime.parse("2027-02-16T13:00:00.123456789"), List.of("P1D", "PT1H"));
        Instant stored = at("2027-02-16T11:00:00.123456Z"); // what timestamptz keeps of start minus 1 h
        List<PlannedReminder> existing = List.of(
                new PlannedReminder(
                        UUID.randomUUID(), ada, Duration.ofDays(1), at("2027-02-15T12:00:00.123456Z"), true),
                new PlannedReminder(UUID.randomUUID(), ada, Duration.ofHours(1), stored, true));
        ReminderPlan plan = plan(nanos, List.of(registrant(ada, RegistrationStatus.CONFIRMED)), existing, JANUARY);
        assertThat(plan.moved()).isEmpty();
        assertThat(plan.dropped()).isEmpty();
        assertThat(plan.added()).isEmpty();
    }

    @Test
    void unsentRemindersMoveWithTheEventAndSentOnesStay() {
        UUID unsent = UUID.randomUUID();
        UUID sent = UUID.randomUUID();
        EventSnapshot moved = event("PUBLISHED", LocalDateTime.parse("2027-02-16T14:00"), List.of("P1D", "PT1H"));
        ReminderPlan plan = plan(
                moved,
                List.of(registrant(ada, RegistrationStatus.CONFIRMED)),
                List.of(
                        new PlannedReminder(sent, ada, Duration.ofDays(1), DAY_BEFORE, false),
                        new PlannedReminder(unsent, ada, Duration.ofHours(1), HOUR_BEFORE, true)),
                at("2027-02-15T12:30:00Z"));
        assertThat(plan.moved()).containsOnlyKeys(unsent).containsEntry(unsent, at("2027-02-16T12:00:00Z"));
        // The day-before reminder of the new time is not planned: it falls due within the lead.
        assertThat(plan.added()).isEmpty();
        assertThat(plan.dropped()).isEmpty();
    }

    @Test
    void aSentReminderAtTheWantedTimeSettlesItsOffsetAndAnUnsentTwinIsDropped() {
        UUID twin = UUID.randomUUID();
        ReminderPlan plan = plan(
                event(),
                List.of(registrant(ada, RegistrationStatus.CONFIRMED)),
                List.of(
                        new PlannedReminder(UUID.randomUUID(), ada, Duration.ofDays(1), DAY_BEFORE, false),
                        new PlannedReminder(twin, ada, Duration.ofDays(1), DAY_BEFORE, true)),
                JANUARY);
        assertThat(plan.dropped()).containsExactly(twin);
        assertThat(plan.added()).extracting(NewNotification::reminderOffset).containsExactly(Duration.ofHours(1));
    }

    @Test
    void cancelledRegistrationsRemovedOffsetsAndCancelledEventsDropTheirUnsentReminders() {
        UUID bobs = UUID.randomUUID();
        UUID adasHour = UUID.randomUUID();
        List<PlannedReminder> existing = List.of(
                new PlannedReminder(UUID.randomUUID(), ada, Duration.ofDays(1), DAY_BEFORE, true),
                new PlannedReminder(adasHour, ada, Duration.ofHours(1), HOUR_BEFORE, true),
                new PlannedReminder(bobs, bob, Duration.ofDays(1), DAY_BEFORE, true));
        EventSnapshot dayBeforeOnly = event("PUBLISHED", LocalDateTime.parse("2027-02-16T13:00"), List.of("P1D"));
        ReminderPlan plan = plan(
                dayBeforeOnly,
                List.of(registrant(ada, RegistrationStatus.CONFIRMED), registrant(bob, RegistrationStatus.CANCELLED)),
                existing,
                JANUARY);
        assertThat(plan.dropped()).containsExactlyInAnyOrder(bobs, adasHour);
        assertThat(plan.added()).isEmpty();

        EventSnapshot cancelled = event("CANCELLED", LocalDateTime.parse("2027-02-16T13:00"), List.of("P1D", "PT1H"));
        assertThat(plan(cancelled, List.of(registrant(ada, RegistrationStatus.CONFIRMED)), existing, JANUARY)
                        .dropped())
                .hasSize(3);
    }

    @Test
    void noReminderAlreadyDueNorRightAfterTheEmailThatPlannedIt() {
        // Twenty minutes before the one-hour reminder: the promotion's own email carries the details.
        ReminderPlan late = plan(
                event(), List.of(registrant(ada, RegistrationStatus.CONFIRMED)), List.of(), at("2027-02-16T10:40:00Z"));
        assertThat(late.added()).isEmpty();

        ReminderPlan justInTime = plan(
                event(), List.of(registrant(ada, RegistrationStatus.CONFIRMED)), List.of(), at("2027-02-16T10:29:59Z"));
        assertThat(justInTime.added()).extracting(NewNotification::scheduledFor).containsExactly(HOUR_BEFORE);

        // A planned reminder that the moved event would bring too close is dropped, not moved.
        UUID hour = UUID.randomUUID();
        ReminderPlan tooClose = plan(
                event("PUBLISHED", LocalDateTime.parse("2027-02-16T12:00"), List.of("PT1H")),
                List.of(registrant(ada, RegistrationStatus.CONFIRMED)),
                List.of(new PlannedReminder(hour, ada, Duration.ofHours(1), HOUR_BEFORE, true)),
                at("2027-02-16T09:40:00Z"));
        assertThat(tooClose.dropped()).containsExactly(hour);
        assertThat(tooClose.moved()).isEmpty();
    }

    @Test
    void theLeadIsStrict() {
        assertThat(ReminderPlan.worthPlanning(HOUR_BEFORE, HOUR_BEFORE.minus(LEAD), LEAD))
                .isFalse();
        assertThat(ReminderPlan.worthPlanning(
                        HOUR_BEFORE, HOUR_BEFORE.minus(LEAD).minusSeconds(1), LEAD))
                .isTrue();
    }

    @Test
    void aConfirmationInTimeKeepsItsRemindersHoweverLateItIsProcessedUntilTheEventStarts() {
        // Confirmed in January, processed after both due times, before the start: both planned,
        // due in the past, so sent at once (late beats never).
        ReminderPlan late = ReminderPlan.of(
                event(),
                List.of(registrant(ada, RegistrationStatus.CONFIRMED)),
                List.of(),
                registrationId -> JANUARY,
                at("2027-02-16T11:50:00Z"),
                LEAD);
        assertThat(late.added())
                .extracting(NewNotification::scheduledFor)
                .containsExactlyInAnyOrder(DAY_BEFORE, HOUR_BEFORE);

        // Once the event has started, none.
        ReminderPlan started = ReminderPlan.of(
                event(),
                List.of(registrant(ada, RegistrationStatus.CONFIRMED)),
                List.of(),
                registrationId -> JANUARY,
                at("2027-02-16T12:00:00Z"),
                LEAD);
        assertThat(started.added()).isEmpty();
    }

    @Test
    void aConfirmationTooCloseToAReminderAtTheTimeItHappenedGetsNoneOfItEvenProcessedAtOnce() {
        ReminderPlan plan = ReminderPlan.of(
                event(),
                List.of(registrant(ada, RegistrationStatus.CONFIRMED)),
                List.of(),
                registrationId -> at("2027-02-16T10:40:00Z"),
                at("2027-02-16T10:40:00Z"),
                LEAD);
        assertThat(plan.added()).isEmpty();
    }
}
