package org.museumevents.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

class ServiceSettingsTest {

    @Test
    void readsTheSharedSettingsUnderTheServicesOwnPrefix() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.application.name", "catalog-service")
                .withProperty("catalog.outbox.enabled", "true")
                .withProperty("catalog.outbox.relay-interval", "250ms")
                .withProperty("catalog.security.public-paths[0]", "GET /api/events/**")
                .withProperty("catalog.security.jwk-timeout.read", "7s")
                .withProperty("catalog.api.title", "Museum Events: catalog")
                .withProperty("registration.outbox.batch-size", "3");

        ServiceSettings settings = ServiceSettings.of(environment);

        assertThat(settings.prefix()).isEqualTo("catalog");
        assertThat(settings.outbox().enabled()).isTrue();
        assertThat(settings.outbox().relayInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.outbox().batchSize()).isEqualTo(100);
        assertThat(settings.outboxLockName()).isEqualTo("catalog-outbox-relay");
        assertThat(settings.messageSource()).isEqualTo("/catalog-service");
        assertThat(settings.security().publicPaths()).containsExactly("GET /api/events/**");
        assertThat(settings.security().jwkTimeout().connect()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.security().jwkTimeout().read()).isEqualTo(Duration.ofSeconds(7));
        assertThat(settings.api().title()).isEqualTo("Museum Events: catalog");
    }

    @Test
    void environmentVariablesBindWithRelaxedNames() {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of(
                                        "SPRING_APPLICATION_NAME",
                                        "registration-service",
                                        "REGISTRATION_OUTBOX_RELAYINTERVAL",
                                        "2s")));

        assertThat(ServiceSettings.of(environment).outbox().relayInterval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void anExplicitPrefixWinsAndDefaultsApply() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.application.name", "mailer")
                .withProperty(ServiceSettings.PREFIX_PROPERTY, "notification");

        ServiceSettings settings = ServiceSettings.of(environment);

        assertThat(settings.prefix()).isEqualTo("notification");
        assertThat(settings.outbox().enabled()).isFalse();
        assertThat(settings.security().publicPaths()).isEmpty();
        assertThat(settings.outbox().lockAtMostFor()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void withoutANameThereIsNoPrefix() {
        assertThatThrownBy(() -> ServiceSettings.of(new MockEnvironment()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("spring.application.name");
    }
}
