package org.museumevents.starter;

import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** The service's {@link ServiceSettings}, and one UTC {@link Clock} so tests can decide what "now" is. */
@AutoConfiguration
public class ServiceAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ServiceSettings serviceSettings(Environment environment) {
        return ServiceSettings.of(environment);
    }

    /** A test, or a second instance started by one, may bring its own clock. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
