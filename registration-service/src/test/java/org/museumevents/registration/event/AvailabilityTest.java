package org.museumevents.registration.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.museumevents.registration.Api;
import org.museumevents.registration.Api.Response;
import org.museumevents.registration.RegistrationIntegrationTest;
import org.museumevents.registration.TestCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

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

    /**
     * Events that take no registration now nor later, each as the catalog makes it so, with a
     * limited or an unlimited capacity. Issue 12's example is the first: a cancelled event reported
     * its places as left.
     */
    static Stream<Arguments> closedForGood() {
        List<Arguments> cases = new ArrayList<>();
        for (Integer capacity : Arrays.asList(40, null)) {
            cases.add(Arguments.of("cancelled", capacity, "event-cancelled"));
            cases.add(Arguments.of("ended", capacity, "event-past"));
            cases.add(Arguments.of("under way", capacity, "event-past"));
            cases.add(Arguments.of("registration closed", capacity, "registration-closed"));
            cases.add(Arguments.of("cancelled after its registration closed", capacity, "event-cancelled"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, capacity {1}")
    @MethodSource("closedForGood")
    void anEventClosedForGoodHasNoPlacesLeftAndSaysWhy(String what, Integer capacity, String reason) {
        EventSnapshot event = TestCatalog.apply(context, TestCatalog.event("ocim", capacity));
        JsonNode registered = api.register(event.id(), "someone-" + UUID.randomUUID() + "@example.org")
                .json();
        assertThat(registered.get("status").asString()).isEqualTo("CONFIRMED");
        Instant now = Instant.now();
        EventSnapshot closed = TestCatalog.apply(
                context,
                switch (what) {
                    case "cancelled" -> TestCatalog.with(event, "CANCELLED", capacity, false, true);
                    case "ended" ->
                        TestCatalog.dates(event, now.minus(Duration.ofHours(26)), now.minus(Duration.ofHours(24)));
                    case "under way" ->
                        TestCatalog.dates(event, now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)));
                    case "registration closed" ->
                        TestCatalog.window(
                                event, now.minus(Duration.ofDays(2)), now.minusSeconds(60), event.startsAt());
                    default ->
                        TestCatalog.with(
                                TestCatalog.window(event, null, now.minusSeconds(60), event.startsAt()),
                                "CANCELLED",
                                capacity,
                                false,
                                true);
                });

        Response response = availability(closed.id());
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("open").asBoolean()).as(response.toString()).isFalse();
        assertThat(body.get("reason").asString()).isEqualTo(reason);
        assertThat(body.get("placesLeft").isNull()).as("not unlimited").isFalse();
        assertThat(body.get("placesLeft").asInt()).as(response.toString()).isZero();
        assertThat(body.get("waitlist").asBoolean())
                .as("no waiting list to join")
                .isFalse();

        // Registering says the same, with the same name.
        Response refused = api.register(closed.id(), "late-" + UUID.randomUUID() + "@example.org");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asString()).isEqualTo("https://museum-events.org/problems/" + reason);
    }

    @Test
    void anEventNotOpenYetShowsThePlacesItWillOpenWith() {
        Instant now = Instant.now();
        EventSnapshot notOpen = TestCatalog.apply(
                context,
                TestCatalog.window(
                        TestCatalog.event("ocim", 40),
                        now.plus(Duration.ofDays(1)),
                        now.plus(Duration.ofDays(2)),
                        now.plus(Duration.ofDays(3))));
        JsonNode body = availability(notOpen.id()).json();
        assertThat(body.get("open").asBoolean()).isFalse();
        assertThat(body.get("reason").asString()).isEqualTo("registration-not-open");
        assertThat(body.get("placesLeft").asInt()).isEqualTo(40);
        assertThat(body.get("waitlist").asBoolean()).isTrue();
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
