package org.museumevents.benchmark;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * Part 6: visitors of the public web front, each loading the home page ({@code GET /}) then the
 * event list ({@code GET /api/events}) through the gateway, again and again on its own connection.
 * Settings: {@code bench.baseUrl}, {@code bench.users}, {@code bench.seconds}.
 */
public class VisitorsSimulation extends Simulation {

    {
        setUp(scenario("visitors")
                        .during(Duration.ofSeconds(Long.getLong("bench.seconds")))
                        .on(exec(http("home page")
                                        .get("/")
                                        .header("Accept", "text/html")
                                        .check(status().is(200)))
                                .exec(http("event list")
                                        .get("/api/events")
                                        .header("Accept", "application/json")
                                        .check(status().is(200))))
                        .injectOpen(atOnceUsers(Integer.getInteger("bench.users"))))
                .protocols(http.baseUrl(System.getProperty("bench.baseUrl"))
                        .acceptLanguageHeader("en")
                        .disableCaching());
    }
}
