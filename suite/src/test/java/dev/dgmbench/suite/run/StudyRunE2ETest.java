package dev.dgmbench.suite.run;

import dev.dgmbench.results.ClaimResult;
import dev.dgmbench.results.ResultFolder;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.RunStatus;
import dev.dgmbench.results.StudyResults;
import dev.dgmbench.suite.plan.PlannedRun;
import dev.dgmbench.suite.plan.Planner;
import dev.dgmbench.suite.spec.SpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * End to end through {@code dgmbench run} with real worker JVMs on the tiny study (4 runs): everything is published,
 * the claims files are written, a second run is bit-identical, two workers taking runs as they become free do each
 * run once with one worker's digests, and a study killed with SIGKILL resumes to the same results, whatever its
 * workers had claimed. The reference study runs once for the class (about 15 s on 2 cores; the class 40 s here).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StudyRunE2ETest extends ReferenceStudy {

    @Test
    void everyPlannedRunIsPublishedWithTheClaimsFiles() throws IOException {
        List<String> planned = Planner.plan(SpecLoader.load(spec, true)).runs().stream().map(PlannedRun::runId).toList();
        assertEquals(E2E.RUN_IDS, planned);

        StudyResults results = StudyResults.read(reference);
        assertEquals(planned, results.info().runIds(), "study.json lists the planned runs");
        assertEquals("tiny", results.info().name());
        assertEquals(planned, E2E.published(reference));
        assertEquals(planned, E2E.runEntries(reference), "no temporary folders left in runs/");
        for (RunResult r : results.runs()) {
            assertEquals(RunStatus.OK, r.info().status(), r.info().runId() + ": " + r.info().failure());
            Path dir = reference.resolve(StudyResults.RUNS).resolve(r.info().runId());
            for (String f : List.of(ResultFolder.RUN, ResultFolder.METRICS, ResultFolder.HISTORY, ResultFolder.TIMINGS,
                    ResultFolder.PROVENANCE, ResultFolder.SAMPLES, ResultFolder.TRACES, ResultFolder.DIGEST)) {
                assertTrue(Files.isRegularFile(dir.resolve(f)), dir.resolve(f) + " is missing");
            }
            assertEquals(r.digest(), Files.readString(dir.resolve(ResultFolder.DIGEST)).trim());
            assertTrue(Files.isRegularFile(dir.resolve(ResultFolder.MODEL_DIR).resolve("vae.bin")), "model/vae.bin of " + dir);
            assertTrue(Files.isRegularFile(dir.resolve(ResultFolder.MODEL_DIR).resolve("nce.bin")), "model/nce.bin of " + dir);
            assertEquals(List.of("langevin", "mala", "prior", "sir"), List.copyOf(r.metrics().samplers().keySet()));
            for (String m : List.of("nll", "nll_nce", "kl", "re", "elbo", "loss", "bpd", "nce_accuracy")) {
                Double v = r.metrics().model().get(m);
                assertNotNull(v, m + " of " + r.info().runId());
                assertTrue(Double.isFinite(v), m + " of " + r.info().runId() + " = " + v);
            }
            assertTrue(r.history().size() >= 1 && r.history().size() <= 3, "at most max_epochs = 3 epochs");
        }

        assertTrue(Files.isRegularFile(reference.resolve(StudyResults.CLAIMS)));
        assertEquals(1, results.claims().size());
        ClaimResult c = results.claims().get(0);
        assertEquals(E2E.CLAIM, c.id());
        assertEquals(ClaimResult.Verdict.INCONCLUSIVE, c.expected());
        assertEquals(2, c.a().n());
        assertEquals(2, c.b().n());
        assertTrue(c.meetsExpectation(), () -> "verdict " + c.verdict() + ", p = " + c.pValue());

        Document xml = E2E.junit(reference);
        Element suite = xml.getDocumentElement();
        assertEquals("claims", suite.getAttribute("name"));
        assertEquals("1", suite.getAttribute("tests"));
        assertEquals("0", suite.getAttribute("failures"));
        assertEquals(1, xml.getElementsByTagName("testcase").getLength());
        assertEquals(E2E.CLAIM, ((Element) xml.getElementsByTagName("testcase").item(0)).getAttribute("name"));
        assertEquals(0, xml.getElementsByTagName("failure").getLength());
    }

    @Test
    void aSecondRunGivesBitIdenticalMetrics() {
        Path again = tmp.resolve("again");
        E2E.run(spec, again, 2);
        assertEquals(E2E.RUN_IDS, E2E.published(again));
        E2E.assertSameResults(reference, again);
    }

    /**
     * Two workers take runs as they become free (the reference study ran so too): run in a JVM of its own, its log
     * names each run finished exactly once, the queue is gone afterwards, every run records the worker that ran it,
     * and the digests are those of one worker doing every run in plan order.
     */
    @Test
    void twoWorkersTakingRunsAsTheyBecomeFreeDoEachRunOnceWithTheDigestsOfOneWorker() throws Exception {
        Path one = tmp.resolve("one-worker");
        E2E.run(spec, one, 1);
        assertEquals(E2E.RUN_IDS, E2E.published(one));
        E2E.assertSameResults(one, reference);

        Path taken = tmp.resolve("taken");
        Path log = tmp.resolve("taken.log");
        Process study = E2E.start(log, "run", spec.toString(), "--out", taken.toString(), "--no-report", "--workers", "2");
        assertEquals(0, study.waitFor(), () -> "the study failed:\n" + readOrEmpty(log));
        String text = Files.readString(log);
        assertTrue(text.contains("running 4 runs in 2 worker JVM(s), each taking the next run when it is free"), text);
        for (String id : E2E.RUN_IDS) {
            assertEquals(1, text.lines().filter(l -> l.startsWith("done " + id + ": OK")).count(), id + " done once:\n" + text);
        }
        assertFalse(Files.exists(taken.resolve(RunQueue.DIR)), "the run queue is removed when the workers are done");
        E2E.assertSameResults(one, taken);
        for (String id : E2E.RUN_IDS) {
            RunResult r = ResultFolder.read(taken.resolve(StudyResults.RUNS).resolve(id));
            assertEquals("2", r.provenance().get("workers"), id);
            assertTrue(java.util.Set.of("1", "2").contains(r.provenance().get(Worker.WORKER)), id + ": " + r.provenance());
        }
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * One worker continuing all four runs at once on threads that share its engine (the GPU backend's default)
     * publishes the metrics of two single-threaded workers, bit for bit, and records how it ran.
     */
    @Test
    void runsContinuedConcurrentlyInOneWorkerGiveTheSameMetrics() throws IOException {
        Path concurrent = tmp.resolve("concurrent");
        E2E.run(spec, concurrent, 1, "--concurrent-runs", "4");
        assertEquals(E2E.RUN_IDS, E2E.published(concurrent));
        E2E.assertSameResults(reference, concurrent);
        java.util.Set<String> indices = new java.util.TreeSet<>();
        for (String id : E2E.RUN_IDS) {
            RunResult r = ResultFolder.read(concurrent.resolve(StudyResults.RUNS).resolve(id));
            assertEquals("4", r.provenance().get("concurrent_runs"), id);
            assertEquals("1", r.provenance().get("workers"), id);
            indices.add(r.provenance().get("worker_run_index"));
        }
        assertEquals(java.util.Set.of("0", "1", "2", "3"), indices, "each run's start index in its worker");
    }

    @Test
    void aStudyKilledWithSigkillResumesToTheSameResults() throws Exception {
        Path out = tmp.resolve("killed");
        Path log = tmp.resolve("killed.log");
        // two workers, which take runs from the study's run queue
        Process study = E2E.start(log, "run", spec.toString(), "--out", out.toString(), "--no-report", "--workers", "2",
                "--quiet");
        try {
            E2E.await(study, log, "a run was published", () -> !E2E.published(out).isEmpty());
        } finally {
            killTree(study);
        }
        assertFalse(study.isAlive());

        // Whatever the kill interrupted: a folder without the leading '.' is a finished, readable run.
        List<String> entries = E2E.runEntries(out);
        List<String> finished = new ArrayList<>();
        Map<String, String> startedAt = new TreeMap<>();
        for (String name : entries) {
            if (name.startsWith(".")) continue;
            assertTrue(E2E.RUN_IDS.contains(name), "unexpected entry " + name + " in " + entries);
            RunResult r = ResultFolder.read(out.resolve(StudyResults.RUNS).resolve(name));
            assertEquals(RunStatus.OK, r.info().status());
            finished.add(name);
            startedAt.put(name, r.info().startedAt());
        }
        assertFalse(finished.isEmpty(), "entries " + entries);
        assertEquals(finished, E2E.published(out));

        // A writer killed just before its rename leaves a hidden folder with every file, even a digest; readers
        // and the resume must ignore it, and the rerun sweeps it away.
        Path leftover = out.resolve(StudyResults.RUNS).resolve("." + E2E.RUN_IDS.get(3) + ".tmp-999999");
        E2E.copyTree(reference.resolve(StudyResults.RUNS).resolve(E2E.RUN_IDS.get(3)), leftover);
        Path metrics = leftover.resolve(ResultFolder.METRICS);
        Files.write(metrics, Arrays.copyOf(Files.readAllBytes(metrics), 100));
        assertEquals(finished, E2E.published(out));
        assertEquals(finished.size(), StudyResults.read(out).runs().size());
        System.err.println("killed the study with " + finished.size() + " of " + E2E.RUN_IDS.size()
                + " runs published; runs/ held " + entries);

        // The killed study's run queue stays behind with its claims. Whatever its workers had taken when the kill
        // came, let every run be claimed there: none of the claims may keep the rerun from doing a run left to do.
        List<Path> queues;
        try (var s = Files.list(out.resolve(RunQueue.DIR))) {
            queues = s.toList();
        }
        assertEquals(1, queues.size(), "the killed invocation's queue: " + queues);
        for (String id : E2E.RUN_IDS) {
            Path claim = queues.get(0).resolve(RunQueue.CLAIMED).resolve(id);
            if (!Files.exists(claim)) Files.createFile(claim);
        }

        // The killed study's lock stays behind with its record; its process is gone, so the lock is taken over.
        E2E.Result rerun = E2E.run(spec, out, 2);
        assertTrue(rerun.err().contains("note: " + out + " was locked by pid " + study.pid() + " on host "), rerun::toString);
        assertFalse(Files.exists(out.resolve(OutputLock.FILE)), "released after the rerun");
        assertEquals(E2E.RUN_IDS, E2E.runEntries(out), "every run is published and the temporaries are swept");
        assertFalse(Files.exists(out.resolve(RunQueue.DIR)), "the killed invocation's queue is swept too");
        for (String id : finished) {
            RunResult r = ResultFolder.read(out.resolve(StudyResults.RUNS).resolve(id));
            assertEquals(startedAt.get(id), r.info().startedAt(), id + " was finished before the kill and must not run again");
        }
        E2E.assertSameResults(reference, out);
        assertEquals(Files.readString(reference.resolve(StudyResults.CLAIMS)), Files.readString(out.resolve(StudyResults.CLAIMS)));
        assertNull(E2E.junit(out).getElementsByTagName("failure").item(0));
    }

    /** kill -9 of the process and all its descendants (collected first: the children of a dead parent move away). */
    static void killTree(Process p) throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
        all.add(p.toHandle());
        for (ProcessHandle h : all) h.destroyForcibly();
        for (ProcessHandle h : all) {
            try {
                h.onExit().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                fail("process " + h.pid() + " did not die: " + e);
            }
        }
    }
}
