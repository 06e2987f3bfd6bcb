package org.museumevents.starter.messaging;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Tells every Spring Cloud Stream consumer binding not to retry an {@link UnreadableMessage}, as a
 * default below every other property source, so a service's own {@code retryable-exceptions}
 * still win.
 */
class UnreadableMessagesNotRetried implements EnvironmentPostProcessor {

    static final String PROPERTY =
            "spring.cloud.stream.default.consumer.retryable-exceptions[" + UnreadableMessage.class.getName() + "]";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment
                .getPropertySources()
                .addLast(new MapPropertySource("service-starter-defaults", Map.of(PROPERTY, "false")));
    }
}
