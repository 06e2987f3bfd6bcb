package org.museumevents.gateway.routing;

import java.time.Duration;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

/**
 * The instance list of each load-balanced service, one per service in Spring Cloud LoadBalancer's
 * child context ({@link ServiceInstances}): the configured instances, each health-checked every
 * {@code spring.cloud.loadbalancer.health-check.interval} with a client of its own whose timeouts
 * ({@link #HEALTH_CHECK_TIMEOUT}) keep a frozen instance from holding a check. Neither a
 * {@code @Configuration} nor nested in one: only the LoadBalancer's contexts use it.
 */
class HealthCheckedInstances {

    /** How long a health check may take to connect, and then to answer. */
    static final Duration HEALTH_CHECK_TIMEOUT = Duration.ofSeconds(1);

    @Bean
    ServiceInstanceListSupplier serviceInstances(ConfigurableApplicationContext context) {
        RestClient healthChecks = RestClient.builder()
                .requestFactory(ClientHttpRequestFactoryBuilder.simple()
                        .build(HttpClientSettings.defaults().withTimeouts(HEALTH_CHECK_TIMEOUT, HEALTH_CHECK_TIMEOUT)))
                .build();
        return ServiceInstanceListSupplier.builder()
                .withBlockingDiscoveryClient()
                .withBlockingHealthChecks(healthChecks)
                .build(context);
    }
}
