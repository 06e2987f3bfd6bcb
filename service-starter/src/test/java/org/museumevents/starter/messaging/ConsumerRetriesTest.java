package org.museumevents.starter.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.stream.binder.ExtendedConsumerProperties;
import org.springframework.cloud.stream.binder.kafka.properties.KafkaConsumerProperties;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.messaging.MessagingException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.FixedBackOff;

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
        // The driver's SQLState decides for what Spring calls a resource failure (PostgreSQL, appendix A).
        assertThat(ConsumerRetries.isDatabaseOutage(
                        new DataAccessResourceFailureException("I/O error", new SQLException("io", "08006"))))
                .as("connection failure")
                .isTrue();
        assertThat(ConsumerRetries.isDatabaseOutage(
                        new DataAccessResourceFailureException("shutdown", new SQLException("admin", "57P01"))))
                .as("admin shutdown")
                .isTrue();
        assertThat(ConsumerRetries.isDatabaseOutage(
                        new UncategorizedSQLException("insert", "INSERT", new SQLException("read only", "25006"))))
                .as("a demoted primary")
                .isTrue();
        assertThat(ConsumerRetries.isDatabaseOutage(new DataAccessResourceFailureException(
                        "index row too large", new SQLException("too large", "54000"))))
                .as("a value of the message's own, too large for an index")
                .isFalse();
        assertThat(ConsumerRetries.isDatabaseOutage(
                        new QueryTimeoutException("cancelled", new SQLException("timeout", "57014"))))
                .as("statement_timeout, which a message can cause by itself")
                .isFalse();
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
    void aMessageCaughtByAnOutageIsStillGivenUpAfterTheBindingsAttemptsForAReasonOfItsOwn() {
        // As Spring Kafka's FailedRecordTracker does at each failure: the retry listeners, then the back-off.
        ConsumerRetries.FailureLog listener = new ConsumerRetries.FailureLog("registration.events");
        BackOffExecution backOff =
                ConsumerRetries.outageOrBounded(new FixedBackOff(10, 2), 500).start();
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("registration.events", 0, 7L, null, null);
        Exception outage = asTheBinderWrapsIt(new CannotCreateTransactionException("no connection"));
        Exception ownFault = asTheBinderWrapsIt(new DataIntegrityViolationException("name is null"));

        for (int attempt = 1; attempt <= 20; attempt++) {
            listener.failedDelivery(record, outage, attempt);
            assertThat(backOff.nextBackOff()).as("outage, attempt %d", attempt).isPositive();
        }
        listener.failedDelivery(record, ownFault, 21);
        assertThat(backOff.nextBackOff()).isEqualTo(10);
        listener.failedDelivery(record, outage, 22);
        assertThat(backOff.nextBackOff()).as("an outage again").isEqualTo(5_000);
        listener.failedDelivery(record, ownFault, 23);
        assertThat(backOff.nextBackOff()).isEqualTo(10);
        listener.failedDelivery(record, ownFault, 24);
        assertThat(backOff.nextBackOff())
                .as("its own fault, 3 attempts in all: given up")
                .isEqualTo(BackOffExecution.STOP);
    }

    @Test
    void aBindingItCannotServeStopsTheServiceAtStartUp() {
        assertThat(refusal(binding -> binding.setMaxAttempts(1))).contains("max-attempts below 2");
        assertThat(refusal(binding -> binding.setBatchMode(true))).contains("batch mode");
        assertThat(refusal(binding -> binding.setDefaultRetryable(false))).contains("default-retryable: false");
        assertThat(refusal(binding -> {})).isNull();
    }

    /** The start-up refusal of a binding set by {@code settings}, or null when it is served. */
    private static String refusal(Consumer<ExtendedConsumerProperties<KafkaConsumerProperties>> settings) {
        ExtendedConsumerProperties<KafkaConsumerProperties> binding =
                new ExtendedConsumerProperties<>(new KafkaConsumerProperties());
        settings.accept(binding);
        try {
            ConsumerRetries.requireServable("catalog.events", binding);
            return null;
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    private static Exception asTheBinderWrapsIt(Exception failure) {
        return new ListenerExecutionFailedException(
                "Listener failed", new MessagingException("handler failed", failure));
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
