package org.museumevents.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class GatlingRunTest {

    /** Gatling 3.14's closing summary, as it printed it (two periodic blocks come before it). */
    private static final String CONSOLE =
            """
            ---- Requests ---------------------------------------------|---Total---|-----OK----|----KO----
            > Global                                                   |       900 |       890 |        10
            ========================================================================================
            ---- Global Information -----------------------------------|---Total---|-----OK----|----KO----
            > request count                                            |     1,200 |     1,190 |        10
            > min response time (ms)                                   |         0 |         1 |         0
            > response time 50th percentile (ms)                       |        12 |        13 |         1
            > response time 75th percentile (ms)                       |        20 |        21 |         1
            > response time 95th percentile (ms)                       |        45 |        46 |         2
            > response time 99th percentile (ms)                       |        90 |        91 |         3
            > mean throughput (rps)                                    |     60.02 |     59.52 |      0.5
            ---- Response Time Distribution ---------------------------------------------------------
            """;

    @Test
    void readsTheFiguresOfTheRequestsThatPassed() {
        GatlingRun.Summary summary = GatlingRun.parse(CONSOLE, Optional.empty()).orElseThrow();

        assertThat(summary.ok()).isEqualTo(1190);
        assertThat(summary.ko()).isEqualTo(10);
        assertThat(summary.perSecond()).isEqualTo(59.52);
        assertThat(summary.p50()).isEqualTo(13);
        assertThat(summary.p95()).isEqualTo(46);
        assertThat(summary.p99()).isEqualTo(91);
    }

    @Test
    void whenEveryRequestFailedReadsTheTotals() {
        String allFailed =
                CONSOLE.replace("|     1,200 |     1,190 |        10", "|        10 |         - |        10");

        GatlingRun.Summary summary =
                GatlingRun.parse(allFailed, Optional.empty()).orElseThrow();

        assertThat(summary.ok()).isZero();
        assertThat(summary.ko()).isEqualTo(10);
        assertThat(summary.p99()).isEqualTo(90);
    }

    @Test
    void noSummaryWhenGatlingCrashed() {
        assertThat(GatlingRun.parse("Run crashed", Optional.empty())).isEmpty();
    }
}
