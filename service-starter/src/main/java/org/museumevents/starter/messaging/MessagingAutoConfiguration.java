package org.museumevents.starter.messaging;

import java.time.Clock;
import org.museumevents.starter.ServiceAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ProducerFactory;

/**
 * {@link ProcessedMessages} for a service with a database, and, for a service with Spring Cloud
 * Stream's Kafka binder, the {@link ConsumerRetries} of its consumer bindings.
 */
@AutoConfiguration(
        after = {JdbcClientAutoConfiguration.class, ServiceAutoConfiguration.class, KafkaAutoConfiguration.class})
@ConditionalOnBean(JdbcClient.class)
public class MessagingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ProcessedMessages processedMessages(JdbcClient jdbc, Clock clock) {
        return new ProcessedMessages(jdbc, clock);
    }

    /** Only where the binder is, and no service has its own container customizer (the binder takes one). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ListenerContainerWithDlqAndRetryCustomizer.class)
    @ConditionalOnBean(ProducerFactory.class)
    static class ConsumerRetriesConfiguration {

        @Bean
        @ConditionalOnMissingBean(ListenerContainerCustomizer.class)
        ConsumerRetries consumerRetries(ProducerFactory<?, ?> producers) {
            return new ConsumerRetries(producers.getConfigurationProperties());
        }
    }
}
