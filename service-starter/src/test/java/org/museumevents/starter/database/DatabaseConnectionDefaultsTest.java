package org.museumevents.starter.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** The service-starter's defaults for every service's database connections. */
class DatabaseConnectionDefaultsTest {

    private static final String PREFIX = DatabaseConnectionDefaults.PREFIX;

    @Test
    void everyServiceGetsASocketTimeoutKeepAlivesAndNoRowInErrorMessages() {
        StandardEnvironment environment = new StandardEnvironment();

        new DatabaseConnectionDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(PREFIX + "socketTimeout")).isEqualTo("30");
        assertThat(environment.getProperty(PREFIX + "tcpKeepAlive")).isEqualTo("true");
        assertThat(environment.getProperty(PREFIX + "logServerErrorDetail")).isEqualTo("false");
    }

    @Test
    void aServicesOwnSettingWins() {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("application.yml", Map.of(PREFIX + "socketTimeout", "120")));

        new DatabaseConnectionDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(PREFIX + "socketTimeout")).isEqualTo("120");
        assertThat(environment.getProperty(PREFIX + "tcpKeepAlive")).isEqualTo("true");
    }

    @Test
    void itIsRegisteredForEveryApplication() {
        // Boot's own post-processors need arguments this test does not give: only ours are made.
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
                        .load(EnvironmentPostProcessor.class, null, (type, name, failure) -> {}))
                .anyMatch(DatabaseConnectionDefaults.class::isInstance);
    }
}
