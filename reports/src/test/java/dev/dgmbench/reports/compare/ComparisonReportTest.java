package dev.dgmbench.reports.compare;

import dev.dgmbench.reports.ReportSummary;
import dev.dgmbench.reports.Reports;
import dev.dgmbench.reports.Synthetic;
import dev.dgmbench.reports.study.StudyReportTest;
import dev.dgmbench.reports.analysis.FolderAgreement;
import dev.dgmbench.reports.render.NumberFormats;
import dev.dgmbench.results.BadInputException;
import dev.dgmbench.results.StudyResults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonReportTest {
    static final CompareThresholds LIMITS = new CompareThresholds(0.05, 1.25);

    @TempDir
    static Path tmp;
    static Path base, perturbed, slow, oneSeed;
    static StudyResults baseStudy;

    @BeforeAll
    static void folders() {
        base = Synthetic.study(tmp.resolve("base"));
        perturbed = Synthetic.copy(base, tmp.resolve("perturbed"), r -> Synthetic.scaleMetrics(r, 1.10));
        slow = Synthetic.copy(base, tmp.resolve("slow"), r -> Synthetic.slower(r, 2.0));
        oneSeed = Synthetic.copy(base, tmp.resolve("one-seed"), r -> r.info().seed() == 1 ? Synthetic.scaleMetrics(r, 1.10) : null);
        baseStudy = StudyResults.read(base);
    }

    /** With -Dreports.keep=DIR the written comparisons are copied there for a look. */
    @org.junit.jupiter.api.AfterAll
    static void keep() throws Exception {
        String keep = System.getProperty("reports.keep");
        if (keep == null) return;
        for (String name : List.of("slow-report", "jmh-both", "self")) {
            Path from = tmp.resolve(name), to = Path.of(keep, name);
            if (!Files.isDirectory(from)) continue;
            Files.createDirectories(to);
            try (var files = Files.list(from)) {
                for (Path f : files.toList()) Files.copy(f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    static ComparisonReport compare(Path candidate, String label) {
        return ComparisonReport.of(List.of(baseStudy, StudyResults.read(candidate)), List.of("A", label), LIMITS);
    }

    @Test
    void aFolderComparedWithItselfHasNoDriftNoSignificanceAndNoRegression() throws Exception {
        ReportSummary s = Reports.writeComparison(List.of(base, base), List.of("A", "A again"), LIMITS, tmp.resolve("self"));
        assertEquals(List.of(tmp.resolve("self/compare.md"), tmp.resolve("self/compare.html"), tmp.resolve("self/compare.json")), s.files());
        assertFalse(s.hasRegressions(), () -> "regressions: " + s.regressions());
        assertEquals(0, s.exitCode());

        JsonNode json = new ObjectMapper().readTree(tmp.resolve("self/compare.json").toFile());
        assertTrue(json.get("metrics").size() > 100, "every metric at every grid point");
        for (JsonNode m : json.get("metrics")) {
            assertEquals(0.0, m.get("diff").asDouble(), m.toString());
            assertEquals(1.0, m.get("pValue").asDouble(), "equal pairs: p = 1");
            assertFalse(m.get("significant").asBoolean());
        }
        for (JsonNode d : json.get("drift")) {
            assertEquals(0.0, d.get("maxAbsDiff").asDouble());
            assertEquals(0.0, d.get("maxRelDiff").asDouble());
        }
        JsonNode dig = json.get("digests").get(0);
        assertEquals(11, dig.get("compared").asInt());
        assertEquals(11, dig.get("identical").asInt());
        assertEquals(0, dig.get("differing").size());
        for (JsonNode sp : json.get("speedSummary")) assertEquals(1.0, sp.get("speedup").asDouble(), 1e-12);

        String md = Files.readString(tmp.resolve("self/compare.md"));
        assertTrue(md.contains("No regressions"));
        assertTrue(md.contains("| A again | 11 | 11 of 11 (all identical) |"), "digest table");
        assertTrue(md.contains("A again: 2 of 2 claim verdicts agree; grid-point means of every model metric within"
                + " their 95% chance level."), md);
        assertTrue(md.contains("0 of "), "no significant differences");
        assertTrue(md.contains("A again and A run epoch_seconds at the same speed within noise (speed of A again / A 1.00x,"
                + " 95% CI 1.00–1.00x; geometric mean over 11 runs; p &gt; 0.999, holm-adjusted over 4 timings &gt; 0.999)"), md);
        for (JsonNode sp : json.get("speedSummary")) assertFalse(sp.get("significant").asBoolean(), "equal times: no test fires");
        StudyReportTest.assertSelfContained(Files.readString(tmp.resolve("self/compare.html")));
        assertTrue(Files.readString(tmp.resolve("self/compare.html")).contains("data-kind=\"speed-ratios\""));
    }

    /**
     * Another backend whose runs differ at one grid point by far more than the seeds spread (NLL + 100 nats) and
     * that judges one claim otherwise: the summary names both, and only that grid point's NLL is beyond chance.
     */
    @Test
    void aCandidateThatDrawsOtherConclusionsIsNamedInTheSummary() throws Exception {
        String shifted = Synthetic.label(0.2, 10);
        Path other = otherConclusions();
        dev.dgmbench.results.ClaimResult c = baseStudy.claims().get(0);
        ComparisonReport r = compare(other, "C");
        ComparisonData.Agreement a = r.data().agreement().get(0);
        assertEquals(List.of("nll"), a.beyondChance().stream().map(FolderAgreement.MeanDrift::metric).toList());
        FolderAgreement.MeanDrift nll = a.beyondChance().get(0);
        assertEquals(shifted, nll.gridPoint());
        assertEquals(100, nll.otherMean() - nll.mean(), 1e-9);
        String line = ComparisonView.summary(r.data()).stream().filter(l -> l.startsWith("C: 1 of 2")).findFirst().orElseThrow();
        assertEquals("C: 1 of 2 claim verdicts agree; differ: " + c.id() + " (SUPPORTED in the baseline, REFUTED in C);"
                + " grid-point means beyond their 95% chance level: nll at " + shifted + " (" + NumberFormats.num(nll.seedSds())
                + " seed SDs > " + NumberFormats.num(nll.chance95()) + ")", line);
    }

    /**
     * Another backend's folder (made once): every run of grid point beta=0.2, latent=10 with NLL 100 nats higher,
     * far beyond the seeds' spread, and the first claim judged REFUTED.
     */
    private static synchronized Path otherConclusions() {
        Path other = tmp.resolve("other-conclusions");
        if (java.nio.file.Files.isDirectory(other)) return other;
        Synthetic.copy(base, other, r -> {
            if (!r.info().runId().startsWith(Synthetic.runId(0.2, 10, 1).replace("seed=1", ""))) return r;
            java.util.Map<String, Double> model = new java.util.TreeMap<>(r.metrics().model());
            model.put("nll", model.get("nll") + 100);
            return Synthetic.withMetrics(r, new dev.dgmbench.results.RunMetrics(model, r.metrics().samplers()));
        });
        List<dev.dgmbench.results.ClaimResult> claims = new java.util.ArrayList<>(baseStudy.claims());
        dev.dgmbench.results.ClaimResult c = claims.get(0);
        claims.set(0, new dev.dgmbench.results.ClaimResult(c.id(), c.text(), c.metric(), c.direction(), c.test(), c.alpha(),
                c.minEffect(), c.a(), c.b(), c.pValue(), c.pOpposite(), c.effectSize(), c.effectName(),
                dev.dgmbench.results.ClaimResult.Verdict.REFUTED, c.expected(), c.note()));
        StudyResults.writeClaims(other, claims);
        return other;
    }

    /**
     * Judged by conclusions: a candidate whose runs' metrics are the baseline's with the seeds of each grid point
     * rotated (every run differs, grid-point means and spreads are equal) is no regression, though run by run it
     * is one; the candidate that judges a claim otherwise and shifts one grid point's NLL gives exactly those two.
     */
    @Test
    void judgedByConclusionsOnlyOtherVerdictsAndShiftedMeansAreRegressions() throws Exception {
        java.util.Map<String, dev.dgmbench.results.RunResult> byId = new java.util.HashMap<>();
        baseStudy.runs().forEach(r -> byId.put(r.info().runId(), r));
        Path rotated = Synthetic.copy(base, tmp.resolve("rotated"), r -> {
            if (r.info().status() != dev.dgmbench.results.RunStatus.OK) return r;
            // the next OK seed of the same grid point (seeds 1..3; beta=1.0/latent=50 has seed 3 failed)
            for (long k = 1; k <= 3; k++) {
                long seed = (r.info().seed() + k - 1) % 3 + 1;
                String id = r.info().runId().replace("seed=" + r.info().seed(), "seed=" + seed);
                dev.dgmbench.results.RunResult o = byId.get(id);
                if (seed != r.info().seed() && o != null && o.info().status() == dev.dgmbench.results.RunStatus.OK) {
                    return Synthetic.withMetrics(r, o.metrics());
                }
            }
            return r;
        });
        CompareThresholds conclusions = LIMITS.withDriftCheck(CompareThresholds.DriftCheck.CONCLUSIONS);
        ComparisonReport byRuns = compare(rotated, "R");
        assertFalse(byRuns.regressions().isEmpty(), "run by run the rotated seeds differ");
        ComparisonReport byConclusions = ComparisonReport.of(List.of(baseStudy, StudyResults.read(rotated)), List.of("A", "R"), conclusions);
        assertEquals(List.of(), byConclusions.regressions());
        assertEquals(byRuns.data().drift(), byConclusions.data().drift(), "the drift is still reported");

        ComparisonReport other = ComparisonReport.of(List.of(baseStudy, StudyResults.read(otherConclusions())),
                List.of("A", "C"), conclusions);
        List<String> what = other.regressions().stream().map(Regression::what).toList();
        assertEquals(List.of("claim verdict " + baseStudy.claims().get(0).id(), "grid-point means nll"), what);
        Regression means = other.regressions().get(1);
        assertTrue(means.value() > means.threshold(), means.toString());
        assertEquals("C vs A (SUPPORTED in A, REFUTED in C)", other.regressions().get(0).where());
    }

    @Test
    void metricsTenPercentOffAreARegressionAtFivePercent() {
        ComparisonReport r = compare(perturbed, "B");
        List<Regression> drift = r.regressions().stream().filter(x -> x.what().startsWith("metric drift")).toList();
        assertFalse(drift.isEmpty());
        assertEquals(r.regressions().size(), drift.size(), "only drift: " + r.regressions());
        assertTrue(drift.stream().anyMatch(x -> x.what().equals("metric drift model.nll")));
        for (Regression x : drift) {
            assertEquals(0.10, x.value(), 1e-9, x.toString());
            assertEquals(0.05, x.threshold());
            assertTrue(x.where().startsWith("B vs A in "), x.where());
        }
        // one regression per metric: model metrics and every sampler metric
        assertEquals(8 + 4 * 8, drift.size());

        ComparisonData.DigestCheck dc = r.data().digests().get(0);
        assertEquals(0, dc.identical());
        assertEquals(11, dc.differing().size());

        // the paired t-test over seeds, checked against commons-math directly for one grid point
        ComparisonData.MetricDiff nll = r.data().metrics().stream()
                .filter(m -> m.metric().equals("model.nll") && m.gridPoint().equals(Synthetic.label(0.2, 10))).findFirst().orElseThrow();
        double[] a = new double[3], b = new double[3];
        for (int i = 0; i < 3; i++) {
            String id = Synthetic.runId(0.2, 10, i + 1);
            a[i] = baseStudy.runs().stream().filter(x -> x.info().runId().equals(id)).findFirst().orElseThrow().metrics().get(null, "nll");
            b[i] = a[i] * 1.10;
        }
        assertEquals(3, nll.pairs());
        assertEquals(new TTest().pairedTTest(b, a), nll.pValue(), 1e-15);
        assertTrue(nll.significant(), "10% higher NLL over 3 seeds is significant: p = " + nll.pValue());
        assertEquals((a[0] + a[1] + a[2]) / 3 * 0.1, nll.diff(), 1e-9);
        assertEquals(2, r.data().metrics().stream()
                .filter(m -> m.metric().equals("model.nll") && m.gridPoint().equals(Synthetic.label(1.0, 50))).findFirst().orElseThrow().pairs());

        // no thresholds: same differences, no regressions
        ComparisonReport none = ComparisonReport.of(List.of(baseStudy, StudyResults.read(perturbed)), List.of("A", "B"), CompareThresholds.none());
        assertTrue(none.regressions().isEmpty());
    }

    @Test
    void timingsTwiceSlowerAreASlowdown() throws Exception {
        ReportSummary s = Reports.writeComparison(List.of(base, slow), List.of("fast", "slow"), LIMITS, tmp.resolve("slow-report"));
        assertTrue(s.hasRegressions());
        assertEquals(1, s.exitCode());
        List<String> what = s.regressions().stream().map(Regression::what).sorted().toList();
        assertEquals(List.of("slowdown epoch_seconds", "slowdown langevin_steps_per_second", "slowdown nll_seconds", "slowdown train_seconds"), what);
        for (Regression x : s.regressions()) {
            assertEquals(2.0, x.value(), 1e-9);
            assertEquals(1.25, x.threshold());
        }
        String md = Files.readString(tmp.resolve("slow-report/compare.md"));
        assertTrue(md.contains("fast is 2.00x faster than slow at epoch_seconds (geometric mean over 11 runs, 95% CI 2.00–2.00x;"
                + " p = 0, holm-adjusted over 4 timings 0)"), md);
        assertTrue(md.contains("fast is 2.00x faster than slow at langevin_steps_per_second"), "rates: higher is faster");
        assertTrue(md.contains("| slow | 11 | 11 of 11 (all identical) |"), "same metrics, identical digests");
        JsonNode json = new ObjectMapper().readTree(tmp.resolve("slow-report/compare.json").toFile());
        for (JsonNode row : json.get("speed")) assertEquals(0.5, row.get("speedup").asDouble(), 1e-12);
    }

    @Test
    void fewerThanTwoPairsGiveNoTest() throws Exception {
        ComparisonReport r = compare(oneSeed, "one seed");
        for (ComparisonData.MetricDiff m : r.data().metrics()) {
            assertEquals(1, m.pairs());
            assertTrue(Double.isNaN(m.pValue()));
            assertFalse(m.significant());
        }
        ComparisonData.DigestCheck dc = r.data().digests().get(0);
        assertEquals(4, dc.compared());
        assertEquals(8, dc.onlyInBaseline().size());
        List<Path> files = r.write(tmp.resolve("one-seed-report"));
        JsonNode json = new ObjectMapper().readTree(files.get(2).toFile());
        assertTrue(json.get("metrics").get(0).get("pValue").isNull(), "NaN is null in JSON");
        String md = Files.readString(files.get(0));
        assertTrue(md.contains("| one seed | model.nll | beta=0.2, latent=10 | 1 |"), "pairs column");
        assertTrue(md.lines().filter(l -> l.startsWith("| one seed | model.nll | beta=")).allMatch(l -> l.endsWith("| n/a | n/a |")), "p n/a");
    }

    @Test
    void aRunThatFailsOnlyInTheCandidateIsARegression() {
        Path broken = Synthetic.copy(base, tmp.resolve("broken"), r -> {
            if (!r.info().runId().equals(Synthetic.runId(0.2, 50, 2))) return r;
            var i = r.info();
            var info = new dev.dgmbench.results.RunInfo(i.runId(), i.study(), i.specDigest(), i.gridPoint(), i.seed(), i.backend(),
                    dev.dgmbench.results.RunStatus.FAILED, "out of memory", i.config(), i.startedAt(), i.finishedAt());
            return new dev.dgmbench.results.RunResult(info, r.metrics(), r.history(), r.timings(), r.provenance(), r.samples(), r.traces(), null);
        });
        ComparisonReport r = ComparisonReport.of(List.of(baseStudy, StudyResults.read(broken)), List.of("A", "B"), CompareThresholds.none());
        assertEquals(1, r.regressions().size());
        assertEquals("failed runs", r.regressions().get(0).what());
        assertTrue(r.regressions().get(0).where().contains(Synthetic.runId(0.2, 50, 2)));
    }

    @Test
    void jmhResultsLineUpByBenchmarkAndParameters() throws Exception {
        Path a = tmp.resolve("jmh-avx2.json"), b = tmp.resolve("jmh-avx512.json");
        Files.writeString(a, """
                [ {"benchmark":"dev.dgmbench.bench.TrainBench.epoch","mode":"avgt","params":{"latent":"10"},
                   "primaryMetric":{"score":2.0,"scoreError":0.1,"scoreUnit":"s/op"}},
                  {"benchmark":"dev.dgmbench.bench.LangevinBench.steps","mode":"thrpt","params":{"latent":"10"},
                   "primaryMetric":{"score":800.0,"scoreError":"NaN","scoreUnit":"ops/s"}},
                  {"benchmark":"dev.dgmbench.bench.SirBench.sir","mode":"avgt",
                   "primaryMetric":{"score":3.0,"scoreError":0.5,"scoreConfidence":[2.5,3.5],"scoreUnit":"ms/op"}} ]""");
        Files.writeString(b, """
                [ {"benchmark":"dev.dgmbench.bench.TrainBench.epoch","mode":"avgt","params":{"latent":"10"},
                   "primaryMetric":{"score":1.0,"scoreError":0.05,"scoreUnit":"s/op"}},
                  {"benchmark":"dev.dgmbench.bench.LangevinBench.steps","mode":"thrpt","params":{"latent":"10"},
                   "primaryMetric":{"score":400.0,"scoreError":12.0,"scoreUnit":"ops/s"}},
                  {"benchmark":"dev.dgmbench.bench.SirBench.sir","mode":"avgt",
                   "primaryMetric":{"score":2.9,"scoreError":0.2,"scoreConfidence":[2.7,3.1],"scoreUnit":"ms/op"}},
                  {"benchmark":"dev.dgmbench.bench.NllBench.nll","mode":"avgt",
                   "primaryMetric":{"score":3.0,"scoreError":0.2,"scoreUnit":"ms/op"}} ]""");
        JmhComparison j = ComparisonReport.jmh(List.of(a, b), List.of("avx2", "avx512"));
        assertEquals(4, j.rows().size());
        JmhComparison.Row epoch = j.rows().get(0), steps = j.rows().get(1), nll = j.rows().get(3);
        assertEquals("latent=10", epoch.params());
        assertEquals(2.0, epoch.speedups().get(1), 1e-12, "half the time per op");
        assertEquals(0.5, steps.speedups().get(1), 1e-12, "half the throughput");
        assertTrue(Double.isNaN(steps.scores().get(0).error()));
        assertNull(nll.scores().get(0));
        assertTrue(Double.isNaN(nll.speedups().get(1)));
        // JMH's error bars: 2.0 +- 0.1 against 1.0 +- 0.05 s/op gives a speed-up between 1.9/1.05 and 2.1/0.95
        assertTrue(j.sentences().contains("avx512 is 2.00x faster than avx2 at TrainBench.epoch (latent=10)"
                + " (1.81–2.21x over JMH's 99.9% error bars)"), j.sentences().toString());
        assertTrue(j.sentences().contains("avx2 is 2.00x faster than avx512 at LangevinBench.steps (latent=10)"
                + " (no error bars: JMH gives none for one fork or iteration)"), j.sentences().toString());
        // 3.0 in [2.5, 3.5] against 2.9 in [2.7, 3.1]: 1.03x, from 2.5/3.1 = 0.81 to 3.5/2.7 = 1.30: not a finding
        assertTrue(j.sentences().contains("avx512 and avx2 run SirBench.sir at the same speed within JMH's error"
                + " (speed of avx512 / avx2 1.03x, 0.81–1.30x over its 99.9% error bars)"), j.sentences().toString());
        List<Regression> regs = j.regressions(LIMITS);
        assertEquals(1, regs.size());
        assertEquals("JMH slowdown dev.dgmbench.bench.LangevinBench.steps (latent=10)", regs.get(0).what());
        assertEquals(2.0, regs.get(0).value(), 1e-12);

        // JMH alone, and JMH beside result folders
        ReportSummary only = Reports.writeComparison(List.of(), List.of(), LIMITS, tmp.resolve("jmh-only"), List.of(a, b), List.of("avx2", "avx512"));
        assertEquals(1, only.regressions().size());
        String html = Files.readString(tmp.resolve("jmh-only/compare.html"));
        StudyReportTest.assertSelfContained(html);
        assertTrue(html.contains("data-kind=\"jmh-speed-ratios\""));
        String md = Files.readString(tmp.resolve("jmh-only/compare.md"));
        assertTrue(md.contains("| TrainBench.epoch | avgt | latent=10 | 2.000 ± 0.1000 s/op | 1.000 ± 0.05000 s/op | 2.00x |"), md);
        assertTrue(md.contains("| LangevinBench.steps | thrpt | latent=10 | 800.0 ops/s | 400.0 ± 12.00 ops/s | 0.50x |"), md);
        ReportSummary both = Reports.writeComparison(List.of(base, base), List.of("A", "B"), LIMITS, tmp.resolve("jmh-both"), List.of(a, b), null);
        assertEquals(1, both.regressions().size(), "only the JMH slowdown");
        assertTrue(Files.readString(tmp.resolve("jmh-both/compare.md")).contains("jmh-avx512.json is 2.00x faster than jmh-avx2.json"), "labels default to file names");
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        BadInputException one = assertThrows(BadInputException.class,
                () -> ComparisonReport.of(List.of(baseStudy), List.of(), LIMITS));
        assertTrue(one.getMessage().contains("at least two"));
        assertThrows(BadInputException.class, () -> ComparisonReport.of(List.of(baseStudy, baseStudy), List.of("A"), LIMITS));
        assertThrows(BadInputException.class, () -> ComparisonReport.of(List.of(baseStudy, baseStudy), List.of("A", "A"), LIMITS));
        assertThrows(BadInputException.class, () -> new CompareThresholds(0.05, 0.9));
    }
}
