package org.museumevents.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOfOneToHundred() {
        List<Long> values = new ArrayList<>();
        for (long i = 100; i >= 1; i--) {
            values.add(i);
        }
        Percentiles p = new Percentiles(values);
        assertThat(p.of(50)).isEqualTo(50);
        assertThat(p.of(95)).isEqualTo(95);
        assertThat(p.of(99)).isEqualTo(99);
        assertThat(p.of(100)).isEqualTo(100);
        assertThat(p.max()).isEqualTo(100);
        assertThat(p.count()).isEqualTo(100);
    }

    @Test
    void fewValuesRoundUpToTheNextRank() {
        Percentiles p = new Percentiles(List.of(30L, 10L, 20L));
        assertThat(p.of(50)).isEqualTo(20);
        assertThat(p.of(99)).isEqualTo(30);
        assertThat(p.of(1)).isEqualTo(10);
    }

    @Test
    void noValuesGiveMinusOne() {
        Percentiles p = new Percentiles(List.of());
        assertThat(p.of(50)).isEqualTo(-1);
        assertThat(p.max()).isEqualTo(-1);
    }

    @Test
    void refusesPercentsOutsideTheRange() {
        Percentiles p = new Percentiles(List.of(1L));
        assertThatThrownBy(() -> p.of(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.of(101)).isInstanceOf(IllegalArgumentException.class);
    }
}
