package dev.dgmbench.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** Base of tests that work in a schema of their own on the test PostgreSQL, dropped after each test. */
abstract class FreshSchemaTest {
    @TempDir
    Path tmp;
    StoreConfig config;

    @AfterEach
    void drop() {
        TestPostgres.drop(config);
    }
}
