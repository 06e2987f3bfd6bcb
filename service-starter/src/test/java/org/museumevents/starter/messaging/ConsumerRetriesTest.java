package org.museumevents.starter.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.messaging.MessagingException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOffExecution;

/**
 * The decisions of {@link ConsumerRetries}, without a broker. That a message survives a real
 * outage is proven on the real servers: registration-service's and notification-service's {@code
 * DatabaseOutageTest}; that poison still goes to the dead-letter topic, with the binder's headers,
 * by notification-service's {@code DeadLettersTest} and local-platform's {@code
 * PoisonMessageFaultTest}.
 */
class ConsumerRetriesTest {

    private final ConsumerRetries retries = new ConsumerRetries(Map.of("bootstrap.servers", "localhost:1"));

    @AfterEach
    void close() {
        retries.destroy();
    }

    @Test
    void anOutageIsFoundWhereverTheBinderAndTheContainerWrapIt() {
        Exception noConnection =
                new CannotCreateTransactionException("no connection", new SQLTransientConnectionException("timeout"));
        Exception asTheContainerHandsIt = new ListenerExecutionFailedException(
                "Listener failed", new MessagingException("handler failed", noConnection));

        assertThat(ConsumerRetries.isDatabaseOutage(asTheContainerHandsIt)).isTrue();
        assertThat(ConsumerRetries.isDatabaseOutage(new CannotGetJdbcConnectionException("pool")))
                .isTrue();
        assertThat(ConsumerRetries.isDatabaseOutage(new ListenerExecutionFailedException(
                        "Listener failed", new DataIntegrityViolationException("name is null"))))
                .as("one statement's failure is not an outage")
                .isFalse();
        assertThat(ConsumerRetries.isDatabaseOutage(null)).isFalse();
    }

    @Test
    void anOutageIsRetriedWithoutEndBackingOffToFiveSeconds() {
        BackOffExecution backOff = ConsumerRetries.outageBackOff(500).start();
        long[] waits = new long[1_000];
        for (int i = 0; i < waits.length; i++) {
            waits[i] = backOff.nextBackOff();
        }

        assertThat(waits[0]).isEqualTo(500);
        assertThat(waits[1]).isEqualTo(1_000);
        assertThat(java.util.Arrays.stream(waits)).allMatch(wait -> wait > 0 && wait <= 5_000); // never STOP (-1)
        assertThat(waits[999]).isEqualTo(5_000);
    }

    @Test
    void deadLettersGoWhereTheBinderSendsThem() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("registration.events", 2, 41L, null, null);

        // No dlq-name: the binder's resolver has no topic, its DLQ handler names it error.<topic>.<group>.
        assertThat(ConsumerRetries.deadLetterTopic(
                                "registration.events",
                                "notification-service",
                                (r, e) -> new TopicPartition(null, r.partition()))
                        .apply(record, new IllegalStateException()))
                .isEqualTo(new TopicPartition("error.registration.events.notification-service", 2));
        assertThat(ConsumerRetries.deadLetterTopic(
                                "registration.events", "notification-service", (r, e) -> new TopicPartition("mine", 0))
                        .apply(record, new IllegalStateException()))
                .isEqualTo(new TopicPartition("mine", 0));
        assertThat(ConsumerRetries.deadLetterTopic("registration.events", "notification-service", null))
                .as("no enable-dlq")
                .isNull();
    }

    @Test
    void theBindingsRetryableExceptionsStillDecide() {
        ExtendedConsumerProperties<KafkaConsumerProperties> binding =
                new ExtendedConsumerProperties<>(new KafkaConsumerProperties());
        binding.setRetryableExceptions(Map.of(UnreadableMessage.class, false));

        var handler = retries.errorHandler("catalog.events", null, null, binding);

        // The classification the binding asked for is in the handler's classifier (which also
        // matches causes: its default, which DeadLettersTest sees on the real broker).
        assertThat(handler.removeClassification(UnreadableMessage.class))
                .as("an unreadable message is not retried")
                .isFalse();
    }

    @Test
    void withDefaultRetryableFalseAnOutageIsStillRetried() {
        ExtendedConsumerProperties<KafkaConsumerProperties> binding =
                new ExtendedConsumerProperties<>(new KafkaConsumerProperties());
        binding.setDefaultRetryable(false);

        var handler = retries.errorHandler("catalog.events", null, null, binding);

        assertThat(handler.removeClassification(CannotGetJdbcConnectionException.class))
                .isTrue();
        assertThat(handler.removeClassification(CannotCreateTransactionException.class))
                .isTrue();
    }

    @Test
    void deadLettersKeepTheBindersHeaderNames() {
        var names = ConsumerRetries.binderHeaderNames();

        assertThat(names.getOriginal().getTopicHeader()).isEqualTo("x-original-topic");
        assertThat(names.getOriginal().getPartitionHeader()).isEqualTo("x-original-partition");
        assertThat(names.getOriginal().getOffsetHeader()).isEqualTo("x-original-offset");
        assertThat(names.getExceptionInfo().getExceptionMessage()).isEqualTo("x-exception-message");
        assertThat(names.getExceptionInfo().getExceptionFqcn()).isEqualTo("x-exception-fqcn");
    }
}
