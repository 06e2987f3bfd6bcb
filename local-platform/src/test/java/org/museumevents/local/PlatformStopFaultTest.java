package org.museumevents.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.museumevents.local.services.ServiceProcesses;

/**
 * The local platform stopped (what Ctrl-C does: its context closes) while one service hangs,
 * frozen with SIGSTOP as a process stuck in garbage collection would be: everything still stops
 * within a bounded time (the services' 30 s grace, then SIGKILL; PostgreSQL after them), and nothing
 * is left running, holding a port or PostgreSQL's data folder. The platform then starts again on the
 * same data for the tests after this one.
 *
 * <p>Negative control, run once (issue 14): with the services' grace ({@code ServiceProcesses.GRACE})
 * at 120 s instead of 30 s, the stop outlasts the bound and the test fails (see the closing note of
 * issue 14 for the run).
 */
@Tag("platform")
@Tag("faults")
class PlatformStopFaultTest {

    private static final Duration BOUND = Duration.ofSeconds(75);

    @Test
    void everythingStopsInBoundedTimeWhileAServiceHangs() throws Exception {
        Platform platform = Platform.shared();
        ServiceProcesses services = platform.component(ServiceProcesses.class);
        List<ProcessHandle> processes = new ArrayList<>();
        for (String name : services.names()) {
            processes.add(ProcessHandle.of(services.pid(name)).orElseThrow());
        }
        services.freeze("catalog-service", true);

        long began = System.nanoTime();
        platform.stop();
        Duration took = Duration.ofNanos(System.nanoTime() - began);
        try {
            assertThat(took).as("the platform's stop with a frozen service").isLessThan(BOUND);
            for (ProcessHandle process : processes) {
                assertThat(process.isAlive())
                        .as("service process " + process.pid())
                        .isFalse();
            }
            assertThat(platform.data.resolve("postgres/postmaster.pid"))
                    .as("PostgreSQL stopped")
                    .doesNotExist();
            for (int port : List.of(platform.gateway, platform.catalog, platform.registration)) {
                assertThat(isFree(port)).as("port " + port + " released").isTrue();
            }
            System.out.printf(
                    "PlatformStopFaultTest: stopped in %d s with catalog-service frozen; %d service processes and "
                            + "PostgreSQL ended, ports released%n",
                    took.toSeconds(), processes.size());
        } finally {
            // Whatever happened, leave no frozen process behind, and the platform running for the next test.
            processes.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            platform.restart();
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket ignored = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
