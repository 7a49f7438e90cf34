package dev.dgmbench.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the URL, user and password come from, and that the password is never shown. */
class StoreConfigTest {
    static final String SECRET = "hunter2-but-longer";

    @TempDir
    Path tmp;

    @Test
    void theCommandLineUrlWinsOverTheEnvironmentAndCredentialsComeFromTheEnvironment() {
        Map<String, String> env = Map.of(StoreConfig.ENV_URL, "jdbc:postgresql://db.example:5433/team",
                StoreConfig.ENV_USER, "ci", StoreConfig.ENV_PASSWORD, SECRET);
        StoreConfig fromEnv = StoreConfig.resolve(null, null, env);
        assertEquals("db.example", fromEnv.host());
        assertEquals("5433", fromEnv.port());
        assertEquals("team", fromEnv.database());
        assertEquals("ci", fromEnv.user());
        assertEquals(SECRET, fromEnv.password());
        assertEquals(StoreConfig.DEFAULT_SCHEMA, fromEnv.schema());
        StoreConfig fromCli = StoreConfig.resolve("jdbc:postgresql://other:5432/x", null, env);
        assertEquals("other:5432/x", fromCli.where());
        assertFalse(fromCli.toString().contains(SECRET), fromCli.toString());
    }

    @Test
    void passwordFileAndCredentialsFile() throws Exception {
        Path pw = Files.writeString(tmp.resolve("pw"), SECRET + "\n");
        StoreConfig a = StoreConfig.resolve("jdbc:postgresql://h/db", null,
                Map.of(StoreConfig.ENV_USER, "u", StoreConfig.ENV_PASSWORD_FILE, pw.toString()));
        assertEquals(SECRET, a.password());
        assertEquals("h:5432/db", a.where());

        Path props = Files.writeString(tmp.resolve("store.properties"),
                "url=jdbc:postgresql://props-host:6000/pdb\nuser=bob\npassword=" + SECRET + "\nschema=team_store\n");
        StoreConfig b = StoreConfig.resolve(null, props, Map.of());
        assertEquals("props-host:6000/pdb", b.where());
        assertEquals("bob", b.user());
        assertEquals(SECRET, b.password());
        assertEquals("team_store", b.schema());
        // the environment wins over the file
        StoreConfig c = StoreConfig.resolve(null, null, Map.of(StoreConfig.ENV_CREDENTIALS, props.toString(),
                StoreConfig.ENV_USER, "carol", StoreConfig.ENV_PASSWORD, "other-password"));
        assertEquals("carol", c.user());
        assertEquals("other-password", c.password());

        StoreException missing = assertThrows(StoreException.class, () -> StoreConfig.resolve("jdbc:postgresql://h/db",
                null, Map.of(StoreConfig.ENV_PASSWORD_FILE, tmp.resolve("absent").toString())));
        assertEquals(StoreException.Kind.CONFIG, missing.kind());
        assertTrue(missing.getMessage().contains("absent"));
    }

    @Test
    void noUrlAnywhereSaysHowToGiveOne() {
        StoreException e = assertThrows(StoreException.class, () -> StoreConfig.resolve(null, null, Map.of()));
        assertEquals(StoreException.Kind.CONFIG, e.kind());
        assertTrue(e.getMessage().contains(StoreConfig.ENV_URL));
    }

    @Test
    void passwordsWrittenIntoTheUrlAreTakenButNeverShown() {
        StoreConfig p = StoreConfig.of("jdbc:postgresql://h:5432/db?ssl=true&password=" + SECRET + "&user=x", "x", null);
        assertFalse(p.toString().contains(SECRET), p.toString());
        assertFalse(p.displayUrl().contains(SECRET));
        assertTrue(p.displayUrl().contains("password=***"), p.displayUrl());
        assertTrue(p.displayUrl().contains("ssl=true"));

        StoreConfig libpq = StoreConfig.of("postgresql://dave:" + SECRET + "@pg.internal:5439/results", null, null);
        assertEquals("dave", libpq.user());
        assertEquals(SECRET, libpq.password());
        assertEquals("pg.internal:5439/results", libpq.where());
        assertFalse(libpq.toString().contains(SECRET));
        assertFalse(libpq.url().contains(SECRET), "the password is moved out of the URL");

        assertEquals("x *** y", libpq.redact("x " + SECRET + " y"));
        assertEquals("postgresql://u:***@h/db", StoreConfig.redact("postgresql://u:pw@h/db", null));
    }

    @Test
    void badUrlsAndSchemaNamesAreRefusedWithoutThePassword() {
        StoreException url = assertThrows(StoreException.class, () -> StoreConfig.of("jdbc:mysql://h/db?password=" + SECRET, "u", SECRET));
        assertEquals(StoreException.Kind.CONFIG, url.kind());
        assertFalse(url.getMessage().contains(SECRET), url.getMessage());
        StoreException schema = assertThrows(StoreException.class,
                () -> StoreConfig.resolve("jdbc:postgresql://h/db", null, Map.of(StoreConfig.ENV_SCHEMA, "x; drop")));
        assertEquals(StoreException.Kind.CONFIG, schema.kind());
        assertNull(StoreConfig.of("jdbc:postgresql://h/db", "u", "").password());
    }

    @Test
    void libpqVariablesComeAfterTheSuitesOwn() {
        Map<String, String> pg = Map.of("PGHOST", "pg.example", "PGPORT", "6543", "PGDATABASE", "bench",
                "PGUSER", "alice", "PGPASSWORD", SECRET);
        StoreConfig c = StoreConfig.resolve(null, null, pg);
        assertEquals("pg.example:6543/bench", c.where());
        assertEquals("alice", c.user());
        assertEquals(SECRET, c.password());
        assertFalse(c.toString().contains(SECRET));

        Map<String, String> both = new java.util.HashMap<>(pg);
        both.putAll(Map.of(StoreConfig.ENV_URL, "jdbc:postgresql://suite:5432/own", StoreConfig.ENV_USER, "ci",
                StoreConfig.ENV_PASSWORD, "other-secret"));
        StoreConfig own = StoreConfig.resolve(null, null, both);
        assertEquals("suite:5432/own", own.where());
        assertEquals("ci", own.user());
        assertEquals("other-secret", own.password());

        assertEquals("localhost:5432/bob", StoreConfig.resolve(null, null, Map.of("PGHOST", "localhost", "PGUSER", "bob")).where(),
                "libpq's defaults: port 5432, database named as the user");
        StoreException socket = assertThrows(StoreException.class, () -> StoreConfig.resolve(null, null, Map.of("PGHOST", "/var/run/postgresql")));
        assertTrue(socket.getMessage().contains("socket directory"), socket.getMessage());
        for (String port : List.of("abc", "0", "65536", "54 32")) {
            StoreException bad = assertThrows(StoreException.class, () -> StoreConfig.resolve(null, null, Map.of("PGHOST", "localhost", "PGPORT", port)));
            assertTrue(bad.getMessage().startsWith("PGPORT=" + port.strip() + " is not a port number; allowed: 1 to 65535"), bad.getMessage());
        }
        assertEquals("localhost:65535/bob", StoreConfig.resolve(null, null, Map.of("PGHOST", "localhost", "PGPORT", "65535", "PGUSER", "bob")).where());
        StoreException none = assertThrows(StoreException.class, () -> StoreConfig.resolve(null, null, Map.of()));
        assertTrue(none.getMessage().contains("PGHOST"), none.getMessage());
        assertTrue(none instanceof dev.dgmbench.results.BadInputException, "exit 2");
    }
}
