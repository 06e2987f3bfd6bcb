package org.museumevents.starter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.museumevents.starter.messaging.MessagingAutoConfiguration;
import org.museumevents.starter.messaging.ProcessedMessages;
import org.museumevents.starter.outbox.Outbox;
import org.museumevents.starter.outbox.OutboxAutoConfiguration;
import org.museumevents.starter.outbox.OutboxGauges;
import org.museumevents.starter.outbox.OutboxRelay;
import org.museumevents.starter.problem.ProblemAutoConfiguration;
import org.museumevents.starter.problem.ProblemHandling;
import org.museumevents.starter.scheduling.SchedulingAutoConfiguration;
import org.museumevents.starter.tracing.TraceContexts;
import org.museumevents.starter.tracing.TracingAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which beans the starter contributes, and that each backs off for the service's own. The outbox's
 * and relay's work on real servers is proven in outbox.OutboxRelayTest and in the services
 * (catalog's OutboxRelayTest and BrokerOutageTest); nothing here connects to anything.
 */
class AutoConfigurationTest {

    private final ApplicationContextRunner service = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    ServiceAutoConfiguration.class,
                    TracingAutoConfiguration.class,
                    SchedulingAutoConfiguration.class,
                    OutboxAutoConfiguration.class,
                    MessagingAutoConfiguration.class))
            .withPropertyValues("spring.application.name=catalog-service", "catalog.outbox.relay-interval=1h")
            .withBean(DriverManagerDataSource.class, () -> new DriverManagerDataSource("jdbc:postgresql://nowhere/db"))
            .withBean(
                    JdbcClient.class,
                    () -> JdbcClient.create(new DriverManagerDataSource("jdbc:postgresql://nowhere/db")))
            .withBean(JsonMapper.class, JsonMapper::new)
            .withBean(
                    KafkaTemplate.class,
                    () -> new KafkaTemplate<>(new DefaultKafkaProducerFactory<byte[], byte[]>(
                            Map.of("bootstrap.servers", "localhost:1"))));

    @Test
    void aServiceWithoutAnOutboxGetsNone() {
        service.run(context -> {
            assertThat(context).hasSingleBean(ServiceSettings.class);
            assertThat(context).hasSingleBean(java.time.Clock.class);
            assertThat(context).hasSingleBean(TraceContexts.class);
            assertThat(context).hasSingleBean(ProcessedMessages.class);
            assertThat(context).doesNotHaveBean(Outbox.class);
            assertThat(context).doesNotHaveBean(OutboxRelay.class);
            assertThat(context).doesNotHaveBean(OutboxGauges.class);
        });
    }

    @Test
    void theOutboxIsOnUnderTheServicesOwnPrefix() {
        service.withPropertyValues("catalog.outbox.enabled=true").run(context -> {
            assertThat(context).hasSingleBean(Outbox.class);
            assertThat(context).hasSingleBean(OutboxRelay.class);
            assertThat(context).hasSingleBean(OutboxGauges.class);
            assertThat(context.getBean(ServiceSettings.class).outboxLockName()).isEqualTo("catalog-outbox-relay");
        });
        service.withPropertyValues("registration.outbox.enabled=true")
                .run(context -> assertThat(context).doesNotHaveBean(Outbox.class));
    }

    @Test
    void aServicesOwnBeansReplaceTheStarters() {
        java.time.Clock fixed = java.time.Clock.fixed(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC);
        service.withPropertyValues("catalog.outbox.enabled=true")
                .withBean("myOutbox", Outbox.class, () -> new Outbox(null, null, null))
                .withBean("myClock", java.time.Clock.class, () -> fixed)
                .run(context -> {
                    assertThat(context).getBeanNames(Outbox.class).containsExactly("myOutbox");
                    assertThat(context.getBean(java.time.Clock.class)).isSameAs(fixed);
                });
    }

    @Test
    void theProblemMappingBacksOffForTheServicesOwn() {
        WebApplicationContextRunner web = new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ProblemAutoConfiguration.class));
        web.run(context -> assertThat(context).hasSingleBean(ProblemHandling.class));
        web.withBean("own", ResponseEntityExceptionHandler.class, () -> new ResponseEntityExceptionHandler() {})
                .run(context -> assertThat(context).doesNotHaveBean(ProblemHandling.class));
    }
}
