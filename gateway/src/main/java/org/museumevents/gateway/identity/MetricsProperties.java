package org.museumevents.gateway.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The one account a Prometheus server scrapes {@code /actuator/prometheus} with (HTTP Basic): the
 * password encoded with its algorithm as prefix, e.g. {@code {bcrypt}$2a$10$...}. Unset, the
 * endpoint answers nobody.
 */
@ConfigurationProperties("gateway.metrics")
record MetricsProperties(String username, String password) {}
