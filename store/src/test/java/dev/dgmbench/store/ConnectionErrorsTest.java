package dev.dgmbench.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Failures to reach or log into the store say where and what, and never show the password. */
class ConnectionErrorsTest {
    static final String SECRET = "s3cret-Pa55word-x9";

    @TempDir
    Path tmp;

    @Test
    void anUnreachableServerGivesAClearErrorAndLeavesTheFolderUntouched() {
        Path folder = Synthetic.study(tmp.resolve("study"), "offline", 4, "abcd", "cpu-avx2");
        Map<String, String> before = StoreChecks.snapshot(folder);
        StoreConfig config = StoreConfig.of("jdbc:postgresql://127.0.0.1:1/teamstore?password=" + SECRET, "alice", SECRET);
        StoreException e = assertThrows(StoreException.class, () -> ResultsStore.open(config).push(folder));
        assertEquals(StoreException.Kind.CONNECTION_REFUSED, e.kind());
        String m = e.getMessage();
        assertTrue(m.contains("127.0.0.1:1"), m);
        assertTrue(m.contains("teamstore"), m);
        assertTrue(m.contains("connection refused"), m);
        assertNoSecret(e);
        assertEquals(before, StoreChecks.snapshot(folder), "the result folder is untouched");
    }

    @Test
    void aWrongPasswordNamesHostPortAndDatabaseButNotThePassword() {
        StoreConfig server = TestPostgres.server();
        StoreConfig wrong = StoreConfig.of(server.url(), server.user(), SECRET);
        StoreException e = assertThrows(StoreException.class, () -> ResultsStore.open(wrong));
        assertEquals(StoreException.Kind.AUTHENTICATION, e.kind(), e.getMessage());
        String m = e.getMessage();
        assertTrue(m.contains(server.host() + ":" + server.port()), m);
        assertTrue(m.contains(server.database()), m);
        assertTrue(m.contains("authentication failed"), m);
        assertNoSecret(e);
        if (server.password() != null) assertFalse(m.contains(server.password()), m);
    }

    @Test
    void noPasswordAtAllSaysSo() {
        StoreConfig server = TestPostgres.server();
        StoreException e = assertThrows(StoreException.class,
                () -> ResultsStore.open(StoreConfig.of(server.url(), server.user(), null)));
        assertEquals(StoreException.Kind.AUTHENTICATION, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains(StoreConfig.ENV_PASSWORD), e.getMessage());
    }

    @Test
    void anUnknownDatabaseIsNamed() {
        StoreConfig server = TestPostgres.server();
        String url = server.url().replace("/" + server.database(), "/no_such_store_db");
        StoreException e = assertThrows(StoreException.class,
                () -> ResultsStore.open(StoreConfig.of(url, server.user(), server.password())));
        assertEquals(StoreException.Kind.UNKNOWN_DATABASE, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("no_such_store_db"), e.getMessage());
        assertTrue(e.getMessage().contains(server.host() + ":" + server.port()), e.getMessage());
        if (server.password() != null) assertFalse(e.getMessage().contains(server.password()));
    }

    static void assertNoSecret(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        assertFalse(w.toString().contains(SECRET), w.toString());
        assertFalse(String.valueOf(e).contains(SECRET));
    }
}
