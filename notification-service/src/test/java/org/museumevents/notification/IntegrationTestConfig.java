package org.museumevents.notification;

import org.museumevents.notification.delivery.NotificationRepository;
import org.springframework.context.annotation.Bean;

/**
 * The test beans of {@link NotificationIntegrationTest}. Deliberately not a {@code @Configuration},
 * like {@link TestClockConfig}: a second instance started from a test scans this package and must
 * not pick it up.
 */
class IntegrationTestConfig {

    /** Static: a post-processor must exist before the beans it wraps. */
    @Bean
    static ConsumerCalls consumerCalls() {
        return new ConsumerCalls();
    }

    @Bean
    DeliveryLog deliveryLog(NotificationRepository notifications) {
        return new DeliveryLog(notifications);
    }
}
