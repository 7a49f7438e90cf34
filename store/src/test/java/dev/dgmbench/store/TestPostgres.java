package dev.dgmbench.store;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The real PostgreSQL the store tests run against: the server named by {@code DGMBENCH_TEST_PG_URL}
 * ({@code .ci/postgres.sh} starts one), else a Testcontainers PostgreSQL 15 when Docker runs, else the test is
 * skipped. Each test gets a fresh schema of its own, dropped afterwards.
 */
final class TestPostgres {
    static final String NO_POSTGRES = "no PostgreSQL: set DGMBENCH_TEST_PG_URL or run Docker";

    private static StoreConfig server;
    private static boolean probed;
    private static PostgreSQLContainer<?> container;

    private TestPostgres() {
    }

    /** The test server (the schema of the returned config is not used); skips the test when there is none. */
    static synchronized StoreConfig server() {
        if (!probed) {
            probed = true;
            String url = System.getenv("DGMBENCH_TEST_PG_URL");
            if (url != null && !url.isBlank()) {
                server = StoreConfig.of(url, System.getenv("DGMBENCH_TEST_PG_USER"), System.getenv("DGMBENCH_TEST_PG_PASSWORD"));
            } else if (dockerAvailable()) {
                container = new PostgreSQLContainer<>("postgres:15-alpine");
                container.start(); // stopped by Testcontainers' reaper when the JVM ends
                server = StoreConfig.of(container.getJdbcUrl(), container.getUsername(), container.getPassword());
            }
            // said once in the build output, as the GPU tests say why they skip
            if (server == null) System.err.println("store tests skipped: " + NO_POSTGRES + " (.ci/run starts one)");
        }
        Assumptions.assumeTrue(server != null, NO_POSTGRES);
        return server;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable t) {
            return false;
        }
    }

    /** The test server with a schema nobody else uses (created by the store on open). */
    static StoreConfig freshSchema(String prefix) {
        String hex = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        return server().withSchema("t_" + prefix + "_" + hex);
    }

    /** Drops the schema of {@code config} and everything in it. */
    static void drop(StoreConfig config) {
        if (config == null) return;
        try (Connection c = connect(config); Statement s = c.createStatement()) {
            // the name is one the test made and StoreConfig checked ([a-z_][a-z0-9_]*): identifiers cannot be bound
            s.execute("DROP SCHEMA IF EXISTS " + config.schema() + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test schema " + config.schema(), e);
        }
    }

    /** A plain connection to the test schema, for checks behind the store's back. */
    static Connection connect(StoreConfig config) throws SQLException {
        Properties p = new Properties();
        if (config.user() != null) p.setProperty("user", config.user());
        if (config.password() != null) p.setProperty("password", config.password());
        p.setProperty("currentSchema", config.schema());
        return DriverManager.getConnection(config.url(), p);
    }
}
