package org.museumevents.starter.messaging;

import java.time.Clock;
import org.museumevents.starter.ServiceAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link ProcessedMessages} for a service with a database. */
@AutoConfiguration(after = {JdbcClientAutoConfiguration.class, ServiceAutoConfiguration.class})
@ConditionalOnBean(JdbcClient.class)
public class MessagingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ProcessedMessages processedMessages(JdbcClient jdbc, Clock clock) {
        return new ProcessedMessages(jdbc, clock);
    }
}
