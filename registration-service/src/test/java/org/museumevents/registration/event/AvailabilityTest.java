package org.museumevents.registration.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.museumevents.registration.Api;
import org.museumevents.registration.Api.Response;
import org.museumevents.registration.RegistrationIntegrationTest;
import org.museumevents.registration.TestCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** The public count of places that the event page shows, anonymous and without any personal data. */
@RegistrationIntegrationTest
class AvailabilityTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    Api api;

    @BeforeEach
    void api() {
        api = Api.onPort(port);
    }

    @Test
    void countsPlacesLeftThenTheWaitingListAnonymously() {
        EventSnapshot event = TestCatalog.apply(context, TestCatalog.event("icom-france", 2));
        assertThat(availability(event.id()).json().get("placesLeft").asInt()).isEqualTo(2);

        String first = "first-" + UUID.randomUUID() + "@example.org";
        api.register(event.id(), first);
        api.register(event.id(), "second-" + UUID.randomUUID() + "@example.org");
        api.register(event.id(), "third-" + UUID.randomUUID() + "@example.org");

        Response full = availability(event.id());
        assertThat(full.status()).isEqualTo(200);
        assertThat(full.json().get("capacity").asInt()).isEqualTo(2);
        assertThat(full.json().get("placesLeft").asInt()).isZero();
        assertThat(full.json().get("waitlist").asBoolean()).isTrue();
        assertThat(full.json().get("waitlisted").asInt()).isEqualTo(1);
        assertThat(full.json().get("open").asBoolean()).isTrue();
        assertThat(full.body()).doesNotContain(first, "@");
    }

    @Test
    void saysWhyRegistrationIsClosed() {
        Instant now = Instant.now();
        EventSnapshot closed = TestCatalog.apply(
                context,
                TestCatalog.window(
                        TestCatalog.event("ocim", 40),
                        now.minus(Duration.ofDays(2)),
                        now.minus(Duration.ofDays(1)),
                        now.plus(Duration.ofDays(3))));
        Response response = availability(closed.id());
        assertThat(response.json().get("open").asBoolean()).isFalse();
        assertThat(response.json().get("reason").asString()).isEqualTo("registration-closed");
        assertThat(response.json().get("placesLeft").asInt()).isEqualTo(40);
    }

    @Test
    void unknownEventIsNotFound() {
        Response response = availability(UUID.randomUUID());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    private Response availability(UUID eventId) {
        return api.get("/api/events/" + eventId + "/availability");
    }
}
