package org.museumevents.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.museumevents.local.PlatformApi.address;
import static org.museumevents.local.PlatformApi.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.museumevents.local.servers.Postgres;
import org.museumevents.local.services.ServiceProcesses;

/**
 * PostgreSQL crashed under the real processes (immediate shutdown of the local platform's server):
 * every service whose database it is answers 503 {@code application/problem+json} within 5 seconds,
 * also to several requests at once (no request thread left hanging), and heals by itself when the
 * server returns, without a restart of any service.
 *
 * <p>Negative control, run once (issue 14): with registration-service's {@code
 * spring.datasource.hikari.connection-timeout} at 30 s instead of 3 s, the registration probes take
 * 30 s and the test fails on the 5-second bound (see the closing note of issue 14 for the run).
 */
@Tag("platform")
@Tag("faults")
class PostgresOutageFaultTest {

    private static final Duration QUICKLY = Duration.ofSeconds(5);
    private static final Duration HEALING = Duration.ofSeconds(90);
    private static final int AT_ONCE = 6;

    private PlatformApi api;
    private String organiser;
    private String event;

    @Test
    void eachServiceAnswers503QuicklyAndHealsWithoutARestart() throws Exception {
        Platform platform = Platform.shared();
        api = new PlatformApi(platform);
        organiser = api.token();
        event = api.publishedEvent(organiser, "PostgreSQL outage", 200);
        Map<String, Callable<HttpResponse<String>>> probes = probes(platform);
        for (var probe : probes.entrySet()) {
            HttpResponse<String> answer = probe.getValue().call();
            assertThat(answer.statusCode())
                    .as(probe.getKey() + ": " + answer.body())
                    .isBetween(200, 201);
        }
        ServiceProcesses services = platform.component(ServiceProcesses.class);
        Map<String, Long> pids = new LinkedHashMap<>();
        services.names().forEach(name -> pids.put(name, services.pid(name)));

        Postgres postgres = platform.component(Postgres.class);
        postgres.crash();
        ExecutorService callers = Executors.newFixedThreadPool(AT_ONCE);
        Map<String, Duration> slowest = new LinkedHashMap<>();
        try {
            for (var probe : probes.entrySet()) {
                List<Future<Timed>> calls = new ArrayList<>();
                for (int i = 0; i < AT_ONCE; i++) {
                    calls.add(callers.submit(() -> Timed.of(probe.getValue())));
                }
                for (Future<Timed> call : calls) {
                    Timed timed = call.get();
                    assertThat(timed.answer().statusCode())
                            .as(probe.getKey() + " without its database: "
                                    + timed.answer().body())
                            .isEqualTo(503);
                    assertThat(timed.answer().headers().firstValue("Content-Type"))
                            .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
                    assertThat(timed.taken())
                            .as(probe.getKey() + ": how long the 503 took")
                            .isLessThan(QUICKLY);
                    slowest.merge(probe.getKey(), timed.taken(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
                }
            }
        } finally {
            callers.shutdownNow();
            postgres.start();
        }

        for (var probe : probes.entrySet()) {
            await(probe.getKey() + " heals", HEALING, () -> {
                int status = probe.getValue().call().statusCode();
                return status == 200 || status == 201;
            });
        }
        services.names().forEach(name -> assertThat(services.pid(name))
                .as(name + " was not restarted")
                .isEqualTo(pids.get(name)));
        slowest.forEach((probe, taken) -> System.out.printf(
                "PostgresOutageFaultTest: %s: %d requests at once, each 503 problem+json, the slowest in %d ms; healed%n",
                probe, AT_ONCE, taken.toMillis()));
    }

    /** One request per service (and door) that needs its database, none kept by the gateway's caches. */
    private Map<String, Callable<HttpResponse<String>>> probes(Platform platform) {
        Map<String, Callable<HttpResponse<String>>> probes = new LinkedHashMap<>();
        probes.put(
                "catalog-service (an organiser's read through the gateway)",
                () -> api.call("GET", platform.gatewayUrl("/api/events/" + event), organiser, null));
        probes.put(
                "registration-service (a registration on its own port)",
                () -> api.register(event, address("postgres"), UUID.randomUUID().toString()));
        probes.put(
                "registration-service (the attendee list through the gateway)",
                () -> api.call("GET", platform.gatewayUrl("/api/events/" + event + "/attendees"), organiser, null));
        probes.put(
                "notification-service (the delivery log through the gateway)",
                () -> api.call("GET", platform.gatewayUrl("/api/events/" + event + "/notifications"), organiser, null));
        return probes;
    }

    private record Timed(HttpResponse<String> answer, Duration taken) {

        static Timed of(Callable<HttpResponse<String>> call) throws Exception {
            long began = System.nanoTime();
            HttpResponse<String> answer = call.call();
            return new Timed(answer, Duration.ofNanos(System.nanoTime() - began));
        }
    }
}
