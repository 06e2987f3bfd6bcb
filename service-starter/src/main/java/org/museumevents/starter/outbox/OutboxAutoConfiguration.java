package org.museumevents.starter.outbox;

import java.time.Clock;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockProvider;
import org.museumevents.starter.ServiceAutoConfiguration;
import org.museumevents.starter.ServiceSettings;
import org.museumevents.starter.scheduling.SchedulingAutoConfiguration;
import org.museumevents.starter.tracing.TraceContexts;
import org.museumevents.starter.tracing.TracingAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox writer, its relay to Kafka and its backlog gauges, for a service that sets {@code
 * <prefix>.outbox.enabled=true} and has the {@code outbox} table in its schema. The relay's
 * producer is the application's {@code KafkaTemplate}, configured with the standard {@code
 * spring.kafka.producer.*} properties (keys and values as bytes); it must keep order per key
 * (Kafka's defaults do: see {@link OutboxRelay}). The writer wakes the relay after each commit, and
 * a service's own outbox SQL does so with {@link Outbox#wakeRelay()} or {@link OutboxRelay#wake()}.
 */
@AutoConfiguration(
        after = {
            JdbcClientAutoConfiguration.class,
            KafkaAutoConfiguration.class,
            ServiceAutoConfiguration.class,
            SchedulingAutoConfiguration.class,
            TracingAutoConfiguration.class
        })
@ConditionalOnClass(KafkaTemplate.class)
@Conditional(OutboxEnabledCondition.class)
@EnableScheduling
public class OutboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Outbox outbox(JdbcClient jdbc, JsonMapper json, TraceContexts traces, ObjectProvider<OutboxRelay> relay) {
        return new Outbox(jdbc, json, traces, relay.getIfAvailable());
    }

    @Bean
    @ConditionalOnMissingBean
    OutboxRelay outboxRelay(
            JdbcClient jdbc, KafkaTemplate<byte[], byte[]> kafka, LockProvider locks, ServiceSettings settings) {
        return new OutboxRelay(jdbc, kafka, new DefaultLockingTaskExecutor(locks), settings);
    }

    @Bean
    @ConditionalOnMissingBean
    OutboxGauges outboxGauges(JdbcClient jdbc, Clock clock) {
        return new OutboxGauges(jdbc, clock);
    }
}
