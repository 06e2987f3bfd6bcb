package org.museumevents.notification.planning;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.museumevents.notification.event.EventSnapshot;
import org.museumevents.notification.registrant.Registrant;
import org.museumevents.notification.registrant.RegistrationStatus;

/** Events and registrants for the plain unit tests of the planning rules: no Spring, no servers. */
final class Fixtures {

    static final UUID EVENT = UUID.fromString("7f0c4e38-0000-4000-8000-000000000001");

    private Fixtures() {}

    /** Online, 16 February 2027 13:00–14:30 in Paris (12:00Z), reminders one day and one hour before. */
    static EventSnapshot event() {
        return event("PUBLISHED", LocalDateTime.parse("2027-02-16T13:00"), List.of("P1D", "PT1H"));
    }

    static EventSnapshot event(String status, LocalDateTime start, List<String> reminders) {
        return new EventSnapshot(
                EVENT,
                "icom-france",
                status,
                Map.of("en", "Is the digital world inclusive?"),
                Map.of(),
                "en",
                "ONLINE",
                start,
                start.plusMinutes(90),
                "Europe/Paris",
                null,
                new EventSnapshot.Meeting("https://us02web.zoom.us/j/82342861023", "823 4286 1023", "010934"),
                List.of(),
                reminders,
                null,
                null,
                2,
                null);
    }

    static Registrant registrant(UUID registrationId, RegistrationStatus status) {
        return new Registrant(
                registrationId,
                EVENT,
                status,
                "Ada",
                "ada@example.org",
                null,
                "en",
                null,
                null,
                status == RegistrationStatus.WAITLISTED ? 3 : null);
    }

    static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
