package org.museumevents.notification;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Imported by the flow tests. Deliberately not a {@code @Configuration}: a second instance started
 * from a test scans this package and must not pick it up.
 */
class TestClockConfig {

    @Bean
    @Primary
    TestClock testClock() {
        return new TestClock(java.time.Instant.parse("2027-01-10T09:00:00Z"));
    }
}
