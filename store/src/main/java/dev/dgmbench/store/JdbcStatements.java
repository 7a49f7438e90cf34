package dev.dgmbench.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** SQL helpers of the store: queries built from constant fragments with bound values, and retried transactions. */
final class JdbcStatements {
    private static final int MAX_ATTEMPTS = 6;

    private JdbcStatements() {
    }

    /** SQL text made of constant fragments only; every value is a bound parameter. */
    static final class Query {
        final StringBuilder sql;
        final List<Object> params = new ArrayList<>();

        Query(String sql) {
            this.sql = new StringBuilder(sql);
        }

        Query param(Object value) {
            params.add(value);
            return this;
        }

        Query and(String constantFragment, Object value) {
            sql.append(constantFragment);
            return param(value);
        }

        PreparedStatement prepare(Connection c) throws SQLException {
            PreparedStatement ps = c.prepareStatement(sql.toString());
            for (int i = 0; i < params.size(); i++) {
                Object v = params.get(i);
                if (v instanceof Array a) ps.setArray(i + 1, a);
                else ps.setString(i + 1, (String) v);
            }
            return ps;
        }
    }

    static Array textArray(Connection c, List<String> values) throws SQLException {
        return c.createArrayOf("text", values.toArray());
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** Runs {@code work} and commits; serialization failures and deadlocks are retried with backoff. */
    static <T> T inTransaction(Connection c, SqlWork<T> work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                T t = work.run();
                c.commit();
                return t;
            } catch (SQLException e) {
                rollbackQuietly(c);
                String state = e.getSQLState();
                if (attempt < MAX_ATTEMPTS && ("40001".equals(state) || "40P01".equals(state))) {
                    sleep(10L * (1L << attempt) + ThreadLocalRandom.current().nextLong(10));
                    continue;
                }
                throw e;
            } catch (RuntimeException | Error e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            if (!c.isClosed()) c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone: the server rolls the transaction back itself
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static OffsetDateTime instant(String iso) {
        if (iso == null || iso.isBlank()) return null;
        try {
            return OffsetDateTime.ofInstant(Instant.parse(iso), ZoneOffset.UTC);
        } catch (RuntimeException e) {
            try {
                return OffsetDateTime.parse(iso);
            } catch (RuntimeException e2) {
                return null; // kept verbatim in info; the column is only for queries
            }
        }
    }

}
