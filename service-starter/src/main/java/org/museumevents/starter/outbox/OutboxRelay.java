package org.museumevents.starter.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.museumevents.starter.ServiceSettings;
import org.museumevents.starter.tracing.TraceContexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Sends the outbox to Kafka in order, with a plain {@link KafkaTemplate}: StreamBridge's dynamic
 * binding, provisioned on first send, was left without a subscriber when that first send met a
 * broker outage (seen in catalog-service's BrokerOutageTest), and the relay must survive exactly
 * that.
 *
 * <p><b>When it runs.</b> On a thread of its own ({@code outbox-relay}), so that it neither waits for
 * nor holds up the service's other scheduled work. It runs when woken ({@link #wake()}: the {@link
 * Outbox} writer wakes it after each commit that wrote a message, see {@link Outbox#wakeRelay()}),
 * and every {@code <prefix>.outbox.relay-interval} as the fallback for what no wake announced
 * (another instance's writes while this one was down, the end of an outage). Wakes coalesce: any
 * number of them while a run is under way cause one more run right after it, so a wake is never
 * lost and never queues up.
 *
 * <p><b>One instance at a time.</b> A run holds a ShedLock row named by {@link
 * ServiceSettings#outboxLockName()}, so that messages of one key keep their order. A run that
 * finds the lock taken by another instance tries again after 50 ms, then 100, 200, ... up to one
 * relay interval, until it gets it: the holder may have read its last batch before this instance's
 * message committed. Each instance's writers wake their own instance, which is how a message
 * written on any instance leaves at once. PostgreSQL's {@code LISTEN/NOTIFY} was considered for
 * that and rejected: a {@code NOTIFY} in the writers' transactions takes a lock at commit that
 * serialises every notifying transaction of the database (the registration burst is exactly many
 * such transactions), and the relay side has nobody else to notify.
 *
 * <p><b>How a run sends.</b> It reads a batch of up to {@code <prefix>.outbox.batch-size} unsent
 * messages in outbox order, hands all of them to the producer without waiting, then waits for the
 * acknowledgements in order and marks the acknowledged ones sent with one statement. While
 * batches come back full it reads the next one under the same lock, as long as that lock is sure to
 * be held ({@code <prefix>.outbox.lock-at-most-for}, less two send timeouts), and otherwise runs
 * again right after releasing it. Order per key holds because the producer keeps it (idempotent,
 * {@code acks=all}, at most 5 requests in flight: checked when the relay is created, see {@link
 * #requireOrderedProducer}), and because on a failure only the messages acknowledged before the
 * first failure in outbox order are marked: the failed one and all after it are sent again on the
 * next run, after the first failure's message. Then the relay pauses one relay interval (wakes in
 * the meantime wait for the end of the pause), so a Kafka outage delays messages and loses none. A
 * crash between send and mark resends too: consumers are idempotent on the message id.
 *
 * <p>What this cannot order: a message that Kafka refuses on its own (larger than the broker's
 * {@code message.max.bytes}, say) while later messages of the same partition, already handed to
 * the producer, are accepted. Those later ones then reach consumers before it, and it blocks the
 * outbox until an operator fixes it, as it did when messages were sent one at a time. A failure the
 * producer reports before accepting the record (too large for {@code max.request.size}, no
 * metadata within {@code max.block.ms}) stops the batch before anything after it is handed over.
 *
 * <p>Each record: the JSON value, the key, and the CloudEvents attributes as plain UTF-8 headers
 * (CloudEvents Kafka protocol binding, binary mode: {@code ce_id}, {@code ce_type}, {@code
 * ce_source}, {@code ce_time}, {@code ce_specversion}), plus the {@code traceparent} of the request
 * that wrote the message.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** The first wait before trying the lock again when another instance holds it; doubles up to one interval. */
    private static final Duration FIRST_LOCK_RETRY = Duration.ofMillis(50);

    private final JdbcClient jdbc;
    private final KafkaTemplate<byte[], byte[]> kafka;
    private final LockingTaskExecutor locks;
    private final ServiceSettings settings;

    // All of the below under "this".
    private ScheduledExecutorService executor;
    /** A wake (or poll) arrived that no run has started on yet. */
    private boolean requested;
    /** A run is scheduled and has not started. */
    private ScheduledFuture<?> scheduled;
    /** A run is under way. */
    private boolean running;
    /** After a failure, no run starts before this System.nanoTime(). */
    private long pausedUntil;
    /** How long to wait before trying a lock held by another instance again. */
    private Duration lockRetry = FIRST_LOCK_RETRY;

    /**
     * @param jdbc the service's database, with the {@code outbox} table (see {@link Outbox})
     * @param kafka the producer; it must keep order per key (see {@link #requireOrderedProducer})
     * @param locks takes the ShedLock row {@link ServiceSettings#outboxLockName()}
     * @param settings {@code <prefix>.outbox.*}
     * @throws IllegalStateException when {@code kafka}'s producer could reorder a key's messages
     */
    public OutboxRelay(
            JdbcClient jdbc, KafkaTemplate<byte[], byte[]> kafka, LockingTaskExecutor locks, ServiceSettings settings) {
        requireOrderedProducer(kafka.getProducerFactory().getConfigurationProperties());
        this.jdbc = jdbc;
        this.kafka = kafka;
        this.locks = locks;
        this.settings = settings;
    }

    /**
     * Refuses a producer configuration under which records handed over without waiting could
     * reach a partition out of order, or be lost after a leader change: the relay relies on
     * Kafka's idempotent producer (sequence numbers per partition, {@code enable.idempotence}, the
     * default since Kafka 3.0), which keeps order with at most 5 requests in flight per connection,
     * and on {@code acks=all}. Unset properties take Kafka's defaults, which satisfy all three.
     *
     * @param producer the producer factory's configuration properties
     * @throws IllegalStateException naming the property that breaks the order
     */
    static void requireOrderedProducer(Map<String, Object> producer) {
        Object idempotence = producer.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG);
        if (idempotence != null && !Boolean.parseBoolean(idempotence.toString())) {
            throw new IllegalStateException(
                    "The outbox relay needs an idempotent producer: do not set enable.idempotence=false");
        }
        Object acks = producer.get(ProducerConfig.ACKS_CONFIG);
        if (acks != null && !"all".equals(acks.toString()) && !"-1".equals(acks.toString())) {
            throw new IllegalStateException("The outbox relay needs acks=all, not acks=" + acks);
        }
        Object inFlight = producer.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
        if (inFlight != null && Integer.parseInt(inFlight.toString()) > 5) {
            throw new IllegalStateException(
                    "The outbox relay keeps order with max.in.flight.requests.per.connection at most 5, not "
                            + inFlight);
        }
    }

    /**
     * Asks for a run as soon as possible: now, right after the run under way, or at the end of a
     * pause after a failure. Returns at once (never waits for the run, never throws); any number of
     * wakes before a run starts cause that one run. Safe from any thread. Writers that insert into
     * the outbox with their own SQL call it after their statement or transaction has committed, or
     * let {@link Outbox#wakeRelay()} do it.
     */
    public void wake() {
        synchronized (this) {
            requested = true;
            if (executor != null && !running && scheduled == null) {
                schedule(Math.max(0, pausedUntil - System.nanoTime()));
            }
        }
    }

    /**
     * One run on the calling thread, when no other instance holds the relay's lock; skipped
     * otherwise. Sends batch after batch while they come back full (see the class description).
     */
    public void relayUnderLock() {
        run();
    }

    private enum Outcome {
        /** Everything read was sent, and the last batch was not full. */
        DONE,
        /** The lock's time ran short while batches were still full: run again at once. */
        MORE,
        /** A send or the database failed: pause one interval. */
        FAILED,
        /** Another instance holds the lock. */
        LOCKED
    }

    private Outcome run() {
        Instant start = Instant.now();
        Duration lockAtMostFor = settings.outbox().lockAtMostFor();
        try {
            Instant stopBy = start.plus(lockAtMostFor)
                    .minus(settings.outbox().sendTimeout().multipliedBy(2));
            LockingTaskExecutor.TaskResult<Outcome> result = locks.executeWithLock(
                    (LockingTaskExecutor.TaskWithResult<Outcome>) () -> relay(stopBy),
                    new LockConfiguration(start, settings.outboxLockName(), lockAtMostFor, Duration.ZERO));
            return result.wasExecuted() ? result.getResult() : Outcome.LOCKED;
        } catch (Throwable e) { // executeWithLock declares Throwable
            if (e instanceof Error error) {
                throw error;
            }
            log.warn("Outbox relay paused: {}; will retry", e.toString());
            return Outcome.FAILED;
        }
    }

    // Wall-clock time, not the service's Clock: a test's fixed clock must not freeze the lock or the marks.

    /** Sends batches until one is not full, or until {@code stopBy} has passed. */
    private Outcome relay(Instant stopBy) {
        while (true) {
            Batch batch = relayBatch();
            if (batch.failed()) {
                return Outcome.FAILED;
            }
            if (!batch.full()) {
                return Outcome.DONE;
            }
            if (Instant.now().isAfter(stopBy)) {
                return Outcome.MORE;
            }
        }
    }

    private record Batch(boolean full, boolean failed) {}

    /** Sends one batch of unsent messages, oldest first, and marks those acknowledged before any failure. */
    private Batch relayBatch() {
        int batchSize = settings.outbox().batchSize();
        List<Pending> batch = jdbc.sql(
                        """
                        SELECT id, message_id, destination, message_key, type, payload, occurred_at, traceparent
                        FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT :limit
                        """)
                .param("limit", batchSize)
                .query((rs, n) -> new Pending(
                        rs.getLong("id"),
                        rs.getObject("message_id", UUID.class),
                        rs.getString("destination"),
                        rs.getString("message_key"),
                        rs.getString("type"),
                        rs.getString("payload"),
                        rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("traceparent")))
                .list();
        List<CompletableFuture<SendResult<byte[], byte[]>>> sends = new ArrayList<>(batch.size());
        AtomicBoolean failed = new AtomicBoolean();
        String source = settings.messageSource();
        for (Pending pending : batch) {
            if (failed.get()) {
                break; // nothing after a failure is handed over: it would overtake the retry
            }
            CompletableFuture<SendResult<byte[], byte[]>> send;
            try {
                send = kafka.send(pending.toRecord(source));
            } catch (RuntimeException e) {
                send = CompletableFuture.failedFuture(e);
            }
            send.whenComplete((result, error) -> {
                if (error != null) {
                    failed.set(true);
                }
            });
            sends.add(send);
        }
        List<Long> acked = new ArrayList<>(sends.size());
        long deadline = System.nanoTime() + settings.outbox().sendTimeout().toNanos();
        for (int i = 0; i < sends.size(); i++) {
            Pending pending = batch.get(i);
            try {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acked.add(pending.id());
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                log.warn(
                        "Outbox relay paused: could not send message {} to {} ({}); will retry",
                        pending.messageId(),
                        pending.destination(),
                        cause.toString());
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        markSent(acked);
        return new Batch(batch.size() == batchSize, acked.size() < batch.size());
    }

    /**
     * By id, not by range: ids between two of a batch may belong to rows that committed after the
     * batch was read, and were not sent.
     */
    private void markSent(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE outbox SET published_at = :now WHERE id = ANY(:ids)")
                .param("now", Timestamp.from(Instant.now()))
                .param("ids", ids.toArray(Long[]::new))
                .update();
    }

    /** Runs {@link #run()} on the relay's thread after {@code delayNanos}. Under "this". */
    private void schedule(long delayNanos) {
        scheduled = executor.schedule(this::runScheduled, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void runScheduled() {
        synchronized (this) {
            scheduled = null;
            running = true;
            requested = false;
        }
        Outcome outcome = Outcome.FAILED;
        try {
            outcome = run();
        } catch (RuntimeException e) {
            log.warn("Outbox relay paused: {}; will retry", e.toString());
        } finally {
            afterRun(outcome);
        }
    }

    private synchronized void afterRun(Outcome outcome) {
        running = false;
        if (executor == null || executor.isShutdown()) {
            return;
        }
        long now = System.nanoTime();
        switch (outcome) {
            case DONE -> {
                lockRetry = FIRST_LOCK_RETRY;
                if (requested) {
                    schedule(0);
                }
            }
            case MORE -> {
                lockRetry = FIRST_LOCK_RETRY;
                schedule(0);
            }
            case FAILED -> {
                lockRetry = FIRST_LOCK_RETRY;
                pausedUntil = now + settings.outbox().relayInterval().toNanos();
                if (requested) {
                    schedule(pausedUntil - now);
                }
            }
            case LOCKED -> {
                schedule(lockRetry.toNanos());
                Duration doubled = lockRetry.multipliedBy(2);
                Duration interval = settings.outbox().relayInterval();
                lockRetry = doubled.compareTo(interval) > 0 ? interval : doubled;
            }
        }
    }

    /**
     * Starts the relay's thread and its poll, every {@code <prefix>.outbox.relay-interval}; the first
     * poll after one interval (the application is started by then). Wakes that came before start
     * are served at once.
     */
    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        ScheduledThreadPoolExecutor relayThread = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        // On stop, a pending retry or pause is dropped, not waited for.
        relayThread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor = relayThread;
        long interval = settings.outbox().relayInterval().toNanos();
        executor.scheduleWithFixedDelay(this::wake, interval, interval, TimeUnit.NANOSECONDS);
        if (requested) {
            schedule(0);
        }
    }

    /** Stops waking and polling, and waits up to one send timeout for the run under way. */
    @Override
    public void stop() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = executor;
            executor = null;
            scheduled = null;
        }
        if (stopping == null) {
            return;
        }
        stopping.shutdown();
        try {
            if (!stopping.awaitTermination(settings.outbox().sendTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                stopping.shutdownNow();
            }
        } catch (InterruptedException e) {
            stopping.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    private record Pending(
            long id,
            UUID messageId,
            String destination,
            String key,
            String type,
            String payload,
            Instant occurredAt,
            String traceparent) {

        ProducerRecord<byte[], byte[]> toRecord(String source) {
            ProducerRecord<byte[], byte[]> record =
                    new ProducerRecord<>(destination, bytes(key), payload.getBytes(StandardCharsets.UTF_8));
            record.headers()
                    .add(new RecordHeader("content-type", bytes("application/json")))
                    .add(new RecordHeader("ce_specversion", bytes("1.0")))
                    .add(new RecordHeader("ce_id", bytes(messageId.toString())))
                    .add(new RecordHeader("ce_type", bytes(type)))
                    .add(new RecordHeader("ce_source", bytes(source)))
                    .add(new RecordHeader("ce_time", bytes(occurredAt.toString())));
            if (traceparent != null) {
                record.headers().add(new RecordHeader(TraceContexts.TRACEPARENT, bytes(traceparent)));
            }
            return record;
        }

        private static byte[] bytes(String value) {
            return value.getBytes(StandardCharsets.UTF_8);
        }
    }
}
