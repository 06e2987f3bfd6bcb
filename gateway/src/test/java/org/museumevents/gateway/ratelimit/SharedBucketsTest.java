package org.museumevents.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.museumevents.testsupport.TestServers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The shared buckets on a real PostgreSQL database migrated by the gateway's Flyway scripts: one
 * allowance whichever instance asks, and a table that stays bounded, a bucket's row deleted once
 * the bucket is full again.
 */
class SharedBucketsTest {

    private static DriverManagerDataSource dataSource;
    private static JdbcClient jdbc;

    @BeforeAll
    static void database() {
        TestServers.DatabaseCoordinates db = TestServers.newDatabase();
        dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        jdbc = JdbcClient.create(dataSource);
    }

    private static BucketConfiguration perSecond(int allowed) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(allowed)
                        .refillGreedy(allowed, Duration.ofSeconds(1))
                        .build())
                .build();
    }

    private static int rows(String key) {
        return jdbc.sql("SELECT count(*) FROM rate_limit_bucket WHERE id = :key")
                .param("key", key)
                .query(Integer.class)
                .single();
    }

    @Test
    void twoInstancesSpendOneAllowance() {
        SharedBuckets first = new SharedBuckets(dataSource);
        SharedBuckets second = new SharedBuckets(dataSource);
        String key = "registration:" + UUID.randomUUID();
        BucketConfiguration limit = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(2)
                        .refillGreedy(2, Duration.ofHours(1))
                        .build())
                .build();

        assertThat(first.tryConsume(key, limit).orElseThrow().isConsumed()).isTrue();
        assertThat(second.tryConsume(key, limit).orElseThrow().isConsumed()).isTrue();
        assertThat(first.tryConsume(key, limit).orElseThrow().isConsumed()).isFalse();
        assertThat(second.tryConsume(key, limit).orElseThrow().getNanosToWaitForRefill())
                .isPositive();
    }

    @Test
    void aBucketFullAgainIsDeletedSoTheTableStaysBounded() throws Exception {
        SharedBuckets buckets = new SharedBuckets(dataSource, Duration.ZERO);
        String spent = "registration:" + UUID.randomUUID();
        assertThat(buckets.tryConsume(spent, perSecond(5)).orElseThrow().isConsumed())
                .isTrue();
        assertThat(rows(spent)).isEqualTo(1);

        Thread.sleep(1_500); // refilled: forgetting the bucket now changes nothing
        String fresh = "registration:" + UUID.randomUUID();
        assertThat(new SharedBuckets(dataSource)
                        .tryConsume(
                                fresh,
                                BucketConfiguration.builder()
                                        .addLimit(Bandwidth.builder()
                                                .capacity(5)
                                                .refillGreedy(5, Duration.ofHours(1))
                                                .build())
                                        .build())
                        .orElseThrow()
                        .isConsumed())
                .isTrue();
        assertThat(buckets.removeExpiredNow()).isPositive();

        assertThat(rows(spent)).isZero();
        assertThat(rows(fresh)).as("a bucket still refilling is kept").isEqualTo(1);
    }
}
