package org.museumevents.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.museumevents.notification.email.EmailKind;
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
    void theClaimLapsesWithinAMinuteOfItsInstanceDyingAndIsRenewedOftenEnough() {
        // Renewed every third of the lease while a batch is sent (Dispatcher.send), however long that is.
        assertThat(DEFAULTS.claimLease()).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> new DeliveryProperties(
                        Duration.ofSeconds(5),
                        100,
                        4,
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(15),
                        Duration.ofHours(24),
                        5,
                        Duration.ofHours(1)))
                .hasMessageContaining("claim-lease");
    }

    @Test
    void noShareOfABatchIsLongerThanTheLongestShare() {
        String busy = "Busy@example.org";
        List<Claim> batch = new ArrayList<>();
        // One address with as many emails as it may take (in any case), then one email each.
        for (int i = 0; i < DEFAULTS.perRecipientLimit(); i++) {
            batch.add(claim(i % 2 == 0 ? busy : busy.toLowerCase(java.util.Locale.ROOT)));
        }
        while (batch.size() < DEFAULTS.batchSize()) {
            batch.add(claim(UUID.randomUUID() + "@example.org"));
        }
        List<List<Claim>> shares = Dispatcher.shares(batch, DEFAULTS.senders());
        assertThat(shares).allSatisfy(share -> assertThat(share).hasSizeLessThanOrEqualTo(DEFAULTS.longestShare()));
        assertThat(shares)
                .filteredOn(share -> share.stream().anyMatch(c -> c.recipient().equalsIgnoreCase(busy)))
                .singleElement()
                .satisfies(share -> assertThat(share)
                        .filteredOn(c -> c.recipient().equalsIgnoreCase(busy))
                        .hasSize(DEFAULTS.perRecipientLimit()));
        assertThat(shares.stream().mapToInt(List::size).sum()).isEqualTo(batch.size());
    }

    private static Claim claim(String recipient) {
        Instant at = Instant.parse("2027-01-10T09:00:00Z");
        return new Claim(
                UUID.randomUUID(),
                at,
                UUID.randomUUID(),
                UUID.randomUUID(),
                UUID.randomUUID(),
                recipient,
                EmailKind.CONFIRMATION,
                0,
                at,
                at,
                at,
                false,
                false,
                null,
                null,
                null,
                null,
                null);
    }
}
