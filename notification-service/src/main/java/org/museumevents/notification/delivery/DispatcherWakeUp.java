package org.museumevents.notification.delivery;

import java.time.Duration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wakes this instance's {@link Dispatcher} when there is work, so that an email goes out as soon
 * as it is due rather than on the next poll (issue 13). {@link NotificationRepository#schedule}
 * calls {@link #afterCommit()} for every email it adds; whoever else makes an email due at once
 * may call it too. Another instance's emails are found by the dispatcher's fallback poll
 * ({@code notification.delivery.poll-interval}).
 *
 * <p>Thread-safe. Signals do not accumulate: any number of them before the dispatcher looks again
 * wake it once, and it then claims until a batch comes back short.
 */
@Component
public class DispatcherWakeUp {

    /** Marks the transactions that already wake the dispatcher when they commit. */
    private static final Object REGISTERED = new Object();

    private final Object monitor = new Object();
    private boolean signalled;

    /**
     * Wakes the dispatcher once the current transaction commits (and not at all if it rolls
     * back: nothing new is due then); at once when called outside a transaction. One wake-up per
     * transaction however often it is called in it.
     */
    public void afterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            wake();
            return;
        }
        if (TransactionSynchronizationManager.hasResource(REGISTERED)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(REGISTERED, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                wake();
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(REGISTERED);
            }
        });
    }

    /** Wakes the dispatcher now. */
    public void wake() {
        synchronized (monitor) {
            signalled = true;
            monitor.notifyAll();
        }
    }

    /**
     * Waits until woken or until {@code timeout} has passed, whichever comes first; returns at
     * once if woken since the last wait. Used by the dispatcher's thread.
     *
     * @return whether it was woken (false: the time ran out)
     * @throws InterruptedException when the thread is interrupted (the service stops)
     */
    boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        synchronized (monitor) {
            while (!signalled) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(monitor, left);
            }
            signalled = false;
            return true;
        }
    }
}
