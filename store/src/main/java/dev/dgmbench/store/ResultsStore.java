package dev.dgmbench.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.dgmbench.results.EpochRecord;
import dev.dgmbench.results.RunResult;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The team results store: a PostgreSQL database beside the result folders (docs/store.md).
 * <ul>
 *   <li>{@link #open} connects and brings the schema up to date (Flyway migrations in {@code db/migration},
 *       serialised by an advisory lock, so n shards opening a fresh store at once are fine);</li>
 *   <li>{@link #push} uploads the runs of a study folder, each run in one transaction, skipping runs whose
 *       identity ({@link RunIdentity}) is stored: pushing twice changes nothing, concurrent pushers never
 *       conflict, a killed push leaves only complete runs and is finished by pushing again;</li>
 *   <li>{@link #load} writes a stored run set out as a result folder equal to the pushed ones;
 *       {@link #history} lists what is stored for a spec; {@link #baseline} picks a run set for
 *       {@code compare --baseline}.</li>
 * </ul>
 * Every value reaches SQL as a bound parameter. The store holds no connection between calls; it is safe to
 * use from several threads.
 */
public final class ResultsStore implements AutoCloseable {
    private static final int MAX_ATTEMPTS = 6;
    private static final TypeReference<List<EpochRecord>> HISTORY = new TypeReference<>() {};
    private static final TypeReference<Map<String, Double>> TIMINGS = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> PROVENANCE = new TypeReference<>() {};
    private static final TypeReference<Map<String, double[]>> TRACES = new TypeReference<>() {};
    /** Flyway's INFO lines are no business of {@code dgmbench push}; kept here so the setting is not collected. */
    private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

    static {
        FLYWAY_LOG.setLevel(Level.WARNING);
    }

    private final StoreConfig config;

    private ResultsStore(StoreConfig config) {
        this.config = config;
    }

    /** Connects, creating or upgrading the schema on first use. Errors say what failed and where. */
    public static ResultsStore open(StoreConfig config) {
        ResultsStore store = new ResultsStore(config);
        store.migrate();
        return store;
    }

    public StoreConfig config() {
        return config;
    }

    /** The schema version the store is at (the latest applied migration). */
    public String schemaVersion() {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw StoreErrors.failure(config, e, "reading the schema version");
        }
    }

    // ------------------------------------------------------------------------------------------------ push

    /** Uploads every run folder of {@code studyFolder} (and its claims); the folder is only read. */
    public PushReport push(Path studyFolder) {
        return push(studyFolder, null);
    }

    /** Called inside each run's transaction, after the run row and before its metrics (tests kill pushes here). */
    @FunctionalInterface
    interface PushHook {
        void inTransaction(Connection connection, RunResult run, int index) throws SQLException;
    }

    PushReport push(Path studyFolder, PushHook hook) {
        return new StorePush(this).push(studyFolder, hook);
    }

    // ------------------------------------------------------------------------------------------- reading

    /** {@link #load(String, LoadFilter, Path)} into a new temporary folder. */
    public StoredStudy load(String spec, LoadFilter filter) {
        return load(spec, filter, null);
    }

    /**
     * Reads one stored run set back and writes it out as a result folder ({@code into}, which must not exist or
     * be empty; null: a new temporary folder). {@code spec} is a study name or a spec digest (or a prefix of
     * one, 6+ hex digits). The run set is one spec digest and one commit: the commit the filter names, else the
     * most recently pushed one; when the name has several spec digests the latest pushed one wins. The claims
     * are those of the finished push of that spec and commit (and backend/build, when filtered) that covered the
     * most runs. Runs equal the pushed ones (same canonical JSON, digests checked); model weights are not stored.
     */
    public StoredStudy load(String spec, LoadFilter filter, Path into) {
        return new StoreReader(this).load(spec, filter, into);
    }

    /** A baseline for {@code compare --baseline}: see {@link LoadFilter#baseline}. */
    public StoredStudy baseline(String spec, String backend, String selector, Path into) {
        return baseline(spec, backend, selector, null, into);
    }

    /** As {@link #baseline(String, String, String, Path)}, leaving {@code excludeCommit} (the commit under test) out. */
    public StoredStudy baseline(String spec, String backend, String selector, String excludeCommit, Path into) {
        return load(spec, LoadFilter.baseline(backend, selector).excluding(excludeCommit), into);
    }

    /**
     * What is stored for a spec (a name or a digest prefix; null: every study), oldest first: one row per spec
     * digest, commit, backend, build and host, with the mean of {@code metric} over OK runs ({@code nll},
     * {@code model.nll}, {@code langevin.frechet} or {@code langevin/frechet}; null for none).
     */
    public List<HistoryRow> history(String spec, String metric) {
        return new StoreReader(this).history(spec, metric);
    }

    // ------------------------------------------------------------------------------------- connections

    Connection connect() {
        Properties p = new Properties();
        if (config.user() != null) p.setProperty("user", config.user());
        if (config.password() != null) p.setProperty("password", config.password());
        p.setProperty("currentSchema", config.schema());
        p.setProperty("ApplicationName", "dgmbench-store");
        p.setProperty("connectTimeout", "10");
        p.setProperty("loginTimeout", "20");
        p.setProperty("socketTimeout", "600");
        p.setProperty("tcpKeepAlive", "true");
        p.setProperty("reWriteBatchedInserts", "true");
        try {
            return DriverManager.getConnection(config.url(), p);
        } catch (SQLException e) {
            throw StoreErrors.connect(config, e);
        }
    }

    private void migrate() {
        try (Connection lock = connect()) {
            // Flyway locks its history table, but creating the schema itself races: one migrator at a time.
            try (PreparedStatement ps = lock.prepareStatement("SELECT pg_advisory_lock(hashtextextended(?, 0))")) {
                ps.setString(1, "dgmbench-store:" + config.schema());
                ps.execute();
            }
            try {
                Flyway.configure(ResultsStore.class.getClassLoader())
                        .dataSource(new ConnectingDataSource())
                        .schemas(config.schema())
                        .locations("classpath:db/migration")
                        .load()
                        .migrate();
            } catch (FlywayException e) {
                Throwable cause = e;
                while (cause != null && !(cause instanceof SQLException)) cause = cause.getCause();
                StoreException.Kind kind = cause instanceof SQLException sql && "42501".equals(sql.getSQLState())
                        ? StoreException.Kind.PERMISSION_DENIED : StoreException.Kind.SCHEMA;
                throw StoreErrors.make(config, kind, "cannot create or upgrade the schema '" + config.schema()
                        + "' of the dgmbench store at " + config.where() + " (user " + config.user() + "): "
                        + e.getMessage(), e);
            } finally {
                try (PreparedStatement ps = lock.prepareStatement("SELECT pg_advisory_unlock(hashtextextended(?, 0))")) {
                    ps.setString(1, "dgmbench-store:" + config.schema());
                    ps.execute();
                }
            }
        } catch (SQLException e) {
            throw StoreErrors.failure(config, e, "schema migration");
        }
    }

    /** Gives Flyway connections made exactly as the store's own (same properties, same error messages). */
    private final class ConnectingDataSource implements DataSource {
        @Override
        public Connection getConnection() {
            return connect();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            throw new SQLFeatureNotSupportedException("credentials come from the store configuration");
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            if (iface.isInstance(this)) return iface.cast(this);
            throw new SQLException("not a wrapper of " + iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return iface.isInstance(this);
        }
    }

    /** Nothing to release: the store holds no connection between calls. */
    @Override
    public void close() {
    }
}
