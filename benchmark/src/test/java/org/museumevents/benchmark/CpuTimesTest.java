package org.museumevents.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuTimesTest {

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        assertThat(CpuTimes.parseStat("42 (my (odd) name) S 1 42 42 0 -1 4194560 100 0 0 0 250 75 9 3 20 0"))
                .startsWith("S", "1")
                .element(11)
                .isEqualTo("250");
    }

    @Test
    void thisJvmsOwnTimeIsRead() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "Linux only");
        long spin = 0;
        for (long end = System.nanoTime() + 50_000_000; System.nanoTime() < end; ) {
            spin++;
        }
        assertThat(spin).isPositive();
        assertThat(CpuTimes.own(ProcessHandle.current().pid())).isPositive();
        assertThat(CpuTimes.own(-1)).isZero();
    }

    @Test
    void theTimeOfAChildThatHasEndedIsCountedInItsParents() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "Linux only");
        long self = ProcessHandle.current().pid();
        long endedBefore = CpuTimes.withEndedChildren(self) - CpuTimes.own(self);

        // About 0.3 s of a shell's CPU, then it ends and this JVM waits for it, as a postmaster
        // waits for the backend of a closed connection.
        Process child = new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done").start();
        assertThat(child.waitFor()).isZero();

        long endedAfter = CpuTimes.withEndedChildren(self) - CpuTimes.own(self);
        assertThat(endedAfter - endedBefore).isPositive();
        assertThat(CpuTimes.withEndedChildren(-1)).isZero();
    }

    @Test
    void eachGroupsTimeIsGivenPerUnitOfWork() {
        Map<String, Long> before = new LinkedHashMap<>();
        before.put("registration-service", 1_000L);
        before.put("PostgreSQL", 500L);
        Map<String, Long> after = new LinkedHashMap<>();
        after.put("registration-service", 1_150L); // 1.5 s
        after.put("PostgreSQL", 540L); // 0.4 s

        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        String text = CpuTimes.between(
                new CpuTimes.Reading(before, 10_000, at),
                new CpuTimes.Reading(after, 10_350, at.plusSeconds(2)), // 3.5 s busy in 2 s
                1_000);

        assertThat(text)
                .isEqualTo("registration-service 1.50 ms (0.75 cores); PostgreSQL 0.40 ms (0.20 cores); "
                        + "the whole machine 3.50 ms (1.75 cores)");
    }

    @Test
    void theFirstAndLastReadingsInsideTheSteadyLoadAreCompared() {
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        List<CpuTimes.Reading> readings = new ArrayList<>();
        for (int second = 0; second < 10; second++) {
            readings.add(new CpuTimes.Reading(Map.of(), second, start.plusSeconds(second)));
        }

        assertThat(CpuTimes.within(readings, start.plusMillis(2_500), start.plusSeconds(7)))
                .hasValueSatisfying(pair -> assertThat(pair)
                        .extracting(CpuTimes.Reading::machineBusy)
                        .containsExactly(3L, 7L));
        assertThat(CpuTimes.within(readings, start.plusMillis(2_500), start.plusMillis(3_500)))
                .isEmpty();
    }
}
