package org.museumevents.registration.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The registration window, decided once in {@link Event#refusalAt}, without Spring. */
class EventTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final Instant STARTS = NOW.plus(Duration.ofDays(10));

    private static Event event(String status, Instant opensAt, Instant closesAt, Instant startsAt) {
        return new Event(
                UUID.randomUUID(),
                "icom-france",
                status,
                10,
                false,
                true,
                opensAt,
                closesAt,
                startsAt,
                startsAt.plus(Duration.ofHours(2)),
                1,
                0,
                0);
    }

    @Test
    void aPublishedEventWithoutWindowTakesRegistrationsUntilItStarts() {
        assertThat(event("PUBLISHED", null, null, STARTS).refusalAt(NOW)).isEmpty();
        assertThat(event("PUBLISHED", null, null, NOW).refusalAt(NOW)).contains(Refusal.EVENT_PAST);
    }

    @Test
    void theWindowOpensAtItsOpeningInstantAndClosesAtItsClosingInstant() {
        Event windowed = event("PUBLISHED", NOW, NOW.plusSeconds(60), STARTS);

        assertThat(windowed.refusalAt(NOW.minusNanos(1000))).contains(Refusal.REGISTRATION_NOT_OPEN);
        assertThat(windowed.refusalAt(NOW)).isEmpty();
        assertThat(windowed.refusalAt(NOW.plusSeconds(59))).isEmpty();
        assertThat(windowed.refusalAt(NOW.plusSeconds(60))).contains(Refusal.REGISTRATION_CLOSED);
    }

    @Test
    void cancellationComesFirstThenTheStartThenTheWindow() {
        Instant past = NOW.minusSeconds(1);
        assertThat(event("CANCELLED", NOW.plusSeconds(1), past, past).refusalAt(NOW))
                .contains(Refusal.EVENT_CANCELLED);
        assertThat(event("PUBLISHED", NOW.plusSeconds(1), past, past).refusalAt(NOW))
                .contains(Refusal.EVENT_PAST);
        assertThat(event("PUBLISHED", NOW.plusSeconds(1), past, STARTS).refusalAt(NOW))
                .contains(Refusal.REGISTRATION_NOT_OPEN);
    }

    @Test
    void onlyPublishedAndCancelledEventsAreVisible() {
        assertThat(event("PUBLISHED", null, null, STARTS).isVisible()).isTrue();
        assertThat(event("CANCELLED", null, null, STARTS).isVisible()).isTrue();
        assertThat(event("DRAFT", null, null, STARTS).isVisible()).isFalse();
    }

    @Test
    void refusalsAreNamedAsTheContractsProblemTypes() {
        assertThat(Refusal.values())
                .extracting(Refusal::reason)
                .containsExactly(
                        "event-cancelled", "event-past", "registration-not-open", "registration-closed", "event-full");
    }
}
