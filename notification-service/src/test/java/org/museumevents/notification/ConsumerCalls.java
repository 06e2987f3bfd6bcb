package org.museumevents.notification;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * Counts the calls of the service's two Kafka consumers (the beans {@code catalogEvents} and
 * {@code registrationEvents}) by record key, so that a test can tell how many times the binder
 * delivered one message: once, or once per retry. The consumers themselves run unchanged.
 */
class ConsumerCalls implements BeanPostProcessor {

    private static final Set<String> CONSUMERS = Set.of("catalogEvents", "registrationEvents");

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    @Override
    @SuppressWarnings("unchecked")
    public Object postProcessAfterInitialization(Object bean, String name) {
        if (CONSUMERS.contains(name) && bean instanceof Consumer<?> consumer) {
            return new Counting((Consumer<Message<byte[]>>) consumer, calls);
        }
        return bean;
    }

    /** How many times a consumer was called with a record of this key so far. */
    int of(Object key) {
        AtomicInteger count = calls.get(key.toString());
        return count == null ? 0 : count.get();
    }

    /** Declares its type, so that Spring Cloud Function still hands it the {@code Message<byte[]>}. */
    private record Counting(Consumer<Message<byte[]>> consumer, Map<String, AtomicInteger> calls)
            implements Consumer<Message<byte[]>> {

        @Override
        public void accept(Message<byte[]> message) {
            if (message.getHeaders().get(KafkaHeaders.RECEIVED_KEY) instanceof byte[] key) {
                calls.computeIfAbsent(new String(key, StandardCharsets.UTF_8), k -> new AtomicInteger())
                        .incrementAndGet();
            }
            consumer.accept(message);
        }
    }
}
