package org.museumevents.registration.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.museumevents.registration.Api;
import org.museumevents.registration.Api.Response;
import org.museumevents.registration.RegistrationIntegrationTest;
import org.museumevents.registration.TestCatalog;
import org.museumevents.registration.event.EventSnapshot;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Duplicates and replays sent at once, so that they land in the same registration groups as the
 * others: each is answered alone, and nobody else's registration is lost or refused for it.
 */
@RegistrationIntegrationTest
class ConcurrentDuplicatesTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Test
    void eachEmailSentThreeTimesAtOnceRegistersOnceAndTheOthersAreDuplicates() throws Exception {
        Api api = Api.onPort(port);
        EventSnapshot event = TestCatalog.apply(context, TestCatalog.event("icom-france", 10));
        List<String> emails = IntStream.range(0, 20)
                .mapToObj(i -> "thrice-" + i + "-" + UUID.randomUUID() + "@example.org")
                .toList();

        List<Response> responses = atOnce(60, i -> api.register(event.id(), emails.get(i % 20)));

        Map<Integer, Long> byStatus =
                responses.stream().collect(Collectors.groupingBy(Response::status, Collectors.counting()));
        assertThat(byStatus).as(responses.toString()).isEqualTo(Map.of(201, 20L, 409, 40L));
        assertThat(responses.stream().filter(r -> r.status() == 409))
                .allSatisfy(r -> assertThat(r.body()).contains("duplicate-registration"));
        List<Response> registered =
                responses.stream().filter(r -> r.status() == 201).toList();
        assertThat(registered.stream().map(r -> r.json().get("status").asString()))
                .containsOnly("CONFIRMED", "WAITLISTED")
                .filteredOn("CONFIRMED"::equals)
                .hasSize(10);
        assertThat(registered.stream()
                        .filter(r -> r.json().get("status").asString().equals("WAITLISTED"))
                        .map(r -> r.json().get("waitlistPosition").asInt()))
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.rangeClosed(1, 10).boxed().toList());
        assertThat(jdbc.sql("SELECT count(DISTINCT email_key) FROM registration WHERE event_id = :id")
                        .param("id", event.id())
                        .query(Integer.class)
                        .single())
                .isEqualTo(20);
        assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE message_key = :key")
                        .param("key", event.id().toString())
                        .query(Integer.class)
                        .single())
                .isEqualTo(20);
    }

    @Test
    void oneIdempotencyKeySentTenTimesAtOnceRegistersOnceAndAnswersTheSameToAll() throws Exception {
        Api api = Api.onPort(port);
        EventSnapshot event = TestCatalog.apply(context, TestCatalog.event("icom-france", 10));
        String key = "at-once-" + UUID.randomUUID();
        String body = Api.body("Ana Ruiz", "at-once-" + UUID.randomUUID() + "@example.org");

        List<Response> responses =
                atOnce(10, i -> api.post("/api/events/" + event.id() + "/registrations", body, "Idempotency-Key", key));

        assertThat(responses)
                .allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
        assertThat(responses.stream().map(r -> r.json().get("id").asString()).distinct())
                .hasSize(1);
        assertThat(responses.stream().filter(r -> r.json().has("token"))).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM registration WHERE event_id = :id")
                        .param("id", event.id())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    private static List<Response> atOnce(int n, IntFunction<Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.apply(index);
                }));
            }
            go.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
