package org.museumevents.notification;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts, per thread, the rows the service reads from its database through JDBC (each {@code
 * ResultSet.next()} that finds a row) and the statements it executes: a measure of the work a call
 * does that no clock and no server's internals blur. Imported by the tests that measure it, in a
 * context of their own; the service runs unchanged on the counted connections.
 */
class RowsRead implements BeanPostProcessor {

    private static final ThreadLocal<long[]> COUNTS = ThreadLocal.withInitial(() -> new long[2]);

    /** The rows read on this thread so far. */
    static long rows() {
        return COUNTS.get()[0];
    }

    /** The statements executed on this thread so far. */
    static long statements() {
        return COUNTS.get()[1];
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String name) {
        return bean instanceof DataSource dataSource && !(bean instanceof Counting) ? new Counting(dataSource) : bean;
    }

    private static final class Counting extends DelegatingDataSource {

        Counting(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return counted(Connection.class, super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return counted(Connection.class, super.getConnection(username, password));
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T counted(Class<T> type, T target) {
        return (T) Proxy.newProxyInstance(
                RowsRead.class.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    String name = method.getName();
                    if (type == ResultSet.class) {
                        if (name.equals("next") && Boolean.TRUE.equals(result)) {
                            COUNTS.get()[0]++;
                        }
                        return result;
                    }
                    if (type != Connection.class && name.startsWith("execute")) {
                        COUNTS.get()[1]++;
                    }
                    if (result instanceof ResultSet resultSet) {
                        return counted(ResultSet.class, resultSet);
                    }
                    if (result instanceof CallableStatement statement) {
                        return counted(CallableStatement.class, statement);
                    }
                    if (result instanceof PreparedStatement statement) {
                        return counted(PreparedStatement.class, statement);
                    }
                    if (result instanceof Statement statement) {
                        return counted(Statement.class, statement);
                    }
                    return result;
                });
    }
}
