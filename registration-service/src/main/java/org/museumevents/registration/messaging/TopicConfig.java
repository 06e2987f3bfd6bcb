package org.museumevents.registration.messaging;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The topic this service owns, created at start-up when missing (replication: the broker's default). */
@Configuration(proxyBeanMethods = false)
class TopicConfig {

    @Bean
    NewTopic registrationEventsTopic() {
        return TopicBuilder.name("registration.events").partitions(3).build();
    }
}
