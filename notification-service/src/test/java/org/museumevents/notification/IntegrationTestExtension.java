package org.museumevents.notification;

import java.time.Instant;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Part of {@link NotificationIntegrationTest}. Before the context starts, the two topics exist
 * with three partitions each (as the producers create them; the binder alone would create one).
 * Before each test, the shared clock is back at {@link #START}, where the tests that do not set it
 * expect it, and the context's consumer group owns every partition.
 */
final class IntegrationTestExtension implements BeforeAllCallback, BeforeEachCallback {

    /** Five weeks before the example event (16 February 2027, 13:00 in Paris). */
    static final Instant START = Instant.parse("2027-01-10T09:00:00Z");

    static final String GROUP = "spring.cloud.stream.bindings.catalogEvents-in-0.group";

    @Override
    public void beforeAll(ExtensionContext context) {
        Broker.createTopics();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ApplicationContext application = SpringExtension.getApplicationContext(context);
        TestClock clock = application.getBean(TestClock.class);
        clock.set(START);
        Examples.happenOn(clock);
        Broker.awaitAssigned(application.getEnvironment().getRequiredProperty(GROUP));
    }
}
