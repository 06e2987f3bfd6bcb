package org.museumevents.starter.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import org.museumevents.starter.problem.ProblemHandling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.KafkaMessageChannelBinder;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.BackOff;
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
 *   <li>a failure caused by the database being out of reach ({@link
 *       ProblemHandling#isDatabaseOutage}, anywhere in the cause chain: no connection within the
 *       pool's timeout, a connection lost or silent past the socket timeout, a transaction that could
 *       not begin or end) is retried for as long as it lasts, the same record, backing off from the
 *       binding's {@code back-off-initial-interval} to {@link #LONGEST_OUTAGE_BACK_OFF}; the
 *       partition waits behind it, so order holds, and the consumer keeps polling between attempts
 *       (Spring Kafka's {@link DefaultErrorHandler} seeks back), so it stays in its group;
 *   <li>any other failure keeps the binding's settings: {@code max-attempts} with its exponential
 *       back-off, {@code retryable-exceptions} (an {@link UnreadableMessage} is not retried, {@link
 *       UnreadableMessagesNotRetried}), then the dead-letter topic when {@code enable-dlq} is set,
 *       same partition number, with the binder's own header names ({@code x-original-topic}, {@code
 *       x-original-partition}, {@code x-original-offset}, {@code x-exception-message}, ...), so what
 *       an operator reads and replays is unchanged (README, "Dead letters"). A dead letter that
 *       cannot be written fails the record again: it is not committed.
 * </ul>
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
     *     properties; {@code null} when {@code max-attempts} is 1
     * @param properties the binding's consumer properties ({@code retryable-exceptions}, {@code
     *     default-retryable}, {@code back-off-initial-interval}); {@code null} for none
     */
    DefaultErrorHandler errorHandler(
            String destinationName,
            @Nullable BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
            @Nullable BackOff backOff,
            @Nullable ExtendedConsumerProperties<KafkaConsumerProperties> properties) {
        DefaultErrorHandler handler = new DefaultErrorHandler(
                recoverer(destinationName, dlqDestinationResolver), backOff == null ? new FixedBackOff(0, 0) : backOff);
        long firstOutageBackOff = properties == null ? 500 : Math.max(100, properties.getBackOffInitialInterval());
        handler.setBackOffFunction(
                (record, failure) -> isDatabaseOutage(failure) ? outageBackOff(firstOutageBackOff) : null);
        handler.setRetryListeners(new FailureLog(destinationName));
        // A record that failed for one reason and then for another starts its attempts again with
        // the back-off of the new failure (an outage after a bug, a bug after an outage).
        handler.setResetStateOnExceptionChange(true);
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
            if (!properties.isDefaultRetryable()) {
                handler.defaultFalse();
                handler.addRetryableExceptions(ProblemHandling.DATABASE_OUTAGES.toArray(Class[]::new));
            }
        }
        return handler;
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
    private record FailureLog(String destinationName) implements RetryListener {

        @Override
        public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int deliveryAttempt) {
            Optional<Throwable> outage = outage(failure);
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

    /** The first exception in {@code failure}'s cause chain that says the database is out of reach. */
    private static Optional<Throwable> outage(@Nullable Throwable failure) {
        for (Throwable cause = failure, seen = null;
                cause != null && cause != seen;
                seen = cause, cause = cause.getCause()) {
            if (ProblemHandling.isDatabaseOutage(cause)) {
                return Optional.of(cause);
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
