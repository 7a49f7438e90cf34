package dev.dgmbench.store;

import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.StudyResults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** push, load, history and baseline against a real PostgreSQL. */
class PushLoadTest {
    @TempDir
    Path tmp;
    StoreConfig config;
    ResultsStore store;

    private int loads;

    /** Loads go into the test's temporary folder, which JUnit deletes. */
    private Path into() {
        return tmp.resolve("load-" + loads++);
    }

    @BeforeEach
    void open() {
        config = TestPostgres.freshSchema("pushload");
        store = ResultsStore.open(config);
    }

    @AfterEach
    void drop() {
        TestPostgres.drop(config);
    }

    @Test
    void aStudyLoadedFromTheStoreEqualsTheFolder() throws Exception {
        Path folder = Synthetic.study(tmp.resolve("study"), "vae-beta", 8, "c0ffee0000000000000000000000000000000001", "cpu-avx2");
        Map<String, String> before = StoreChecks.snapshot(folder);

        PushReport report = store.push(folder);
        assertEquals(8, report.runs());
        assertEquals(8, report.added());
        assertEquals(0, report.existing());
        assertEquals(2, report.claims());
        assertEquals(before, StoreChecks.snapshot(folder), "push only reads the folder");
        assertEquals(8, StoreChecks.assertConsistent(config));

        StoredStudy loaded = store.load("vae-beta", LoadFilter.latest(), tmp.resolve("loaded"));
        assertEquals(tmp.resolve("loaded"), loaded.results().folder());
        assertEquals(Synthetic.specDigest("vae-beta"), loaded.specDigest());
        assertEquals("c0ffee0000000000000000000000000000000001", loaded.commit());
        assertEquals(List.of("cpu-avx2"), loaded.backends());
        StoreChecks.assertSameStudy(folder, loaded.results().folder());

        // by digest prefix and by commit prefix too, into a temporary folder
        StoredStudy byDigest = store.load(Synthetic.specDigest("vae-beta").substring(0, 10), LoadFilter.latest().withCommit("c0ffee"), into());
        StoreChecks.assertSameStudy(folder, byDigest.results().folder());
        assertEquals("2", store.schemaVersion());
    }

    @Test
    void pushingTwiceChangesNothing() throws Exception {
        Path folder = Synthetic.study(tmp.resolve("study"), "twice", 6, "aaaa", "cpu-avx2");
        store.push(folder);
        long metrics = StoreChecks.count(config, "SELECT count(*) FROM metric");
        String rows = rows();
        PushReport again = store.push(folder);
        assertEquals(0, again.added());
        assertEquals(6, again.existing());
        assertTrue(again.differing().isEmpty());
        assertEquals(rows, rows(), "no stored run changed");
        assertEquals(metrics, StoreChecks.count(config, "SELECT count(*) FROM metric"));
        assertEquals(2, StoreChecks.count(config, "SELECT count(*) FROM push WHERE finished_at IS NOT NULL"));
        // reopening migrates nothing and keeps the data
        ResultsStore.open(config);
        assertEquals(6, StoreChecks.assertConsistent(config));
    }

