package org.museumevents.registration.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.museumevents.registration.event.Event.Phase;

/** The registration's state machine, without Spring: each transition, its invariant and its message. */
class RegistrationTest {

    private static final Phase UPCOMING = Phase.UPCOMING;

    private static final Instant CREATED = Instant.parse("2026-11-01T10:00:00Z");

    static Registration registration(RegistrationStatus status) {
        return new Registration(
                UUID.randomUUID(),
                UUID.randomUUID(),
                status,
                status == RegistrationStatus.WAITLISTED ? 7L : null,
                "Élise Durand",
                "elise@example.org",
                "Musée d'Orsay",
                "fr",
                "Europe/Paris",
                "en",
                java.util.Map.of("q1", "Curator", "q2", true),
                null,
                null,
                CREATED);
    }

    @Test
    void aPlaceIsPendingWhenTheEventRequiresApprovalElseConfirmed() {
        assertThat(Registration.statusWithAPlace(true)).isEqualTo(RegistrationStatus.PENDING);
        assertThat(Registration.statusWithAPlace(false)).isEqualTo(RegistrationStatus.CONFIRMED);
    }

    @Nested
    class Cancelling {

        @ParameterizedTest
        @EnumSource(
                value = RegistrationStatus.class,
                names = {"CONFIRMED", "PENDING", "WAITLISTED"})
        void anActiveRegistrationIsCancelledAndTellsWhatItWas(RegistrationStatus active) {
            Registration r = registration(active);

            r.cancel(CancelledBy.REGISTRANT, UPCOMING);

            assertThat(r.status()).isEqualTo(RegistrationStatus.CANCELLED);
            assertThat(r.cancelledBy()).isEqualTo(CancelledBy.REGISTRANT);
            assertThat(r.waitlistSeq()).as("no longer in the queue").isNull();
            assertThat(r.takeChanges())
                    .containsExactly(new Registration.Change(RegistrationMessageType.CANCELLED, active));
        }

        @Test
        void recordsWhoCancelled() {
            Registration byOrganiser = registration(RegistrationStatus.CONFIRMED);
            byOrganiser.cancel(CancelledBy.ORGANISER, UPCOMING);
            Registration byCatalog = registration(RegistrationStatus.WAITLISTED);
            byCatalog.cancel(CancelledBy.EVENT_CANCELLED, UPCOMING);

            assertThat(byOrganiser.cancelledBy()).isEqualTo(CancelledBy.ORGANISER);
            assertThat(byCatalog.cancelledBy()).isEqualTo(CancelledBy.EVENT_CANCELLED);
        }

        @ParameterizedTest
        @EnumSource(
                value = RegistrationStatus.class,
                names = {"CANCELLED", "REJECTED"})
        void anEndedRegistrationCannotBeCancelledAndStaysAsItWas(RegistrationStatus ended) {
            Registration r = registration(ended);

            assertThatThrownBy(() -> r.cancel(CancelledBy.REGISTRANT, UPCOMING))
                    .isInstanceOfSatisfying(RegistrationNotActive.class, e -> assertThat(e.status())
                            .isEqualTo(ended));
            assertThat(r.status()).isEqualTo(ended);
            assertThat(r.cancelledBy()).isNull();
            assertThat(r.takeChanges()).isEmpty();
        }

        @Test
        void cancellingTwiceIsRefusedAndTellsOnce() {
            Registration r = registration(RegistrationStatus.CONFIRMED);
            r.cancel(CancelledBy.REGISTRANT, UPCOMING);

            assertThatThrownBy(() -> r.cancel(CancelledBy.ORGANISER, UPCOMING))
                    .isInstanceOf(RegistrationNotActive.class);
            assertThat(r.cancelledBy()).isEqualTo(CancelledBy.REGISTRANT);
            assertThat(r.takeChanges()).hasSize(1);
        }
    }

    @Nested
    class Deciding {

        @Test
        void approvingAPendingRegistrationConfirmsIt() {
            Registration r = registration(RegistrationStatus.PENDING);

            r.approve(UPCOMING);

            assertThat(r.status()).isEqualTo(RegistrationStatus.CONFIRMED);
            assertThat(r.takeChanges())
                    .containsExactly(
                            new Registration.Change(RegistrationMessageType.CONFIRMED, RegistrationStatus.PENDING));
        }

