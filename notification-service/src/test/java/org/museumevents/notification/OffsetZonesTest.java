package org.museumevents.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.museumevents.notification.Examples.announce;
import static org.museumevents.notification.Examples.catalog;
import static org.museumevents.notification.Examples.event;
import static org.museumevents.notification.Examples.publish;
import static org.museumevents.notification.Examples.registration;
import static org.museumevents.notification.Examples.unique;

import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.museumevents.notification.Inbox.Email;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 11: an event in a zone ical4j 4.1.1 fails on (fixed offsets, which the catalog refuses now
 * but older events and other producers carry) still gets its email with the join link, and a
 * calendar entry in UTC times without VTIMEZONE.
 */
@NotificationIntegrationTest
class OffsetZonesTest {

    static final String JOIN_URL = "us02web.zoom.us/j/82342861023";
    static final String PASSCODE = "010934";

    @Autowired
    DeliveryLog log;

    @ParameterizedTest
    @ValueSource(strings = {"UTC+1", "+02:00", "Z"})
    void anEventInAnOffsetZoneStillGetsItsEmailWithTheJoinLink(String zone) {
        UUID eventId = UUID.randomUUID();
        ObjectNode published = catalog("EventPublished", eventId);
        event(published).put("timeZone", zone);
        event(published).remove("startsAt");
        event(published).remove("endsAt");
        publish(published);
        String email = unique("offset");
        announce(registration("RegistrationConfirmed", eventId, UUID.randomUUID(), email));

        Email mail = Inbox.awaitOne(email);
        assertThat(mail.text()).contains(JOIN_URL, PASSCODE);
        assertThat(mail.parsedCalendar().getComponent("VTIMEZONE")).isEmpty();
        assertThat(mail.eventProperty("DTSTART").orElseThrow()).endsWith("Z");
        assertThat(mail.eventProperty("DESCRIPTION").orElseThrow()).contains(JOIN_URL, PASSCODE);
        await().untilAsserted(() -> assertThat(log.of(eventId, "CONFIRMATION"))
                .singleElement()
                .satisfies(e -> assertThat(e.status()).isEqualTo("SENT")));
    }
}