    private String rows() throws Exception {
        StringBuilder sb = new StringBuilder();
        try (var c = TestPostgres.connect(config); var ps = c.prepareStatement(
                "SELECT id, run_id, digest, pushed_at, push_id, status FROM run ORDER BY id"); var rs = ps.executeQuery()) {
            while (rs.next()) {
                for (int i = 1; i <= 6; i++) sb.append(rs.getString(i)).append(' ');
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    @Test
    void anOkRunReplacesAFailedOneAndOtherNumbersAreReported() throws Exception {
        String study = "rerun";
        List<RunResult> runs = Synthetic.runs(study, 4, "bbbb", "cpu-avx2", "ci-1"); // run 3 FAILED
        store.push(Synthetic.write(tmp.resolve("first"), Synthetic.info(study, 4), runs, null));
        assertEquals(1, StoreChecks.count(config, "SELECT count(*) FROM run WHERE status = 'FAILED'"));

        List<RunResult> fixed = new ArrayList<>(runs);
        fixed.set(3, Synthetic.run(study, 3, "bbbb", "cpu-avx2", "ci-2", false));  // now OK
        fixed.set(0, Synthetic.run(study, 0, "bbbb-other-seed-of-numbers", "cpu-avx2", "ci-2", false)); // same id, other numbers
        fixed.set(0, withCommit(fixed.get(0), "bbbb"));
        PushReport r = store.push(Synthetic.write(tmp.resolve("second"), Synthetic.info(study, 4), fixed, null));
        assertEquals(0, r.added());
        assertEquals(1, r.replaced());
        assertEquals(3, r.existing());
        assertEquals(1, r.differing().size());
        assertEquals(Synthetic.runId(0), r.differing().get(0).runId());
        assertEquals(0, StoreChecks.count(config, "SELECT count(*) FROM run WHERE status = 'FAILED'"));
        assertEquals(4, StoreChecks.assertConsistent(config));
        // the stored numbers of run 0 are the first push's
        StoredStudy loaded = store.load(study, LoadFilter.latest(), into());
        assertEquals(runs.get(0).digest(), loaded.results().runs().get(0).digest());
        assertEquals(fixed.get(3).digest(), loaded.results().runs().stream()
                .filter(x -> x.info().runId().equals(Synthetic.runId(3))).findFirst().orElseThrow().digest());
    }

    private static RunResult withCommit(RunResult r, String commit) {
        var p = new java.util.TreeMap<>(r.provenance());
        p.put("commit", commit);
        return new RunResult(r.info(), r.metrics(), r.history(), r.timings(), p, r.samples(), r.traces(), r.digest());
    }

    @Test
    void historyListsRunSetsAcrossCommitsBackendsAndMachinesWithTheMeanOfAMetric() throws Exception {
        String study = "hist";
        List<List<RunResult>> sets = List.of(
                Synthetic.runs(study, 8, "1111", "cpu-avx2", "ci-1"),
                Synthetic.runs(study, 8, "1111", "cpu-avx512", "ci-2"),
                Synthetic.runs(study, 8, "2222", "cpu-avx2", "ci-1"));
        int k = 0;
        for (List<RunResult> runs : sets) {
            store.push(Synthetic.write(tmp.resolve("s" + k++), Synthetic.info(study, 8), runs, Synthetic.claims()));
            Thread.sleep(5); // distinct push times
        }
        List<HistoryRow> rows = store.history(study, "nll");
        assertEquals(3, rows.size(), HistoryRow.format(rows));
        for (int i = 0; i < 3; i++) {
            HistoryRow row = rows.get(i);
            List<RunResult> runs = sets.get(i);
            assertEquals(runs.get(0).provenance().get("commit"), row.commit());
            assertEquals(runs.get(0).info().backend(), row.backend());
            assertEquals(runs.get(0).provenance().get("host"), row.host());
            assertEquals("linux-x86_64-avx2", row.build());
            assertEquals(8, row.runs());
            assertEquals(7, row.ok());
            double mean = runs.stream().filter(r -> r.info().status() == dev.dgmbench.results.RunStatus.OK)
                    .mapToDouble(r -> r.metrics().get(null, "nll")).average().orElseThrow();
            assertEquals(mean, row.mean(), 1e-9);
            assertEquals(7, row.metricRuns());
        }
        assertTrue(rows.get(0).pushedAt().isBefore(rows.get(2).pushedAt()));

        List<HistoryRow> langevin = store.history(study, "langevin.frechet");
        double mean = sets.get(0).stream().filter(r -> r.info().status() == dev.dgmbench.results.RunStatus.OK)
                .mapToDouble(r -> r.metrics().get("langevin", "frechet")).average().orElseThrow();
        assertEquals(mean, langevin.get(0).mean(), 1e-9);
        assertNull(store.history(study, "no_such_metric").get(0).mean());
        assertEquals(3, store.history(study, null).size());
        assertTrue(HistoryRow.format(rows).contains("cpu-avx512"));

        // load: latest commit is 2222; several backends at 1111 need a filter
        assertEquals("2222", store.load(study, LoadFilter.latest(), into()).commit());
        StoreException amb = assertThrows(StoreException.class, () -> store.load(study, LoadFilter.latest().withCommit("1111")));
        assertEquals(StoreException.Kind.AMBIGUOUS, amb.kind());
        assertTrue(amb.getMessage().contains("cpu-avx512"), amb.getMessage());
        StoredStudy avx512 = store.load(study, LoadFilter.latest().withCommit("1111").withBackend("cpu-avx512"), into());
        assertEquals(List.of("cpu-avx512"), avx512.backends());
        StoreChecks.assertSameStudy(tmp.resolve("s1"), avx512.results().folder());

        // baseline: the latest other than the commit under test
        StoredStudy base = store.baseline(study, "cpu-avx2", "latest", "2222", tmp.resolve("base"));
        assertEquals("1111", base.commit());
        StoreChecks.assertSameStudy(tmp.resolve("s0"), base.results().folder());
        assertEquals("2222", store.baseline(study, "cpu-avx2", "latest", into()).commit());
        assertEquals("1111", store.baseline(study, "cpu-avx2", "commit:11", into()).commit());
        assertEquals("2222", store.baseline(study, "cpu-avx2", "branch:main", into()).commit());

        StoreException none = assertThrows(StoreException.class, () -> store.baseline(study, "gpu", "latest", null));
        assertEquals(StoreException.Kind.NOT_FOUND, none.kind());
        assertTrue(none.getMessage().contains("cpu-avx2"), none.getMessage());
        StoreException unknown = assertThrows(StoreException.class, () -> store.load("nope", LoadFilter.latest()));
        assertEquals(StoreException.Kind.NOT_FOUND, unknown.kind());
        assertTrue(unknown.getMessage().contains("hist"), unknown.getMessage());
    }

    @Test
    void valuesThatLookLikeSqlAreJustValues() throws Exception {
        String study = "x'; DROP TABLE run; --";
        Path folder = Synthetic.study(tmp.resolve("evil"), study, 4, "dead'beef", "cpu\"; --");
        store.push(folder);
        StoredStudy loaded = store.load(study, LoadFilter.latest().withBackend("cpu\"; --"), into());
        StoreChecks.assertSameStudy(folder, loaded.results().folder());
        assertNotNull(store.history(study, "nll"));
        assertEquals(4, StoreChecks.count(config, "SELECT count(*) FROM run"));
        assertTrue(StudyResults.read(loaded.results().folder()).runs().size() == 4);
    }
}
