package org.museumevents.benchmark;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Registrations for one event by a fixed number of users, each on its own keep-alive connection,
 * each registering a new address as soon as its previous answer came (a closed model: concurrency
 * is the number of users). Parts 1 (for a duration) and 3 (a number of attempts per user).
 *
 * <p>Settings, as system properties of the Gatling JVM: {@code bench.baseUrl}, {@code
 * bench.eventId}, {@code bench.users}, {@code bench.seconds} or {@code bench.repeat}, {@code
 * bench.emailPrefix}. A registration is expected to answer 201; anything else counts as an error.
 */
public class RegistrationSimulation extends Simulation {

    private final AtomicLong counter = new AtomicLong();

    {
        String prefix = System.getProperty("bench.emailPrefix");
        String eventId = System.getProperty("bench.eventId");
        int users = Integer.getInteger("bench.users");
        int repeat = Integer.getInteger("bench.repeat", 0);
        Iterator<Map<String, Object>> emails = Stream.generate(() -> Map.<String, Object>of(
                        "email", prefix + counter.incrementAndGet() + "@bench.museum-events.org"))
                .iterator();
        ChainBuilder register = feed(emails)
                .exec(http("register")
                        .post("/api/events/" + eventId + "/registrations")
                        .body(
                                StringBody(
                                        "{\"name\": \"Bench Registrant\", \"email\": \"#{email}\", \"language\": \"en\", \"consent\": true}"))
                        .check(status().is(201)));
        ScenarioBuilder registrants = repeat > 0
                ? scenario("registrants").repeat(repeat).on(register)
                : scenario("registrants")
                        .during(Duration.ofSeconds(Long.getLong("bench.seconds")))
                        .on(register);
        setUp(registrants.injectOpen(atOnceUsers(users)))
                .protocols(http.baseUrl(System.getProperty("bench.baseUrl"))
                        .contentTypeHeader("application/json")
                        .acceptHeader("application/json")
                        .disableCaching());
    }
}
