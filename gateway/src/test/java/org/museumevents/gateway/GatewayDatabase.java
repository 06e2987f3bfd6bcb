package org.museumevents.gateway;

import java.util.Map;
import org.museumevents.testsupport.TestServers;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A fresh database on the tests' real PostgreSQL server ({@link TestServers}, embedded by default)
 * for each gateway application context, as the gateway's own database (issue 18: rate limits,
 * failed logins, sessions, authorizations). Contexts with the same configuration share one, as
 * they share everything else; the services' {@code @RealServers} would also start Kafka and SMTP,
 * which the gateway does not use.
 */
public final class GatewayDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestServers.DatabaseCoordinates db = TestServers.newDatabase();
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("gateway-database", properties(db)));
    }

    /**
     * The standard Spring Boot properties that point the gateway at {@code db}.
     *
     * @param db the database's coordinates
     * @return {@code spring.datasource.url}, {@code username} and {@code password}
     */
    public static Map<String, Object> properties(TestServers.DatabaseCoordinates db) {
        return Map.of(
                "spring.datasource.url", db.url(),
                "spring.datasource.username", db.username(),
                "spring.datasource.password", db.password());
    }
}
