package org.museumevents.notification.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.museumevents.notification.planning.Fixtures.at;
import static org.museumevents.notification.planning.Fixtures.registrant;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.museumevents.notification.delivery.NewNotification;
import org.museumevents.notification.email.EmailKind;
import org.museumevents.notification.planning.RegistrationOutcome.Outcome;
import org.museumevents.notification.registrant.Registrant;
import org.museumevents.notification.registrant.RegistrationStatus;

/** Which email each registration outcome calls for, given what was known of the registration and the event. */
class RegistrationOutcomeTest {

    static final Instant NOW = at("2027-01-10T09:00:00Z");
    static final UUID ID = UUID.randomUUID();

    private static RegistrationOutcome outcome(Outcome outcome, RegistrationStatus previous) {
        return new RegistrationOutcome(outcome, registrant(ID, outcome.status()), previous, false);
    }

    private static NewNotification email(
            RegistrationOutcome outcome, Optional<Registrant> before, boolean eventCancelled) {
        return outcome.email(before, eventCancelled, NOW).orElseThrow();
    }

    @Test
    void aPromotionConfirms() {
        assertThat(Outcome.PROMOTED.status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(Outcome.CONFIRMED.status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(Outcome.WAITLISTED.status()).isEqualTo(RegistrationStatus.WAITLISTED);
        assertThat(Outcome.PENDING.status()).isEqualTo(RegistrationStatus.PENDING);
        assertThat(Outcome.REJECTED.status()).isEqualTo(RegistrationStatus.REJECTED);
        assertThat(Outcome.CANCELLED.status()).isEqualTo(RegistrationStatus.CANCELLED);
    }

    @Test
    void aConfirmationOrPromotionCarriesTheJoinDetailsAndTheCalendarEntryNow() {
        for (Outcome confirming : new Outcome[] {Outcome.CONFIRMED, Outcome.PROMOTED}) {
            NewNotification email = email(outcome(confirming, null), Optional.empty(), false);
            assertThat(email.kind())
                    .isEqualTo(confirming == Outcome.CONFIRMED ? EmailKind.CONFIRMATION : EmailKind.PROMOTED);
            assertThat(email.joinDetails()).isTrue();
            assertThat(email.calendar()).isTrue();
            assertThat(email.scheduledFor()).isEqualTo(NOW);
            assertThat(outcome(confirming, null).withdrawsConfirmedOnlyEmails()).isFalse();
        }
    }

    @Test
    void waitlistedPendingAndRejectedCarryNeitherJoinDetailsNorCalendarAndWithdrawConfirmedOnlyEmails() {
        NewNotification waitlisted = email(outcome(Outcome.WAITLISTED, null), Optional.empty(), false);
        assertThat(waitlisted.kind()).isEqualTo(EmailKind.WAITLISTED);
        assertThat(waitlisted.waitlistPosition()).isEqualTo(3);
        for (Outcome outcome : new Outcome[] {Outcome.WAITLISTED, Outcome.PENDING, Outcome.REJECTED}) {
            NewNotification email = email(outcome(outcome, null), Optional.empty(), false);
            assertThat(email.joinDetails()).as(outcome.name()).isFalse();
            assertThat(email.calendar()).as(outcome.name()).isFalse();
            assertThat(outcome(outcome, null).withdrawsConfirmedOnlyEmails())
                    .as(outcome.name())
                    .isTrue();
        }
    }

    @Test
    void aCancellationWithdrawsTheCalendarEntryOnlyWhereThereWasOne() {
        RegistrationOutcome cancelled = outcome(Outcome.CANCELLED, null);
        Optional<Registrant> wasConfirmed = Optional.of(registrant(ID, RegistrationStatus.CONFIRMED));
        Optional<Registrant> wasWaiting = Optional.of(registrant(ID, RegistrationStatus.WAITLISTED));

        assertThat(email(cancelled, wasConfirmed, false).kind()).isEqualTo(EmailKind.CANCELLED);
        assertThat(email(cancelled, wasConfirmed, false).calendar()).isTrue();
        assertThat(email(cancelled, wasWaiting, false).calendar()).isFalse();
        // The message's previous status counts as much as what this service had recorded.
        assertThat(email(outcome(Outcome.CANCELLED, RegistrationStatus.CONFIRMED), Optional.empty(), false)
                        .calendar())
                .isTrue();
        assertThat(cancelled.withdrawsConfirmedOnlyEmails()).isTrue();
    }

    @Test
    void aCancellationByTheEventIsToldAsTheEventsCancellationToThoseWhoWereActive() {
        RegistrationOutcome byEvent = new RegistrationOutcome(
                Outcome.CANCELLED, registrant(ID, RegistrationStatus.CANCELLED), RegistrationStatus.CONFIRMED, true);
        NewNotification email = email(byEvent, Optional.empty(), true);
        assertThat(email.kind()).isEqualTo(EmailKind.EVENT_CANCELLED);
        assertThat(email.calendar()).isTrue();
        assertThat(email.joinDetails()).isFalse();

        RegistrationOutcome wasWaiting = new RegistrationOutcome(
                Outcome.CANCELLED, registrant(ID, RegistrationStatus.CANCELLED), RegistrationStatus.WAITLISTED, true);
        assertThat(email(wasWaiting, Optional.empty(), true).calendar()).isFalse();

        RegistrationOutcome neverActive = new RegistrationOutcome(
                Outcome.CANCELLED, registrant(ID, RegistrationStatus.CANCELLED), RegistrationStatus.REJECTED, true);
        assertThat(neverActive.email(Optional.of(registrant(ID, RegistrationStatus.REJECTED)), true, NOW))
                .isEmpty();
    }

    @Test
    void anActiveRegistrationOfACancelledEventHearsOfTheCancellationNotOfItsOwnOutcome() {
        NewNotification confirmed = email(outcome(Outcome.CONFIRMED, null), Optional.empty(), true);
        assertThat(confirmed.kind()).isEqualTo(EmailKind.EVENT_CANCELLED);
        assertThat(confirmed.calendar()).isTrue();

        NewNotification pending = email(outcome(Outcome.PENDING, null), Optional.empty(), true);
        assertThat(pending.kind()).isEqualTo(EmailKind.EVENT_CANCELLED);
        assertThat(pending.calendar()).isFalse();

        // No longer active: its own outcome, as for an event still on.
        NewNotification rejected = email(
                outcome(Outcome.REJECTED, RegistrationStatus.PENDING),
                Optional.of(registrant(ID, RegistrationStatus.PENDING)),
                true);
        assertThat(rejected.kind()).isEqualTo(EmailKind.REJECTED);
    }
}
