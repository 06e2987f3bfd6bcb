package org.museumevents.starter.scheduling;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The scheduling locks of every service: rows of the {@code shedlock} table, taken and compared
 * with the database's clock ({@code usingDbTime}), so that instances' clocks need not agree.
 *
 * <p>With the database's clock, ShedLock writes and compares {@code timezone('utc',
 * CURRENT_TIMESTAMP)}: a UTC wall-clock time <em>without</em> zone. Its {@code lock_until} and
 * {@code locked_at} columns must therefore be {@code timestamp} (without time zone), as in
 * ShedLock's own PostgreSQL schema. In {@code timestamptz} columns PostgreSQL reads that wall time
 * in the session's zone, which the PostgreSQL JDBC driver sets from the JVM's default zone: a service
 * restarted in another zone then saw its locks shifted by the difference (held for hours, or not
 * held at all; issue 12). The services' migrations {@code V*__shedlock_in_utc.sql} make the columns
 * so; {@code LockTimeZones} in test-support proves the locks the same in any pair of session zones.
 */
public final class SchedulingLocks {

    private SchedulingLocks() {}

    /**
     * The lock provider every service uses.
     *
     * @param dataSource the service's database, with ShedLock's {@code shedlock} table (columns
     *     {@code timestamp} without time zone, see above)
     * @return a provider on the database's clock; locks are independent of the JVM's and the
     *     session's time zone
     */
    public static LockProvider onDatabaseClock(DataSource dataSource) {
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .build());
    }
}
