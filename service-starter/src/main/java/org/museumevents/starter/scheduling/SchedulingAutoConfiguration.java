package org.museumevents.starter.scheduling;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Scheduling locks: {@code @SchedulerLock} methods, and the outbox relay, run on one instance at a
 * time by taking a row of the {@code shedlock} table (ShedLock's JDBC schema, in the service's
 * Flyway migrations) with the database's clock, so instances' clocks need not agree ({@link
 * SchedulingLocks}).
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnBean(DataSource.class)
@EnableSchedulerLock(defaultLockAtMostFor = "PT2M")
public class SchedulingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    LockProvider lockProvider(DataSource dataSource) {
        return SchedulingLocks.onDatabaseClock(dataSource);
    }
}
