package org.museumevents.notification.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.museumevents.notification.planning.Fixtures.event;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.museumevents.notification.event.EventSnapshot;

/** What a newer version of an event tells its registrants. */
class EventChangeTest {

    @Test
    void aFirstOrNewCancellationIsToldAndARepeatedOneIsNot() {
        EventSnapshot cancelled = event("CANCELLED", LocalDateTime.parse("2027-02-16T13:00"), List.of());
        assertThat(EventChange.between(Optional.empty(), cancelled, true)).isEqualTo(EventChange.CANCELLED);
        assertThat(EventChange.between(Optional.of(event()), cancelled, true)).isEqualTo(EventChange.CANCELLED);
        assertThat(EventChange.between(Optional.of(cancelled), cancelled, true)).isEqualTo(EventChange.NOTHING_TO_TELL);
    }

    @Test
    void aMovedEventIsToldAndARetitledOneIsNot() {
        EventSnapshot moved = event("PUBLISHED", LocalDateTime.parse("2027-02-16T14:00"), List.of("P1D"));
        assertThat(EventChange.between(Optional.of(event()), moved, false))
                .isEqualTo(EventChange.PRACTICAL_DETAILS_CHANGED);

        EventSnapshot before = event();
        EventSnapshot retitled = new EventSnapshot(
                before.id(),
                before.organisation(),
                before.status(),
                Map.of("en", "A new title"),
                Map.of("en", "A new description"),
                before.defaultLanguage(),
                before.format(),
                before.start(),
                before.end(),
                before.timeZone(),
                before.venue(),
                before.meeting(),
                before.interpretation(),
                before.reminders(),
                null,
                null,
                3,
                null);
        assertThat(EventChange.between(Optional.of(before), retitled, false)).isEqualTo(EventChange.NOTHING_TO_TELL);
    }

    @Test
    void theFirstVersionOfAnEventTellsNobody() {
        assertThat(EventChange.between(Optional.empty(), event(), false)).isEqualTo(EventChange.NOTHING_TO_TELL);
    }
}
