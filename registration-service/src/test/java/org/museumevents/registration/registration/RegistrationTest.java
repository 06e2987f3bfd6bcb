package org.museumevents.registration.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The registration's state machine, without Spring: each transition, its invariant and its message. */
class RegistrationTest {

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

            r.cancel(CancelledBy.REGISTRANT);

            assertThat(r.status()).isEqualTo(RegistrationStatus.CANCELLED);
            assertThat(r.cancelledBy()).isEqualTo(CancelledBy.REGISTRANT);
            assertThat(r.waitlistSeq()).as("no longer in the queue").isNull();
            assertThat(r.takeChanges())
                    .containsExactly(new Registration.Change(RegistrationMessageType.CANCELLED, active));
        }

        @Test
        void recordsWhoCancelled() {
            Registration byOrganiser = registration(RegistrationStatus.CONFIRMED);
            byOrganiser.cancel(CancelledBy.ORGANISER);
            Registration byCatalog = registration(RegistrationStatus.WAITLISTED);
            byCatalog.cancel(CancelledBy.EVENT_CANCELLED);

            assertThat(byOrganiser.cancelledBy()).isEqualTo(CancelledBy.ORGANISER);
            assertThat(byCatalog.cancelledBy()).isEqualTo(CancelledBy.EVENT_CANCELLED);
        }

        @ParameterizedTest
        @EnumSource(
                value = RegistrationStatus.class,
                names = {"CANCELLED", "REJECTED"})
        void anEndedRegistrationCannotBeCancelledAndStaysAsItWas(RegistrationStatus ended) {
            Registration r = registration(ended);

            assertThatThrownBy(() -> r.cancel(CancelledBy.REGISTRANT))
                    .isInstanceOfSatisfying(RegistrationNotActive.class, e -> assertThat(e.status())
                            .isEqualTo(ended));
            assertThat(r.status()).isEqualTo(ended);
            assertThat(r.cancelledBy()).isNull();
            assertThat(r.takeChanges()).isEmpty();
        }

        @Test
        void cancellingTwiceIsRefusedAndTellsOnce() {
            Registration r = registration(RegistrationStatus.CONFIRMED);
            r.cancel(CancelledBy.REGISTRANT);

            assertThatThrownBy(() -> r.cancel(CancelledBy.ORGANISER)).isInstanceOf(RegistrationNotActive.class);
            assertThat(r.cancelledBy()).isEqualTo(CancelledBy.REGISTRANT);
            assertThat(r.takeChanges()).hasSize(1);
        }
    }

    @Nested
    class Deciding {

        @Test
        void approvingAPendingRegistrationConfirmsIt() {
            Registration r = registration(RegistrationStatus.PENDING);

            r.approve();

            assertThat(r.status()).isEqualTo(RegistrationStatus.CONFIRMED);
            assertThat(r.takeChanges())
                    .containsExactly(
                            new Registration.Change(RegistrationMessageType.CONFIRMED, RegistrationStatus.PENDING));
        }

        @Test
        void rejectingAPendingRegistrationRejectsIt() {
            Registration r = registration(RegistrationStatus.PENDING);

            r.reject();

            assertThat(r.status()).isEqualTo(RegistrationStatus.REJECTED);
            assertThat(r.takeChanges())
                    .containsExactly(
                            new Registration.Change(RegistrationMessageType.REJECTED, RegistrationStatus.PENDING));
        }

        @ParameterizedTest
        @EnumSource(value = RegistrationStatus.class, names = "PENDING", mode = EnumSource.Mode.EXCLUDE)
        void onlyAPendingRegistrationCanBeApprovedOrRejected(RegistrationStatus other) {
            Registration r = registration(other);

            assertThatThrownBy(r::approve)
                    .isInstanceOfSatisfying(RegistrationNotPending.class, e -> assertThat(e.status())
                            .isEqualTo(other));
            assertThatThrownBy(r::reject).isInstanceOf(RegistrationNotPending.class);
            assertThat(r.status()).isEqualTo(other);
            assertThat(r.takeChanges()).isEmpty();
        }
    }

    @Nested
    class Promoting {

        @Test
        void theFirstWaitingIsConfirmedAndLeavesTheQueue() {
            Registration r = registration(RegistrationStatus.WAITLISTED);

            r.promote(false);

            assertThat(r.status()).isEqualTo(RegistrationStatus.CONFIRMED);
            assertThat(r.waitlistSeq()).isNull();
            assertThat(r.takeChanges())
                    .containsExactly(
                            new Registration.Change(RegistrationMessageType.PROMOTED, RegistrationStatus.WAITLISTED));
        }

        @Test
        void withApprovalTheFirstWaitingAwaitsTheOrganisersDecision() {
            Registration r = registration(RegistrationStatus.WAITLISTED);

            r.promote(true);

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

            assertThatThrownBy(() -> r.promote(false)).isInstanceOf(IllegalStateException.class);
            assertThat(r.status()).isEqualTo(other);
            assertThat(r.takeChanges()).isEmpty();
        }
    }

    @Nested
    class ErasingPersonalData {

        @Test
        void forgetsWhoThePersonWasAndKeepsThePlace() {
            Registration r = registration(RegistrationStatus.CONFIRMED);
            Instant now = CREATED.plusSeconds(60);

            r.erasePersonalData(now);

            assertThat(r.name()).isNull();
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
        r.approve();
        r.cancel(CancelledBy.REGISTRANT);

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
