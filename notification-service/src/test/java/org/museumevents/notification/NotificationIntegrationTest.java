package org.museumevents.notification;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.museumevents.testsupport.RealServers;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;

/**
 * An integration test on the real servers (PostgreSQL, the shared Kafka broker, GreenMail) in the
 * one application context that every class annotated with this alone shares, with its database
 * and its consumer group ({@code notification-service}, from application.yml). Tests keep their
 * data apart by unique ids: their own events, registrations and recipients, never a count over
 * everything. Before each test the clock is back at {@link IntegrationTestExtension#START} and the
 * consumers own every partition, so nothing a test publishes is missed.
 *
 * <p>A class that breaks a server or needs settings of its own adds them, and so gets a context of
 * its own: it must also be {@code @DirtiesContext} (closed after it, its scheduler and consumers
 * with it) and read with a consumer group of its own ({@link OwnContext#ownConsumerGroup}), so it
 * never takes a partition from the shared context. Such classes run last ({@link OwnContextsLast}),
 * so the shared context, paused while they run, never resumes to catch up with their messages.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(IntegrationTestExtension.class)
@SpringBootTest(
        properties = {
            "spring.cloud.stream.kafka.bindings.catalogEvents-in-0.consumer.start-offset=latest",
            "spring.cloud.stream.kafka.bindings.registrationEvents-in-0.consumer.start-offset=latest",
            "spring.cloud.stream.bindings.catalogEvents-in-0.consumer.back-off-initial-interval=100",
            "spring.cloud.stream.bindings.registrationEvents-in-0.consumer.back-off-initial-interval=100",
            "notification.delivery.poll-interval=200ms",
            "notification.messages.poll-interval=PT0.2S",
            "notification.delivery.first-retry-after=10s",
            "notification.delivery.longest-retry-after=1m",
            "notification.delivery.give-up-after=2h",
            "spring.mail.properties.mail.smtp.connectiontimeout=2000",
            "spring.mail.properties.mail.smtp.timeout=3000",
            "spring.mail.properties.mail.smtp.writetimeout=3000",
            "logging.level.org.apache.kafka=WARN"
        })
@AutoConfigureMockMvc
@RealServers
@Import({TestClockConfig.class, IntegrationTestConfig.class})
public @interface NotificationIntegrationTest {}
