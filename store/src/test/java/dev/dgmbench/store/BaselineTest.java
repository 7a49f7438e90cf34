package dev.dgmbench.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** compare --baseline SPEC[@BACKEND[@COMMIT]] against a real PostgreSQL (issue 17). */
class BaselineTest {
    static final String OLD = "aaaa000000000000000000000000000000000001", NEW = "bbbb000000000000000000000000000000000002";

    @TempDir
    Path tmp;
    StoreConfig config;
    ResultsStore store;

    @BeforeEach
    void open() {
        config = TestPostgres.freshSchema("baseline");
        store = ResultsStore.open(config);
        store.push(Synthetic.study(tmp.resolve("old"), "vae-beta", 4, OLD, "cpu-avx2"));
    }

    @AfterEach
    void drop() {
        if (store == null) return; // skipped: no PostgreSQL
        store.close();
        TestPostgres.drop(config);
    }

    @Test
    void rightAfterPushingTheOnlyCommitLatestNeedsIncludeCurrentAndSaysSo() {
        StoreException e = assertThrows(StoreException.class, () -> Baseline.fetch(store, "vae-beta", OLD, false));
        assertEquals(StoreException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("--include-current-commit"), e.getMessage());
        try (Baseline b = Baseline.fetch(store, "vae-beta", OLD, true)) {
            assertEquals("vae-beta@aaaa00000000", b.label());
            assertEquals(OLD, b.stored().commit());
        }
        try (Baseline b = Baseline.fetch(store, "vae-beta@cpu-avx2@aaaa0000", OLD, false)) {
            assertEquals(OLD, b.stored().commit(), "a named commit is never left out");
        }
    }

    @Test
    void latestLeavesTheCommitUnderTestOutAndTheFolderIsRemovedOnClose() {
        store.push(Synthetic.study(tmp.resolve("new"), "vae-beta", 4, NEW, "cpu-avx2"));
        Path folder;
        try (Baseline b = Baseline.fetch(store, "vae-beta@cpu-avx2", NEW, false)) {
            assertEquals(OLD, b.stored().commit());
            folder = b.folder();
            assertTrue(Files.isDirectory(folder.resolve("runs")));
            assertEquals(4, b.stored().results().runs().size());
        }
        assertFalse(Files.exists(folder), "no temporary folder leaks");
        try (Baseline b = Baseline.fetch(store, "vae-beta@@latest", NEW, true)) {
            assertEquals(NEW, b.stored().commit());
        }
        try (Baseline b = Baseline.fetch(store, "vae-beta@@commit:aaaa", NEW, false)) {
            assertEquals(OLD, b.stored().commit());
        }
    }

    @Test
    void malformedSelectorsAreBadInput() {
        for (String bad : new String[]{"", "@cpu", "a@b@c@d"}) {
            StoreException e = assertThrows(StoreException.class, () -> Baseline.Selector.parse(bad));
            assertTrue(e.getMessage().contains("SPEC[@BACKEND[@COMMIT]]"), e.getMessage());
        }
        assertEquals(new Baseline.Selector("quick", "cpu", "latest"), Baseline.Selector.parse("quick@cpu"));
        assertEquals(new Baseline.Selector("quick", null, "branch:main"), Baseline.Selector.parse("quick@@branch:main"));
    }
}