        @Test
        void rejectingAPendingRegistrationRejectsIt() {
            Registration r = registration(RegistrationStatus.PENDING);

            r.reject(UPCOMING);

            assertThat(r.status()).isEqualTo(RegistrationStatus.REJECTED);
            assertThat(r.takeChanges())
                    .containsExactly(
                            new Registration.Change(RegistrationMessageType.REJECTED, RegistrationStatus.PENDING));
        }

        @ParameterizedTest
        @EnumSource(value = RegistrationStatus.class, names = "PENDING", mode = EnumSource.Mode.EXCLUDE)
        void onlyAPendingRegistrationCanBeApprovedOrRejected(RegistrationStatus other) {
            Registration r = registration(other);

            assertThatThrownBy(() -> r.approve(UPCOMING))
                    .isInstanceOfSatisfying(RegistrationNotPending.class, e -> assertThat(e.status())
                            .isEqualTo(other));
            assertThatThrownBy(() -> r.reject(UPCOMING)).isInstanceOf(RegistrationNotPending.class);
            assertThat(r.status()).isEqualTo(other);
            assertThat(r.takeChanges()).isEmpty();
        }
    }

    @Nested
    class Promoting {

        @Test
        void theFirstWaitingIsConfirmedAndLeavesTheQueue() {
            Registration r = registration(RegistrationStatus.WAITLISTED);

            r.promote(false, UPCOMING);

            assertThat(r.status()).isEqualTo(RegistrationStatus.CONFIRMED);
            assertThat(r.waitlistSeq()).isNull();
            assertThat(r.takeChanges())
                    .containsExactly(
                            new Registration.Change(RegistrationMessageType.PROMOTED, RegistrationStatus.WAITLISTED));
        }

        @Test
        void withApprovalTheFirstWaitingAwaitsTheOrganisersDecision() {
            Registration r = registration(RegistrationStatus.WAITLISTED);

            r.promote(true, UPCOMING);

            assertThat(r.status()).isEqualTo(RegistrationStatus.PENDING);
            assertThat(r.waitlistSeq()).isNull();
            assertThat(r.takeChanges())
                    .containsExactly(
                            new Registration.Change(RegistrationMessageType.PENDING, RegistrationStatus.WAITLISTED));
        }

        @ParameterizedTest
        @EnumSource(value = RegistrationStatus.class, names = "WAITLISTED", mode = EnumSource.Mode.EXCLUDE)
        void onlyAWaitingRegistrationIsPromoted(RegistrationStatus other) {
            Registration r = registration(other);

            assertThatThrownBy(() -> r.promote(false, UPCOMING)).isInstanceOf(IllegalStateException.class);
            assertThat(r.status()).isEqualTo(other);
            assertThat(r.takeChanges()).isEmpty();
        }
    }

    /** The rules on changing a registration around the event (docs/api.md). */
    @Nested
    class AroundTheEvent {

        @ParameterizedTest
        @EnumSource(value = Phase.class, names = "ENDED", mode = EnumSource.Mode.EXCLUDE)
        void cancellingAndRejectingAreAllowedUntilTheEnd(Phase phase) {
            Registration confirmed = registration(RegistrationStatus.CONFIRMED);
            confirmed.cancel(CancelledBy.REGISTRANT, phase);
            assertThat(confirmed.status()).isEqualTo(RegistrationStatus.CANCELLED);
            Registration pending = registration(RegistrationStatus.PENDING);
            pending.reject(phase);
            assertThat(pending.status()).isEqualTo(RegistrationStatus.REJECTED);
        }

        @ParameterizedTest
        @EnumSource(
                value = RegistrationStatus.class,
                names = {"CONFIRMED", "PENDING", "WAITLISTED", "CANCELLED"})
        void afterTheEndNothingChangesWhateverTheStatus(RegistrationStatus status) {
            for (CancelledBy by : CancelledBy.values()) {
                Registration r = registration(status);
                assertThatThrownBy(() -> r.cancel(by, Phase.ENDED))
                        .isInstanceOfSatisfying(TooLateToChange.class, e -> assertThat(e.why())
                                .isEqualTo(TooLateToChange.Why.EVENT_ENDED));
                assertThat(r.status()).isEqualTo(status);
            }
            Registration r = registration(status);
            assertThatThrownBy(() -> r.approve(Phase.ENDED)).isInstanceOf(TooLateToChange.class);
            assertThatThrownBy(() -> r.reject(Phase.ENDED)).isInstanceOf(TooLateToChange.class);
            assertThatThrownBy(() -> r.promote(false, Phase.ENDED)).isInstanceOf(IllegalStateException.class);
            assertThat(r.status()).isEqualTo(status);
            assertThat(r.takeChanges()).isEmpty();
        }

