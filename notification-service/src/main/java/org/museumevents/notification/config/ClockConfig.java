package org.museumevents.notification.config;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One clock for the service, so tests can decide what "now" is. */
@Configuration(proxyBeanMethods = false)
class ClockConfig {

    /** A second instance started by a test may bring its own, shared clock. */
    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }
}
