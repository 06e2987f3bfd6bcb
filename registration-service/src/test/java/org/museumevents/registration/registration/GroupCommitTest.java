package org.museumevents.registration.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The leader and followers of {@link GroupCommit}, without a database: who arrives while a group
 * runs is taken in the next group, in order of arrival, at most {@code maxGroup} at a time; nobody
 * waits when nothing runs; a failing group fails only its own members, unless its failure is an
 * outage, which fails everyone queued behind it too.
 */
class GroupCommitTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<List<String>> groups = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        threads.shutdownNow();
    }

    /**
     * Each group is recorded; the one containing "hold" or "down" runs until {@link #release}; "boom"
     * fails its group, "down" too, as an outage.
     */
    private final GroupCommit<String, String, String> commit = new GroupCommit<>(
            3,
            (key, items) -> {
                groups.add(List.copyOf(items));
                if (items.contains("hold") || items.contains("down")) {
                    awaitRelease();
                }
                if (items.contains("boom")) {
                    throw new IllegalStateException("boom");
                }
                if (items.contains("down")) {
                    throw new IllegalStateException("down");
                }
                return items.stream().map(i -> key + ":" + i).toList();
            },
            failure -> "down".equals(failure.getMessage()));

    @Test
    void aSubmissionWithNothingRunningRunsAloneAtOnce() {
        assertThat(commit.submit("event", "a")).isEqualTo("event:a");
        assertThat(commit.submit("event", "b")).isEqualTo("event:b");
        assertThat(groups).containsExactly(List.of("a"), List.of("b"));
        assertThat(commit.queued("event")).isZero();
    }

    @Test
    void whoArrivesWhileAGroupRunsIsTakenInTheNextGroupsInOrderOfArrivalAtMostMaxGroupAtATime() throws Exception {
        CompletableFuture<String> holding = submitAsync("event", "hold");
        await().atMost(30, TimeUnit.SECONDS).until(() -> !groups.isEmpty());
        List<CompletableFuture<String>> followers = new ArrayList<>();
        for (String item : List.of("1", "2", "3", "4", "5")) {
            followers.add(submitAsync("event", item));
            int queued = followers.size();
            // One at a time, so that the order of arrival is known.
            await().atMost(30, TimeUnit.SECONDS).until(() -> commit.queued("event") == queued);
        }
        // Another event is not held up by this one.
        assertThat(commit.submit("other", "x")).isEqualTo("other:x");

        release.countDown();

        assertThat(holding.get(30, TimeUnit.SECONDS)).isEqualTo("event:hold");
        for (int i = 0; i < followers.size(); i++) {
            assertThat(followers.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("event:" + (i + 1));
        }
        assertThat(groups).containsExactly(List.of("hold"), List.of("x"), List.of("1", "2", "3"), List.of("4", "5"));
        assertThat(commit.queued("event")).isZero();
    }

    @Test
    void aFailingGroupFailsItsOwnMembersOnlyAndTheNextGroupRuns() throws Exception {
        CompletableFuture<String> holding = submitAsync("event", "hold");
        await().atMost(30, TimeUnit.SECONDS).until(() -> !groups.isEmpty());
        CompletableFuture<String> failing = submitAsync("event", "boom");
        await().atMost(30, TimeUnit.SECONDS).until(() -> commit.queued("event") == 1);
        CompletableFuture<String> sameGroup = submitAsync("event", "a");
        await().atMost(30, TimeUnit.SECONDS).until(() -> commit.queued("event") == 2);

        release.countDown();

        assertThat(holding.get(30, TimeUnit.SECONDS)).isEqualTo("event:hold");
        assertThatThrownBy(() -> failing.get(30, TimeUnit.SECONDS)).hasRootCauseMessage("boom");
        assertThatThrownBy(() -> sameGroup.get(30, TimeUnit.SECONDS)).hasRootCauseMessage("boom");
        assertThat(commit.submit("event", "after")).isEqualTo("event:after");
    }

    @Test
    void anOutageFailsEveryoneQueuedBehindItAtOnceAndWhoArrivesAfterTriesAgain() throws Exception {
        CompletableFuture<String> down = submitAsync("event", "down");
        await().atMost(30, TimeUnit.SECONDS).until(() -> !groups.isEmpty());
        List<CompletableFuture<String>> queued = new ArrayList<>();
        for (String item : List.of("1", "2", "3", "4", "5")) {
            queued.add(submitAsync("event", item));
        }
        await().atMost(30, TimeUnit.SECONDS).until(() -> commit.queued("event") == 5);

        release.countDown();

        assertThatThrownBy(() -> down.get(30, TimeUnit.SECONDS)).hasRootCauseMessage("down");
        for (CompletableFuture<String> follower : queued) {
            assertThatThrownBy(() -> follower.get(30, TimeUnit.SECONDS)).hasRootCauseMessage("down");
        }
        assertThat(groups).as("nobody queued ran another group").containsExactly(List.of("down"));
        assertThat(commit.queued("event")).isZero();
        assertThat(commit.submit("event", "after")).isEqualTo("event:after");
    }

    private CompletableFuture<String> submitAsync(String key, String item) {
        return CompletableFuture.supplyAsync(() -> commit.submit(key, item), threads);
    }

    private void awaitRelease() {
        try {
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
