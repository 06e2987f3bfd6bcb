package org.museumevents.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.museumevents.local.PlatformApi.address;
import static org.museumevents.local.PlatformApi.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.museumevents.local.services.ServiceProcesses;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * registration-service killed with SIGKILL in the middle of a burst of registrations on a small
 * event: every registration answered 201 is still there with the status it was answered, the event
 * is not overbooked, every registrant gets exactly one email about it (so every registration's
 * message reached Kafka), and the attempts cut by the kill, retried with their {@code
 * Idempotency-Key}, are answered as if once. Twice: on the instance's own port, retried once it is
 * started again; and through the gateway with two instances, one killed, where the other answers
 * the rest of the burst and every retry without any restart.
 *
 * <p>Negative controls, run once (issue 14): with the {@code Idempotency-Key} ignored by
 * registration-service, the retried attempts that had committed before the kill are refused as
 * already registered and the first test fails; with the gateway offering a request to one instance
 * only ({@code InstanceFailover.ATTEMPTS} 1) and checking the instances hourly instead of every 2 s,
 * the second fails: half the retries go to the killed instance and are answered 503 (see the
 * closing note of issue 14 for the runs).
 */
@Tag("platform")
@Tag("faults")
class RegistrationKillFaultTest {

    private static final int PLACES = 30;
    private static final int ATTEMPTS = 150;
    private static final int CONCURRENCY = 16;
    private static final int KILL_AFTER_ANSWERS = 40;
    private static final Duration HEALING = Duration.ofSeconds(120);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One attempt: its registrant, key, and answer (null while cut or not yet made). */
    private static final class Attempt {
        final String email = address("kill");
        final String key = UUID.randomUUID().toString();
        volatile JsonNode answer;
        volatile boolean answeredAfterKill;
        /** The status of the burst's answer, or 0 when the connection was cut. */
        volatile int status;
    }

    /** How a registration is sent: to which door. */
    private interface Door {
        HttpResponse<String> register(String event, Attempt attempt) throws IOException, InterruptedException;
    }

    @Test
    void answeredRegistrationsSurviveAKillInTheMiddleOfABurst() throws Exception {
        Platform platform = Platform.shared();
        PlatformApi api = new PlatformApi(platform);
        String organiser = api.token();
        String title = "Killed mid-burst";
        String event = api.publishedEvent(organiser, title, PLACES);
        ServiceProcesses services = platform.component(ServiceProcesses.class);
        Door ownPort = (id, attempt) -> api.register(id, attempt.email, attempt.key);

        List<Attempt> attempts = burst(event, ownPort, () -> services.kill("registration-service"));
        int answeredBeforeKill = answered(attempts);
        assertThat(answeredBeforeKill).as("the kill cut the burst").isLessThan(ATTEMPTS);

        services.relaunch("registration-service");
        retryTheUnanswered(event, attempts, ownPort);
        verify(api, organiser, event, title, attempts);
        System.out.printf(
                "RegistrationKillFaultTest: %d of %d attempts answered before the kill, %d retried; "
                        + "%d stored, %d confirmed on %d places, lost 0, duplicated 0%n",
                answeredBeforeKill, ATTEMPTS, ATTEMPTS - answeredBeforeKill, ATTEMPTS, PLACES, PLACES);
    }

    @Test
    void withTwoInstancesBehindTheGatewayTheOtherServesOnWhenOneIsKilled() throws Exception {
        Platform platform = Platform.shared();
        PlatformApi api = new PlatformApi(platform);
        String organiser = api.token();
        String title = "One of two killed";
        String event = api.publishedEvent(organiser, title, PLACES);
        ServiceProcesses services = platform.component(ServiceProcesses.class);
        Door gateway = (id, attempt) -> api.registerThroughGateway(id, attempt.email, attempt.key);

        List<Attempt> attempts;
        try {
            attempts = burst(event, gateway, () -> services.kill("registration-service-2"));
            int answered = answered(attempts);
            long afterKill = attempts.stream().filter(a -> a.answeredAfterKill).count();
            assertThat(afterKill)
                    .as("attempts the other instance answered after the kill")
                    .isPositive();

            // No restart: the other instance answers every retry.
            retryTheUnanswered(event, attempts, gateway);
            verify(api, organiser, event, title, attempts);
            System.out.printf(
                    "RegistrationKillFaultTest (two instances behind the gateway, one killed): %d of %d attempts "
                            + "answered 201 during the burst (%d of them after the kill), %d retried without a "
                            + "restart; %d stored, %d confirmed on %d places, lost 0, duplicated 0%n",
                    answered, ATTEMPTS, afterKill, ATTEMPTS - answered, ATTEMPTS, PLACES, PLACES);
        } finally {
            services.relaunch("registration-service-2");
        }
    }

