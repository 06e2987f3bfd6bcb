package org.museumevents.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The retry rules of the dispatcher, with the defaults of {@link DeliveryProperties}. */
class DeliveryPropertiesTest {

    /** Bound as the service binds it, from no settings at all: the declared defaults. */
    static final DeliveryProperties DEFAULTS = new Binder(new MapConfigurationPropertySource())
            .bindOrCreate("notification.delivery", DeliveryProperties.class);

    @Test
    void theWaitDoublesFromTheFirstRetryUpToTheLongest() {
        assertThat(DEFAULTS.retryAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(DEFAULTS.retryAfter(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(DEFAULTS.retryAfter(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(DEFAULTS.retryAfter(5)).isEqualTo(Duration.ofMinutes(8));
        assertThat(DEFAULTS.retryAfter(6)).isEqualTo(Duration.ofMinutes(15));
        assertThat(DEFAULTS.retryAfter(1000)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void anEmailIsGivenUpOnceTheGiveUpTimeHasPassedSinceItWasDue() {
        Instant due = Instant.parse("2027-01-10T09:00:00Z");
        assertThat(DEFAULTS.givesUp(due, due)).isFalse();
        assertThat(DEFAULTS.givesUp(due, due.plus(Duration.ofHours(24)).minusMillis(1)))
                .isFalse();
        assertThat(DEFAULTS.givesUp(due, due.plus(Duration.ofHours(24)))).isTrue();
    }

    @Test
    void theClaimOutlastsABatchOfTheLongestSmtpExchanges() {
        // application.yml: connect 5 s, then at most 10 s per read or write.
        Duration longestExchange = Duration.ofSeconds(25);
        assertThat(DEFAULTS.claimLease()).isGreaterThan(longestExchange.multipliedBy(DEFAULTS.batchSize()));
    }
}
