/**
 * The optional PostgreSQL results store: schema migrations (Flyway), pushing result folders, reading history back.
 *
 * <p>May import: {@code results}, Flyway, JDBC. Imported by the suite's CLI only.
 */
package dev.dgmbench.store;
