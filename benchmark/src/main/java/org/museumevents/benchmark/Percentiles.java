package org.museumevents.benchmark;

import java.util.Arrays;
import java.util.Collection;

/**
 * Percentiles of measured durations by the nearest-rank method (the smallest value with at least p%
 * of the values at or below it), the definition Gatling's reports use too.
 */
final class Percentiles {

    private final long[] sorted;

    /**
     * @param values durations in any one unit (the results are in the same unit); may be empty
     */
    Percentiles(Collection<Long> values) {
        this.sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    int count() {
        return sorted.length;
    }

    /**
     * @param percent between 0 (exclusive) and 100 (inclusive)
     * @return the nearest-rank percentile, or -1 when there are no values
     * @throws IllegalArgumentException for a percent outside (0, 100]
     */
    long of(double percent) {
        if (!(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("A percentile is in (0, 100], not " + percent);
        }
        if (sorted.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    /** The largest value, or -1 when there are none. */
    long max() {
        return sorted.length == 0 ? -1 : sorted[sorted.length - 1];
    }

    @Override
    public String toString() {
        return Arrays.toString(sorted);
    }
}
