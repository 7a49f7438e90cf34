package dev.dgmbench.suite.cli;

import dev.dgmbench.results.ResultFolder;
import dev.dgmbench.results.RunMetrics;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.StudyResults;
import dev.dgmbench.suite.run.E2E;
import dev.dgmbench.suite.run.ReferenceStudy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17 through the real CLI: {@code compare} of two reruns of the tiny study (2 workers, then 1) exits 0 with
 * no REGRESSION line, while a planted 2x slowdown and a planted NLL shift in a copy are caught; the CLI's refusals
 * (unknown history metric, a single backend) come before any work, and {@code --version} names commit and ND4J.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CompareCliTest extends ReferenceStudy {

    /** A copy of the reference folder with every run changed (digests recomputed by the result format). */
    private static Path copy(String name, UnaryOperator<RunResult> change) throws IOException {
        Path to = tmp.resolve(name);
        StudyResults s = StudyResults.read(reference);
        StudyResults.writeStudyInfo(to, s.info());
        for (RunResult r : s.runs()) ResultFolder.commit(to.resolve(StudyResults.RUNS), change.apply(r), null);
        return to;
    }

    @Test
    void rerunsAreNoRegressionButPlantedChangesAre() throws IOException {
        Path rerun = tmp.resolve("rerun-one-worker");
        E2E.run(spec, rerun, 1);
        E2E.Result same = E2E.cli("compare", reference.toString(), rerun.toString(), "--out", tmp.resolve("cmp-same").toString());
        assertEquals(Main.OK, same.code(), same::toString);
        assertFalse(same.out().contains("REGRESSION"), same::toString);
        assertTrue(same.out().contains("runs with identical metrics"), "short summary: " + same);
        assertTrue(same.out().contains("no regressions"), same::toString);

        Path slow = copy("slow", r -> {
            Map<String, Double> t = new TreeMap<>();
            r.timings().forEach((k, v) -> t.put(k, k.endsWith("per_second") ? v / 2 : v * 2));
            return new RunResult(r.info(), r.metrics(), r.history(), t, r.provenance(), r.samples(), r.traces(), null);
        });
        E2E.Result slower = E2E.cli("compare", reference.toString(), slow.toString(), "--out", tmp.resolve("cmp-slow").toString());
        assertEquals(1, slower.code(), slower::toString);
        assertTrue(slower.out().contains("REGRESSION slowdown "), slower::toString);

        String first = E2E.RUN_IDS.get(0);
        Path shifted = copy("nll", r -> {
            if (!r.info().runId().equals(first)) return r;
            Map<String, Double> model = new TreeMap<>(r.metrics().model());
            model.put("nll", model.get("nll") * 1.01);
            return new RunResult(r.info(), new RunMetrics(model, r.metrics().samplers()), r.history(), r.timings(),
                    r.provenance(), r.samples(), r.traces(), null);
        });
        E2E.Result nll = E2E.cli("compare", reference.toString(), shifted.toString(), "--out", tmp.resolve("cmp-nll").toString());
        assertEquals(1, nll.code(), nll::toString);
        assertTrue(nll.out().contains("REGRESSION metric drift model.nll at "), nll::toString);
        assertTrue(Files.exists(tmp.resolve("cmp-nll/compare.html")));
    }

    /**
     * Issue 26: a rerun with identical metrics on the same machine (the same command, 2 workers) is no regression at
     * the default thresholds in either order, three reruns in a row, although its timings vary: a slowdown needs
     * Holm-adjusted significance and its whole interval beyond 1.25x.
     */
    @Test
    void identicalRerunsAreNoRegressionInEitherOrderThreeTimes() {
        for (int i = 1; i <= 3; i++) {
            Path rerun = tmp.resolve("rerun-" + i);
            E2E.run(spec, rerun, 2);
            for (boolean reversed : new boolean[]{false, true}) {
                Path a = reversed ? rerun : reference, b = reversed ? reference : rerun;
                E2E.Result r = E2E.cli("compare", a.toString(), b.toString(), "--out", tmp.resolve("cmp-" + i + "-" + reversed).toString());
                assertEquals(Main.OK, r.code(), () -> "rerun " + r);
                assertFalse(r.out().contains("REGRESSION"), r::toString);
                assertTrue(r.out().contains("4 of 4 runs with identical metrics"), r::toString);
                assertTrue(r.out().contains("no regressions"), r::toString);
            }
        }
    }

    @Test
    void refusalsComeBeforeAnyWork() {
        E2E.Result check = E2E.cli("compare", reference.toString(), reference.toString(), "--drift-check", "maybe");
        assertEquals(Main.BAD_INPUT, check.code(), check::toString);
        assertTrue(check.err().contains("Invalid value for option '--drift-check': 'maybe' is not a drift check; allowed:"
                + " runs, conclusions"), check::toString);
        E2E.Result history = E2E.cli("history", "quick", "--metric", "sharpness");
        assertEquals(Main.BAD_INPUT, history.code(), history::toString);
        assertTrue(history.err().contains("unknown model metric 'sharpness'; allowed: nll, nll_nce, re, kl"), history::toString);
        E2E.Result sampler = E2E.cli("history", "quick", "--metric", "gibbs.kid");
        assertTrue(sampler.err().contains("unknown sampler 'gibbs'; allowed: model, prior, langevin, mala, sir"), sampler::toString);

        E2E.Result one = E2E.cli("compare-backends", spec.toString(), "--backends", "cpu-avx2", "--out", tmp.resolve("one").toString());
        assertEquals(Main.BAD_INPUT, one.code(), one::toString);
        assertTrue(one.err().contains("compare-backends needs two or more different backends"), one::toString);
        assertFalse(Files.exists(tmp.resolve("one")), "nothing ran");
    }

    @Test
    void versionNamesTheCommitAndNd4j() {
        E2E.Result v = E2E.cli("--version");
        assertEquals(Main.OK, v.code());
        assertTrue(v.out().matches("(?s)dgmbench \\S+ \\(commit [^)]+\\)\\RND4J .*\\(workers' backends: 1\\.0\\.0-M2\\.1\\).*"), v::toString);
        assertEquals("not on the class path", VersionProvider.nd4jVersion(new ClassLoader(null) { }));
    }

    @Test
    void verifyListsTheMissedClaimsOnStderr() throws IOException {
        Path out = tmp.resolve("verify-missed");
        Files.createDirectories(out.resolve(StudyResults.RUNS));
        Files.copy(reference.resolve(StudyResults.STUDY), out.resolve(StudyResults.STUDY));
        for (String id : E2E.RUN_IDS) E2E.copyTree(reference.resolve(StudyResults.RUNS).resolve(id), out.resolve(StudyResults.RUNS).resolve(id));
        Path wrong = E2E.tinySpec(tmp.resolve("spec-missed"), "tiny.yaml", t -> t.replaceFirst("expect: inconclusive", "expect: refuted"));
        E2E.Result missed = E2E.cli("verify", wrong.toString(), "--out", out.toString(), "--quiet", "--no-report");
        assertEquals(Main.CLAIM_MISSED, missed.code(), missed::toString);
        assertTrue(missed.err().contains("1 claim(s) missed their expected verdict:"), missed::toString);
        assertTrue(missed.err().contains("  " + E2E.CLAIM + ": INCONCLUSIVE, expected REFUTED"), missed::toString);
    }
}
