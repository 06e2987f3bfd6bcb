package org.museumevents.registration.registration;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Group commit by leader and followers: concurrent submissions with the same key queue up in their
 * order of arrival; the first becomes the leader, takes up to {@code maxGroup} of the queue (itself
 * first), runs them as one group, hands the lead to the head of what queued meanwhile, then answers
 * the others it ran, who were waiting on their futures. A submission finding nobody leading for its
 * key runs at once, alone: there is no waiting delay, so an idle service answers as fast as without
 * grouping, and groups grow only while a group is running. One group runs at a time per key in this
 * instance; the work itself must keep several instances apart (a row lock does).
 *
 * <p>When a group fails with an outage ({@code outage} says which exceptions are one, e.g. no
 * database connection within its timeout), everyone already queued behind it gets the same failure
 * at once rather than running group after group, each waiting out the same timeout: under a
 * database outage a registration is answered within one connection timeout, not one per group ahead
 * of it (local-platform's PostgresOutageFaultTest: 6 s with six at once, before). Who arrives after
 * the failure starts a new group, which tries again.
 *
 * @param <K> what keeps groups apart, e.g. an event id
 * @param <T> one submission
 * @param <R> its answer
 */
final class GroupCommit<K, T, R> {

    /** Runs one group. */
    interface Work<K, T, R> {

        /**
         * @param items in their order of arrival, at least one
         * @return one answer per item, in the same order
         */
        List<R> run(K key, List<T> items);
    }

    private static final Object LEAD = new Object();

    private final int maxGroup;
    private final Work<K, T, R> work;
    private final Predicate<Throwable> outage;

    /** Guarded by itself. A key has a lane exactly while a leader runs it; its queue holds who wait. */
    private final Map<K, ArrayDeque<Waiting<T>>> lanes = new HashMap<>();

    /**
     * @param maxGroup the most items one group runs, at least 1
     * @param work runs one group
     * @param outage which of the work's exceptions also fail those queued behind the group
     */
    GroupCommit(int maxGroup, Work<K, T, R> work, Predicate<Throwable> outage) {
        if (maxGroup < 1) {
            throw new IllegalArgumentException("A group holds at least one, not " + maxGroup);
        }
        this.maxGroup = maxGroup;
        this.work = work;
        this.outage = outage;
    }

    /** One submission queued behind a running group: completed with its answer, or with {@link #LEAD}. */
    private static final class Waiting<T> {

        final T item;
        final CompletableFuture<Object> turn = new CompletableFuture<>();

        Waiting(T item) {
            this.item = item;
        }
    }

    /** An exception of the group's work, for each of its items. */
    private record Failed(Throwable cause) {}

    /**
     * Runs {@code item} in the next group of {@code key}, waiting for the running one if any.
     *
     * @return its answer from the group's work
     * @throws RuntimeException what the group's work threw, for every item of that group
     */
    R submit(K key, T item) {
        Waiting<T> me = new Waiting<>(item);
        boolean leads;
        synchronized (lanes) {
            ArrayDeque<Waiting<T>> lane = lanes.get(key);
            leads = lane == null;
            if (leads) {
                lane = new ArrayDeque<>();
                lanes.put(key, lane);
            }
            lane.add(me);
        }
        if (!leads) {
            Object turn = me.turn.join();
            if (turn != LEAD) {
                return answer(turn);
            }
        }
        return lead(key, me);
    }

    /** How many wait for the group running for {@code key}, or queue behind it (for tests). */
    int queued(K key) {
        synchronized (lanes) {
            ArrayDeque<Waiting<T>> lane = lanes.get(key);
            return lane == null ? 0 : lane.size();
        }
    }

    private R lead(K key, Waiting<T> me) {
        List<Waiting<T>> group = new ArrayList<>();
        synchronized (lanes) {
            ArrayDeque<Waiting<T>> lane = lanes.get(key);
            while (group.size() < maxGroup && !lane.isEmpty()) {
                group.add(lane.poll());
            }
        }
        Object[] answers = new Object[group.size()];
        List<Waiting<T>> turnedAway = List.of();
        try {
            List<R> results = work.run(key, group.stream().map(w -> w.item).toList());
            if (results.size() != group.size()) {
                throw new IllegalStateException(results.size() + " answers for " + group.size());
            }
            for (int i = 0; i < answers.length; i++) {
                answers[i] = results.get(i);
            }
        } catch (RuntimeException | Error e) {
            java.util.Arrays.fill(answers, new Failed(e));
            if (outage.test(e)) {
                turnedAway = drain(key);
            }
        } finally {
            handOver(key);
        }
        for (Waiting<T> waiting : turnedAway) {
            waiting.turn.complete(answers[0]);
        }
        Object mine = null;
        for (int i = 0; i < answers.length; i++) {
            if (group.get(i) == me) {
                mine = answers[i];
            } else {
                group.get(i).turn.complete(answers[i]);
            }
        }
        return answer(mine);
    }

    /** Takes everyone queued for {@code key} off the lane. */
    private List<Waiting<T>> drain(K key) {
        synchronized (lanes) {
            ArrayDeque<Waiting<T>> lane = lanes.get(key);
            List<Waiting<T>> all = new ArrayList<>(lane);
            lane.clear();
            return all;
        }
    }

    /** The next group starts at once, led by the first who queued while this one ran. */
    private void handOver(K key) {
        Waiting<T> next;
        synchronized (lanes) {
            ArrayDeque<Waiting<T>> lane = lanes.get(key);
            next = lane.peek();
            if (next == null) {
                lanes.remove(key);
            }
        }
        if (next != null) {
            next.turn.complete(LEAD);
        }
    }

    @SuppressWarnings("unchecked")
    private static <R> R answer(Object turn) {
        if (turn instanceof Failed failed) {
            if (failed.cause() instanceof RuntimeException e) {
                throw e;
            }
            throw (Error) failed.cause();
        }
        return (R) turn;
    }
}