    /**
     * Issue 18: one of two instances stopped as an orchestrator stops it (SIGTERM: a rolling update,
     * a scale-in) in the middle of the burst, behind the gateway. Spring Boot's graceful shutdown
     * answers the requests it had received and relays their messages (or leaves them in the outbox
     * for the other instance): no attempt is cut or answered anything but 201 or 503, each 503 is a
     * request the gateway could not hand to the stopping instance any more and is answered 201 to
     * its retry, and every registrant gets one email.
     */
    @Test
    void oneOfTwoInstancesStoppedGracefullyCutsNothing() throws Exception {
        Platform platform = Platform.shared();
        PlatformApi api = new PlatformApi(platform);
        String organiser = api.token();
        String title = "One of two stopped";
        String event = api.publishedEvent(organiser, title, PLACES);
        ServiceProcesses services = platform.component(ServiceProcesses.class);
        Door gateway = (id, attempt) -> api.registerThroughGateway(id, attempt.email, attempt.key);

        List<Duration> took = new ArrayList<>();
        try {
            List<Attempt> attempts =
                    burst(event, gateway, () -> took.add(services.terminate("registration-service-2")));
            long cut = attempts.stream().filter(attempt -> attempt.status == 0).count();
            Map<Integer, Long> statuses = attempts.stream()
                    .collect(java.util.stream.Collectors.groupingBy(
                            attempt -> attempt.status, java.util.TreeMap::new, java.util.stream.Collectors.counting()));
            assertThat(cut).as("attempts cut by the graceful stop").isZero();
            assertThat(statuses.keySet())
                    .as("statuses answered during the burst")
                    .isSubsetOf(201, 503);
            retryTheUnanswered(event, attempts, gateway);
            verify(api, organiser, event, title, attempts);
            System.out.printf(
                    "RegistrationKillFaultTest (two instances behind the gateway, one stopped with SIGTERM in %d ms): "
                            + "answers during the burst by status %s, cut 0; %d stored, %d confirmed "
                            + "on %d places, lost 0, duplicated 0%n",
                    took.get(0).toMillis(), statuses, ATTEMPTS, PLACES, PLACES);
        } finally {
            services.relaunch("registration-service-2");
        }
    }

    /**
     * {@value #ATTEMPTS} registrations at {@value #CONCURRENCY} at a time through {@code door}, with
     * {@code kill} run once {@value #KILL_AFTER_ANSWERS} have been answered 201.
     *
     * @return the attempts, those answered 201 with their answer
     */
    private static List<Attempt> burst(String event, Door door, Runnable kill) throws Exception {
        List<Attempt> attempts = new ArrayList<>();
        for (int i = 0; i < ATTEMPTS; i++) {
            attempts.add(new Attempt());
        }
        AtomicInteger answered = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService burst = Executors.newFixedThreadPool(CONCURRENCY);
        List<Future<?>> calls = new ArrayList<>();
        for (Attempt attempt : attempts) {
            calls.add(burst.submit(() -> {
                try {
                    boolean sentAfterKill = killed.get();
                    HttpResponse<String> response = door.register(event, attempt);
                    attempt.status = response.statusCode();
                    if (response.statusCode() == 201) {
                        attempt.answer = JSON.readTree(response.body());
                        attempt.answeredAfterKill = sentAfterKill;
                        answered.incrementAndGet();
                    }
                } catch (IOException e) {
                    // cut by the kill: retried after the burst
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        await("answers before the kill", HEALING, () -> answered.get() >= KILL_AFTER_ANSWERS);
        kill.run();
        killed.set(true);
        for (Future<?> call : calls) {
            call.get();
        }
        burst.shutdown();
        return attempts;
    }

    private static int answered(List<Attempt> attempts) {
        return (int) attempts.stream().filter(attempt -> attempt.answer != null).count();
    }

    /** Each attempt not answered 201, once more with its key: it must be answered 201 now. */
    private static void retryTheUnanswered(String event, List<Attempt> attempts, Door door) throws Exception {
        for (Attempt attempt : attempts) {
            if (attempt.answer == null) {
                HttpResponse<String> retried = door.register(event, attempt);
                assertThat(retried.statusCode())
                        .as("the retry of a cut attempt: " + retried.body())
                        .isEqualTo(201);
                attempt.answer = JSON.readTree(retried.body());
            }
        }
    }

    /**
     * Every answered registration stored with the status it was answered, {@value #PLACES}
     * confirmed, and one email to each registrant, of the kind its answer said.
     */
    private static void verify(PlatformApi api, String organiser, String event, String title, List<Attempt> attempts)
            throws Exception {
        Map<String, String> stored = api.attendees(organiser, event);
        for (Attempt attempt : attempts) {
            assertThat(stored.get(attempt.answer.get("id").asString()))
                    .as("the registration answered to " + attempt.email)
                    .isEqualTo(attempt.answer.get("status").asString());
        }
        assertThat(stored).hasSize(ATTEMPTS);
        assertThat(stored.values().stream().filter("CONFIRMED"::equals).count())
                .as("confirmed on " + PLACES + " places")
                .isEqualTo(PLACES);

        for (Attempt attempt : attempts) {
            await("the email to " + attempt.email, HEALING, () -> !api.subjectsTo(attempt.email)
                    .isEmpty());
        }
        Thread.sleep(5_000); // room for a duplicate to show
        List<JsonNode> emails = api.emails();
        for (Attempt attempt : attempts) {
            String expected = attempt.answer.get("status").asString().equals("CONFIRMED")
                    ? "Registration confirmed: " + title
                    : "On the waiting list: " + title;
            assertThat(emails.stream()
                            .filter(email -> email.path("to").toString().contains(attempt.email))
                            .map(email -> email.path("subject").asString()))
                    .as(attempt.email)
                    .containsExactly(expected);
        }
    }
}
