package dev.dgmbench.store;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A push that dies half-way leaves only complete runs; pushing again completes the study. */
class KilledPushTest extends FreshSchemaTest {
    @Test
    void anExceptionInsideARunsTransactionLeavesTheEarlierRunsWholeAndThatRunOut() throws Exception {
        config = TestPostgres.freshSchema("killed");
        ResultsStore store = ResultsStore.open(config);
        Path folder = Synthetic.study(tmp.resolve("study"), "crash", 12, "7777", "cpu-avx2");
        int k = 5;
        RuntimeException boom = assertThrows(RuntimeException.class, () -> store.push(folder, (c, run, i) -> {
            if (i == k) throw new IllegalStateException("injected failure after " + k + " runs");
        }));
        assertTrue(boom.getMessage().contains("injected"), boom.getMessage());
        assertEquals(k, StoreChecks.assertConsistent(config), "runs 0..k-1 whole, run k rolled back");
        assertEquals(1, StoreChecks.count(config, "SELECT count(*) FROM push WHERE finished_at IS NULL"));
        assertEquals(0, StoreChecks.count(config, "SELECT count(*) FROM claim"));

        PushReport again = store.push(folder);
        assertEquals(12 - k, again.added());
        assertEquals(k, again.existing());
        assertEquals(12, StoreChecks.assertConsistent(config));
        StoreChecks.assertSameStudy(folder, store.load("crash", LoadFilter.latest(), tmp.resolve("loaded")).results().folder());
    }

    @Test
    void aConnectionLostInsideARunsTransactionLeavesNoHalfRunAndSaysHowToFinish() throws Exception {
        config = TestPostgres.freshSchema("lost");
        ResultsStore store = ResultsStore.open(config);
        Path folder = Synthetic.study(tmp.resolve("study"), "lost", 10, "8888", "cpu-avx2");
        Map<String, String> before = StoreChecks.snapshot(folder);
        StoreException e = assertThrows(StoreException.class, () -> store.push(folder, (c, run, i) -> {
            if (i == 3) c.close(); // the run row is written, its metrics not yet
        }));
        assertTrue(e.getMessage().contains("stopped after 3 of 10 runs"), e.getMessage());
        assertTrue(e.getMessage().contains("push again"), e.getMessage());
        assertEquals(3, StoreChecks.assertConsistent(config));
        assertEquals(before, StoreChecks.snapshot(folder));

        assertEquals(7, store.push(folder).added());
        assertEquals(10, StoreChecks.assertConsistent(config));
        StoreChecks.assertSameStudy(folder, store.load("lost", LoadFilter.latest(), tmp.resolve("loaded")).results().folder());
    }

    @Test
    void aPushingJvmKilledMidWayLeavesOnlyWholeRunsAndARepeatedPushCompletesTheStudy() throws Exception {
        config = TestPostgres.freshSchema("jvm");
        ResultsStore store = ResultsStore.open(config);
        int n = 20;
        Path folder = Synthetic.study(tmp.resolve("study"), "killed", n, "9999", "cpu-avx2");

        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", testClassPath(),
                PushProcess.class.getName(), folder.toString(), "250"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile());
        // the store (and its password) reach the child through its environment, not its command line
        pb.environment().put(StoreConfig.ENV_URL, config.url());
        if (config.user() != null) pb.environment().put(StoreConfig.ENV_USER, config.user());
        if (config.password() != null) pb.environment().put(StoreConfig.ENV_PASSWORD, config.password());
        pb.environment().put(StoreConfig.ENV_SCHEMA, config.schema());
        Process child = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (runs() < 4) {
                assertTrue(child.isAlive(), () -> "the pushing JVM ended early: " + log());
                assertTrue(System.nanoTime() < deadline, () -> "the pushing JVM stored nothing in 90 s: " + log());
                Thread.sleep(20);
            }
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        int stored = StoreChecks.assertConsistent(config);
        assertTrue(stored >= 4 && stored < n, "killed after " + stored + " runs");
        assertEquals(1, StoreChecks.count(config, "SELECT count(*) FROM push WHERE finished_at IS NULL"));

        PushReport again = store.push(folder);
        assertEquals(stored, again.existing());
        assertEquals(n - stored, again.added());
        assertEquals(n, StoreChecks.assertConsistent(config));
        StoreChecks.assertSameStudy(folder, store.load("killed", LoadFilter.latest(), tmp.resolve("loaded")).results().folder());
    }

    private long runs() throws SQLException {
        try {
            return StoreChecks.count(config, "SELECT count(*) FROM run");
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) return 0;
            throw e;
        }
    }

    private String log() {
        try {
            return Files.readString(tmp.resolve("child.log"));
        } catch (Exception e) {
            return "(no log)";
        }
    }

    private static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) cp = System.getProperty("java.class.path");
        assertFalse(cp.isBlank());
        return cp.replace(File.pathSeparator + File.pathSeparator, File.pathSeparator);
    }
}
