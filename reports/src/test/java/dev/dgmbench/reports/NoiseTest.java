package dev.dgmbench.reports;

import dev.dgmbench.reports.compare.CompareThresholds;
import dev.dgmbench.reports.compare.Regression;
import dev.dgmbench.results.RunMetrics;
import dev.dgmbench.results.RunResult;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17: two reruns of one spec that differ only by timing noise, JIT warm-up and worker count must not be
 * reported as a regression with the default thresholds, while a planted 2x slowdown and a planted NLL shift are.
 */
class NoiseTest {
    @TempDir
    static Path tmp;
    static Path twoWorkers, oneWorker;

    /**
     * A rerun: same metrics (bit-identical, as reruns of one spec are), timings with 5% log-normal noise, one worker
     * count for all runs, and the first run of each worker 5x slower (JIT warm-up), as in the measurements.
     */
    static Path rerun(Path base, Path to, int workers, long noiseSeed) {
        Random rnd = new Random(noiseSeed);
        int[] index = {0};
        return Synthetic.copy(base, to, r -> {
            int runIndex = index[0]++ / workers; // runs handed out round-robin to the workers
            double noise = Math.exp(0.05 * rnd.nextGaussian()) * (runIndex == 0 ? 5 : 1);
            Map<String, Double> t = new TreeMap<>();
            r.timings().forEach((k, v) -> t.put(k, k.endsWith("per_second") ? v / noise : v * noise));
            Map<String, String> prov = new TreeMap<>(r.provenance());
            prov.put("workers", String.valueOf(workers));
            prov.put("worker_run_index", String.valueOf(runIndex));
            return new RunResult(r.info(), r.metrics(), r.history(), t, prov, r.samples(), r.traces(), null);
        });
    }

    @BeforeAll
    static void folders() {
        Path base = Synthetic.study(tmp.resolve("base"));
        twoWorkers = rerun(base, tmp.resolve("two-workers"), 2, 1);
        oneWorker = rerun(base, tmp.resolve("one-worker"), 1, 2);
    }

    @Test
    void rerunsWithDifferentWorkerCountsAreNotARegression() throws Exception {
        for (List<Path> pair : List.of(List.of(twoWorkers, oneWorker), List.of(oneWorker, twoWorkers))) {
            ReportSummary s = Reports.writeComparison(pair, List.of("A", "B"), CompareThresholds.defaults(), tmp.resolve("noise"));
            assertEquals(0, s.exitCode(), () -> "regressions: " + s.regressions());
            String md = Files.readString(tmp.resolve("noise/compare.md"));
            assertFalse(md.contains("REGRESSION"), md);
            assertTrue(md.contains("workers differs: "), "the worker counts are named: " + md);
            assertTrue(md.contains("warm-up runs left out"), md);
        }
    }

    @Test
    void aPlantedTwoTimesSlowdownIsCaught() throws Exception {
        Path sameSetup = rerun(tmp.resolve("base"), tmp.resolve("two-workers-again"), 2, 3);
        Path slow = Synthetic.copy(sameSetup, tmp.resolve("slow"), r -> Synthetic.slower(r, 2.0));
        ReportSummary s = Reports.writeComparison(List.of(twoWorkers, slow), List.of("A", "B"), CompareThresholds.defaults(), tmp.resolve("slow-out"));
        assertEquals(1, s.exitCode());
        List<String> what = s.regressions().stream().map(Regression::what).sorted().toList();
        assertEquals(List.of("slowdown epoch_seconds", "slowdown langevin_steps_per_second", "slowdown nll_seconds", "slowdown train_seconds"), what);
        for (Regression r : s.regressions()) assertTrue(r.value() > 1.8 && r.value() < 2.2, r.toString());

        // the same slowdown against a side with another worker count is a warning, not a regression
        ReportSummary other = Reports.writeComparison(List.of(oneWorker, slow), List.of("A", "B"), CompareThresholds.defaults(), tmp.resolve("slow-other"));
        assertEquals(0, other.exitCode(), () -> "regressions: " + other.regressions());
        String md = Files.readString(tmp.resolve("slow-other/compare.md"));
        assertTrue(java.util.regex.Pattern.compile("epoch_seconds is (1\\.9|2\\.[01])\\dx slower").matcher(md).find(), md);
        assertTrue(md.contains("x slower, not counted as a regression: the two sides ran under different conditions"), md);
        String warning = md.lines().filter(l -> l.contains("epoch_seconds is")).findFirst().orElseThrow().substring(2);
        assertEquals(1, md.split(java.util.regex.Pattern.quote(warning), -1).length - 1, "each warning once on the page: " + md);
        assertTrue(md.contains("warning(s): the sides ran under different conditions (below)"), md);
        assertTrue(other.lines().stream().anyMatch(l -> l.equals("warning: " + warning)), "the console lists each: " + other.lines());
    }