        @ParameterizedTest
        @EnumSource(value = Phase.class, names = "UPCOMING", mode = EnumSource.Mode.EXCLUDE)
        void nobodyIsGivenAPlaceOnceTheEventHasStarted(Phase phase) {
            Registration pending = registration(RegistrationStatus.PENDING);
            assertThatThrownBy(() -> pending.approve(phase)).isInstanceOf(TooLateToChange.class);
            Registration waiting = registration(RegistrationStatus.WAITLISTED);
            assertThatThrownBy(() -> waiting.promote(false, phase)).isInstanceOf(IllegalStateException.class);
            assertThat(pending.status()).isEqualTo(RegistrationStatus.PENDING);
            assertThat(waiting.status()).isEqualTo(RegistrationStatus.WAITLISTED);
        }
    }

    @Nested
    class ErasingPersonalData {

        @Test
        void forgetsWhoThePersonWasAndKeepsThePlace() {
            Registration r = registration(RegistrationStatus.CONFIRMED);
            Instant now = CREATED.plusSeconds(60);
            assertThat(r.answers()).isNotEmpty();

            r.erasePersonalData(now);

            assertThat(r.name()).isNull();
            assertThat(r.answers()).as("answers are personal data").isEmpty();
            assertThat(r.email()).isNull();
            assertThat(r.organisation()).isNull();
            assertThat(r.isErased()).isTrue();
            assertThat(r.personalDataErasedAt()).isEqualTo(now);
            assertThat(r.status()).isEqualTo(RegistrationStatus.CONFIRMED);
            assertThat(r.language()).as("counted by language still").isEqualTo("fr");
            assertThat(r.takeChanges()).as("nobody left to tell").isEmpty();
        }

        @Test
        void erasingAgainKeepsTheFirstErasureTime() {
            Registration r = registration(RegistrationStatus.CONFIRMED);
            r.erasePersonalData(CREATED.plusSeconds(60));

            r.erasePersonalData(CREATED.plusSeconds(120));

            assertThat(r.personalDataErasedAt()).isEqualTo(CREATED.plusSeconds(60));
        }
    }

    @Test
    void changesAreTakenOnce() {
        Registration r = registration(RegistrationStatus.PENDING);
        r.approve(UPCOMING);
        r.cancel(CancelledBy.REGISTRANT, UPCOMING);

        assertThat(r.takeChanges())
                .extracting(Registration.Change::type)
                .containsExactly(RegistrationMessageType.CONFIRMED, RegistrationMessageType.CANCELLED);
        assertThat(r.takeChanges()).isEmpty();
    }

    @Test
    void onlyConfirmedPendingAndWaitlistedAreActiveAndOnlyConfirmedAndPendingHoldAPlace() {
        assertThat(RegistrationStatus.values())
                .filteredOn(RegistrationStatus::isActive)
                .containsExactlyInAnyOrder(
                        RegistrationStatus.CONFIRMED, RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED);
        assertThat(RegistrationStatus.values())
                .filteredOn(RegistrationStatus::holdsPlace)
                .containsExactlyInAnyOrder(RegistrationStatus.CONFIRMED, RegistrationStatus.PENDING);
    }

    @Test
    void aNewRegistrationIsToldByTheMessageOfItsStatus() {
        assertThat(RegistrationMessageType.ofNewRegistration(RegistrationStatus.CONFIRMED)
                        .typeName())
                .isEqualTo("RegistrationConfirmed");
        assertThat(RegistrationMessageType.ofNewRegistration(RegistrationStatus.WAITLISTED)
                        .typeName())
                .isEqualTo("RegistrationWaitlisted");
        assertThat(RegistrationMessageType.ofNewRegistration(RegistrationStatus.PENDING)
                        .typeName())
                .isEqualTo("RegistrationPending");
        assertThatThrownBy(() -> RegistrationMessageType.ofNewRegistration(RegistrationStatus.CANCELLED))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
