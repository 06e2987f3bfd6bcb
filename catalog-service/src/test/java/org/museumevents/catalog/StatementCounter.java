package org.museumevents.catalog;

import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;

/**
 * Counts the SQL statements that the current thread runs, with datasource-proxy wrapped around the
 * application's {@link DataSource}. Per thread, because a MockMvc request runs on the test's thread
 * while the outbox relay and the scheduling locks run on others against the same database: the
 * database's own counters ({@code pg_stat_statements}, {@code pg_stat_database}) would count those
 * too. Imported by {@link CatalogIntegrationTest}, so every test shares one context with it; it
 * counts nothing outside {@link #count(Callable)}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StatementCounter implements BeanPostProcessor {

    private static final ThreadLocal<int[]> STATEMENTS = new ThreadLocal<>();

    /**
     * Runs {@code work} on this thread and answers how many statements it sent to PostgreSQL (each
     * statement of a batch counts).
     *
     * @throws Exception whatever {@code work} throws
     */
    public static int count(Callable<?> work) throws Exception {
        int[] statements = new int[1];
        STATEMENTS.set(statements);
        try {
            work.call();
            return statements[0];
        } finally {
            STATEMENTS.remove();
        }
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(bean instanceof ProxyDataSource)) {
            return ProxyDataSourceBuilder.create(dataSource)
                    .name(beanName)
                    .listener(new Listener())
                    .build();
        }
        return bean;
    }

    private static final class Listener implements QueryExecutionListener {

        @Override
        public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {}

        @Override
        public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
            int[] statements = STATEMENTS.get();
            if (statements != null) {
                statements[0] += Math.max(1, execution.getBatchSize()) * queries.size();
            }
        }
    }
}