    @Test
    void aPlantedNllShiftIsCaughtAndNothingElse() {
        String run = Synthetic.runId(1.0, 10, 2);
        Path shifted = Synthetic.copy(oneWorker, tmp.resolve("nll"), r -> {
            if (!r.info().runId().equals(run)) return r;
            Map<String, Double> model = new TreeMap<>(r.metrics().model());
            model.put("nll", model.get("nll") * 1.002); // 0.2%: beyond the likelihood limit of 0.1%
            return Synthetic.withMetrics(r, new RunMetrics(model, r.metrics().samplers()));
        });
        ReportSummary s = Reports.writeComparison(List.of(twoWorkers, shifted), List.of("A", "B"), CompareThresholds.defaults(), tmp.resolve("nll-out"));
        assertEquals(1, s.regressions().size(), () -> "regressions: " + s.regressions());
        Regression r = s.regressions().get(0);
        assertEquals("metric drift model.nll", r.what());
        assertEquals("B vs A in " + run, r.where());
        assertEquals(0.002, r.value(), 1e-9);
        assertEquals(0.001, r.threshold());
    }

    @Test
    void aSampleMetricMovingByFivePercentIsWithinItsFamilyLimit() {
        Path moved = Synthetic.copy(oneWorker, tmp.resolve("frechet"), r -> {
            Map<String, Map<String, Double>> samplers = new TreeMap<>(r.metrics().samplers());
            if (samplers.containsKey("prior")) {
                Map<String, Double> prior = new TreeMap<>(samplers.get("prior"));
                prior.put("frechet", prior.get("frechet") * 1.05);
                samplers.put("prior", prior);
            }
            return Synthetic.withMetrics(r, new RunMetrics(r.metrics().model(), samplers));
        });
        ReportSummary s = Reports.writeComparison(List.of(twoWorkers, moved), List.of("A", "B"), CompareThresholds.defaults(), tmp.resolve("frechet-out"));
        assertEquals(0, s.exitCode(), () -> "regressions: " + s.regressions());
    }

    /** {@code sampler.metric} multiplied by {@code factor} in every run of a copy of the one-worker rerun. */
    private static Path scaled(String name, String sampler, String metric, double factor) {
        return Synthetic.copy(oneWorker, tmp.resolve(name), r -> {
            Map<String, Map<String, Double>> samplers = new TreeMap<>(r.metrics().samplers());
            if (samplers.containsKey(sampler)) {
                Map<String, Double> m = new TreeMap<>(samplers.get(sampler));
                m.put(metric, m.getOrDefault(metric, 0.01) * factor);
                samplers.put(sampler, m);
            }
            return Synthetic.withMetrics(r, new RunMetrics(r.metrics().model(), samplers));
        });
    }

    @Test
    void sirIsLooserAndDescriptiveMetricsAreNotChecked() {
        CompareThresholds d = CompareThresholds.defaults();
        assertEquals(0, Reports.writeComparison(List.of(twoWorkers, scaled("sir-kid", "sir", "kid", 1.3)), List.of("A", "B"), d,
                tmp.resolve("sir-out")).exitCode(), "SIR's KID may move by 30%");
        ReportSummary prior = Reports.writeComparison(List.of(twoWorkers, scaled("prior-kid", "prior", "kid", 1.3)), List.of("A", "B"), d,
                tmp.resolve("prior-out"));
        assertEquals(List.of("metric drift prior.kid"), prior.regressions().stream().map(Regression::what).toList());
        assertEquals(0.25, prior.regressions().get(0).threshold());
        assertEquals(0, Reports.writeComparison(List.of(twoWorkers, scaled("kid-sd", "prior", "kid_sd", 2)), List.of("A", "B"), d,
                tmp.resolve("kid-sd-out")).exitCode(), "KID's sd over subsets is descriptive");
    }
}
