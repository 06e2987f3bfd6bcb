package org.museumevents.starter.messaging;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Retries and dead letters of every Spring Cloud Stream Kafka consumer binding, moved from the binder
 * to the listener container (the binder's documented {@link ListenerContainerWithDlqAndRetryCustomizer})
 * so that a database outage loses no message.
 *
 * <p>The binder retries a failing message {@code max-attempts} times (3, a few seconds) and then
 * dead-letters it, whatever the failure: a message that arrived while the service's database was
 * out of reach for longer than that went to {@code error.<topic>.<group>}, a good message lost to
 * its consumer (a registrant's confirmation never sent, a cancellation never applied). Here:
 *
 * <ul>
 *   <li>a failure caused by the database being out of reach ({@link #isDatabaseOutage},
 *       anywhere in the cause chain: no connection within the pool's timeout, a connection lost or
 *       silent past the socket timeout, a server shutting down or refusing connections, a
 *       transaction that could not begin or end) is retried for as long as it lasts, the same record, backing off from the
 *       binding's {@code back-off-initial-interval} to {@link #LONGEST_OUTAGE_BACK_OFF}; the
 *       partition waits behind it, so order holds, and the consumer keeps polling between attempts
 *       (Spring Kafka's {@link DefaultErrorHandler} seeks back), so it stays in its group;
 *   <li>any other failure keeps the binding's settings: {@code max-attempts} with its exponential
 *       back-off, {@code retryable-exceptions} (an {@link UnreadableMessage} is not retried, {@link
 *       UnreadableMessagesNotRetried}), then the dead-letter topic when {@code enable-dlq} is set,
 *       same partition number, with the binder's own header names ({@code x-original-topic}, {@code
 *       x-original-partition}, {@code x-original-offset}, {@code x-exception-message}, ...), so what
 *       an operator reads and replays is unchanged (README, "Dead letters"). A dead letter that
 *       cannot be written fails the record again: it is not committed. Only those failures count
 *       against {@code max-attempts}: a message that meets an outage and then fails for a reason
 *       of its own is still given up ({@link #outageOrBounded}).
 * </ul>
 *
 * <p>A binding it cannot serve (fewer than 2 attempts, batch mode, transactions, {@code
 * default-retryable: false}) stops the service at start-up ({@link #requireServable}) rather than
 * lose messages quietly. Not an outage: a statement cancelled by {@code statement_timeout}
 * (57014), which a message can cause by itself; it keeps the binding's attempts.
 *
 * <p>Dead letters are written by a producer of their own, with the application's producer settings
 * and byte serialisers (the binder's records are bytes).
 */
public class ConsumerRetries implements ListenerContainerWithDlqAndRetryCustomizer, DisposableBean {

    /** The longest wait between two attempts at a message while the database is out of reach. */
    static final Duration LONGEST_OUTAGE_BACK_OFF = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(ConsumerRetries.class);

    private final DefaultKafkaProducerFactory<byte[], byte[]> producers;

    private final KafkaOperations<byte[], byte[]> deadLetters;

    /**
     * @param producerConfig the application's producer settings ({@code spring.kafka.producer.*}:
     *     servers, acks, security); dead letters are written by a producer of their own with these
     *     and byte serialisers, closed with the context ({@link #destroy})
     */
    public ConsumerRetries(Map<String, Object> producerConfig) {
        this.producers =
                new DefaultKafkaProducerFactory<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
        this.deadLetters = new KafkaTemplate<>(producers);
    }

    /** Closes the dead letters' producer. */
    @Override
    public void destroy() {
        producers.destroy();
    }

    /** Always {@code false}: the container's error handler set by {@link #configure} does both. */
    @Override
    public boolean retryAndDlqInBinding(String destinationName, String group) {
        return false;
    }

    @Override
    public void configure(
            AbstractMessageListenerContainer<?, ?> container,
            String destinationName,
            String group,
            @Nullable BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
            @Nullable BackOff backOff) {
        configure(container, destinationName, group, dlqDestinationResolver, backOff, null);
    }

    @Override
    public void configure(
            AbstractMessageListenerContainer<?, ?> container,
            String destinationName,
            String group,
            @Nullable BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
            @Nullable BackOff backOff,
            @Nullable ExtendedConsumerProperties<KafkaConsumerProperties> properties) {
        if (properties != null) {
            requireServable(destinationName, properties);
        }
        container.setCommonErrorHandler(errorHandler(
                destinationName, deadLetterTopic(destinationName, group, dlqDestinationResolver), backOff, properties));
    }

    /**
     * The error handler of one binding.
     *
     * @param destinationName the binding's topic, for the log
     * @param dlqDestinationResolver the binder's dead-letter topic and partition for a record; {@code
     *     null} when the binding has no {@code enable-dlq}: the record is then logged and skipped
     * @param backOff the binder's back-off from {@code max-attempts} and the {@code back-off-*}
     *     properties, for failures that are not an outage; {@code null} for no retry
     * @param properties the binding's consumer properties ({@code retryable-exceptions}, {@code
     *     back-off-initial-interval}); {@code null} for none
     */
    DefaultErrorHandler errorHandler(
            String destinationName,
            @Nullable BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
            @Nullable BackOff backOff,
            @Nullable ExtendedConsumerProperties<KafkaConsumerProperties> properties) {
        long firstOutageBackOff = properties == null ? 500 : Math.max(100, properties.getBackOffInitialInterval());
        DefaultErrorHandler handler = new DefaultErrorHandler(
                recoverer(destinationName, dlqDestinationResolver),
                outageOrBounded(backOff == null ? new FixedBackOff(0, 0) : backOff, firstOutageBackOff));
        handler.setRetryListeners(new FailureLog(destinationName));
        if (properties != null) {
            // The binding's retryable-exceptions, as the binder would apply them (they match causes too).
            properties.getRetryableExceptions().forEach((type, retryable) -> {
                if (Exception.class.isAssignableFrom(type)) {
                    if (retryable) {
                        handler.addRetryableExceptions(type.asSubclass(Exception.class));
                    } else {
                        handler.addNotRetryableExceptions(type.asSubclass(Exception.class));
                    }
                }
            });
        }
        return handler;
    }

    /**
     * Refuses, at start-up, a binding whose failures would not reach this handler or whose settings
     * it cannot keep: with {@code max-attempts: 1}, in batch mode or with a transaction manager the
     * binder handles failures itself (its own dead letters, at once: an outage would lose the
     * message); with {@code default-retryable: false} every exception not listed would be given up,
     * an outage included.
     *
     * @throws IllegalStateException naming the binding's topic and the setting
     */
    static void requireServable(
            String destinationName, ExtendedConsumerProperties<KafkaConsumerProperties> properties) {
        String refused = properties.getMaxAttempts() < 2
                ? "max-attempts below 2"
                : properties.isBatchMode()
                        ? "batch mode"
                        : properties.getExtension().getTransactionManager() != null
                                ? "a transaction manager"
                                : !properties.isDefaultRetryable() ? "default-retryable: false" : null;
        if (refused != null) {
            throw new IllegalStateException("The consumer binding of " + destinationName + " has " + refused
                    + ": the starter's ConsumerRetries (which keeps a message through a database outage) cannot"
                    + " serve it; list the exceptions not to retry under retryable-exceptions instead, or define"
                    + " a ListenerContainerCustomizer of the service's own");
        }
    }

    /**
     * Whether the failure that the container's retry listeners were last told of, on this consumer
     * thread, was an outage: {@link FailureLog#failedDelivery} sets it and the back-off reads it next,
     * on the same thread (Spring Kafka's FailedRecordTracker calls the listeners, then the back-off).
     */
    private static final ThreadLocal<Boolean> LAST_FAILURE_WAS_OUTAGE = ThreadLocal.withInitial(() -> false);

    /**
     * One back-off for every failure of a record, with two budgets: while the failures are an outage,
     * {@link #outageBackOff} (no end); otherwise {@code bounded} (the binding's), which counts only
     * those failures. Chosen at each failure, not once at the first: a message first consumed during
     * an outage and then refused for a reason of its own is given up after the binding's attempts,
     * and one refused once and then caught by an outage waits for the database. (Spring Kafka's own
     * switch, a new back-off when the exception's class changes, never sees a change here: the
     * binder wraps every failure in the same MessageHandlingException.)
     */
    static BackOff outageOrBounded(BackOff bounded, long firstOutageMillis) {
        return () -> {
            BackOffExecution otherwise = bounded.start();
            BackOffExecution outage = outageBackOff(firstOutageMillis).start();
            return () -> LAST_FAILURE_WAS_OUTAGE.get() ? outage.nextBackOff() : otherwise.nextBackOff();
        };
    }

    /**
     * The binder's dead-letter topic and partition for a record, with its default name where the
     * binding sets no {@code dlq-name}: the binder's resolver then answers a {@code null} topic (its
     * own DLQ handler names the topic elsewhere), so the name is {@code error.<topic>.<group>} as the
     * binder's, and the partition the binder's (the record's, or 0 with {@code dlq-partitions: 1}).
     */
    static @Nullable BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> deadLetterTopic(
            String destinationName,
            String group,
            @Nullable BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> binderResolver) {
        if (binderResolver == null) {
            return null;
        }
        String defaultName = "error." + destinationName + "." + group;
        return (record, failure) -> {
            TopicPartition resolved = binderResolver.apply(record, failure);
            return resolved.topic() == null ? new TopicPartition(defaultName, resolved.partition()) : resolved;
        };
    }

    /**
     * Logs each failed attempt at a message: while the database is out of reach, one line with the
     * failure's class (an outage can last, and every service's health and 503s already say it);
     * otherwise the failure in full, as the binder logged it, so the log says why (the drivers keep
     * the rows' values out of the messages: {@code logServerErrorDetail=false}); and a dead letter.
     */
    record FailureLog(String destinationName) implements RetryListener {

        @Override
        public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int deliveryAttempt) {
            Optional<Throwable> outage = outage(failure);
            LAST_FAILURE_WAS_OUTAGE.set(outage.isPresent());
            if (outage.isPresent()) {
                log.warn(
                        "A message from {}-{}@{} waits for the database (attempt {}): {}",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        deliveryAttempt,
                        outage.get().getClass().getName());
            } else {
                log.warn(
                        "A message from {}-{}@{} failed (attempt {})",
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        deliveryAttempt,
                        failure);
            }
        }

        @Override
        public void recovered(ConsumerRecord<?, ?> record, Exception failure) {
            log.error(
                    "A message from {}-{}@{} was given up after its last attempt: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    failure.getClass().getName());
        }
    }

    /** Whether the database being out of reach caused {@code failure}, anywhere in its cause chain. */
    static boolean isDatabaseOutage(@Nullable Throwable failure) {
        return outage(failure).isPresent();
    }

    /**
     * PostgreSQL's SQLStates that say the server, not the statement, is the trouble (PostgreSQL
     * documentation, appendix A): besides class 08 (connection exception), admin, crash and
     * start-up shutdowns (57P01-57P03), too many connections (53300), and a read-only transaction
     * (25006: a primary demoted by a fail-over, still reached at its address).
     */
    private static final Set<String> OUTAGE_STATES = Set.of("57P01", "57P02", "57P03", "53300", "25006");

    /**
     * The first exception in {@code failure}'s cause chain that says the database is out of reach:
     * no connection from the pool, a transaction that could not begin or end, or a driver error with
     * an outage's SQLState ({@link #OUTAGE_STATES}, class 08). Not every {@code
     * DataAccessResourceFailureException} (the HTTP side's 503): Spring also gives that class to
     * errors a message can cause by itself (54000, a value too large for an index; 53200, out of
     * memory), which would block the partition for ever.
     */
    private static Optional<Throwable> outage(@Nullable Throwable failure) {
        for (Throwable cause = failure, seen = null;
                cause != null && cause != seen;
                seen = cause, cause = cause.getCause()) {
            if (cause instanceof CannotGetJdbcConnectionException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof TransactionSystemException) {
                return Optional.of(cause);
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || OUTAGE_STATES.contains(state)) {
                    return Optional.of(cause);
                }
            }
        }
        return Optional.empty();
    }

    /** No limit on attempts or time: from {@code initialMillis}, doubling, up to {@link #LONGEST_OUTAGE_BACK_OFF}. */
    static BackOff outageBackOff(long initialMillis) {
        ExponentialBackOff backOff = new ExponentialBackOff(initialMillis, 2.0);
        backOff.setMaxInterval(LONGEST_OUTAGE_BACK_OFF.toMillis());
        return backOff;
    }

    private ConsumerRecordRecoverer recoverer(
            String destinationName,
            @Nullable BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver) {
        if (dlqDestinationResolver == null) {
            return (record, failure) -> log.error(
                    "A message from {} partition {} offset {} failed and is skipped (no dead-letter topic): {}",
                    destinationName,
                    record.partition(),
                    record.offset(),
                    failure.getClass().getName());
        }
        DeadLetterPublishingRecoverer recoverer =
                new DeadLetterPublishingRecoverer(deadLetters, dlqDestinationResolver);
        recoverer.setHeaderNamesSupplier(ConsumerRetries::binderHeaderNames);
        return recoverer;
    }

    /** The Kafka binder's own dead-letter header names, so dead letters read as they always have. */
    static HeaderNames binderHeaderNames() {
        return HeaderNames.Builder.original()
                .offsetHeader(KafkaMessageChannelBinder.X_ORIGINAL_OFFSET)
                .timestampHeader(KafkaMessageChannelBinder.X_ORIGINAL_TIMESTAMP)
                .timestampTypeHeader(KafkaMessageChannelBinder.X_ORIGINAL_TIMESTAMP_TYPE)
                .topicHeader(KafkaMessageChannelBinder.X_ORIGINAL_TOPIC)
                .partitionHeader(KafkaMessageChannelBinder.X_ORIGINAL_PARTITION)
                .consumerGroupHeader("x-original-consumer-group")
                .exception()
                .keyExceptionFqcn("x-key-exception-fqcn")
                .exceptionFqcn(KafkaMessageChannelBinder.X_EXCEPTION_FQCN)
                .exceptionCauseFqcn("x-exception-cause-fqcn")
                .keyExceptionMessage("x-key-exception-message")
                .exceptionMessage(KafkaMessageChannelBinder.X_EXCEPTION_MESSAGE)
                .keyExceptionStacktrace("x-key-exception-stacktrace")
                .exceptionStacktrace(KafkaMessageChannelBinder.X_EXCEPTION_STACKTRACE)
                .build();
    }
}
