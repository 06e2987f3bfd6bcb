package org.museumevents.catalog.messaging;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The topic this service owns, created at start-up when missing (replication: the broker's default). */
@Configuration(proxyBeanMethods = false)
class TopicConfig {

    @Bean
    NewTopic catalogEventsTopic() {
        return TopicBuilder.name("catalog.events").partitions(3).build();
    }
}
