package org.museumevents.notification;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Imported by {@link NotificationIntegrationTest}, and by the second instance of {@link
 * TwoInstancesTest}. Deliberately not a {@code @Configuration}: a second instance started from a
 * test scans this package and must not pick it up.
 */
class TestClockConfig {

    @Bean
    @Primary
    TestClock testClock() {
        return new TestClock(IntegrationTestExtension.START);
    }
}
