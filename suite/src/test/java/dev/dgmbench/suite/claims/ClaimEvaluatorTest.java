package dev.dgmbench.suite.claims;

import dev.dgmbench.results.ClaimResult;
import dev.dgmbench.results.ClaimResult.Verdict;
import dev.dgmbench.results.RunInfo;
import dev.dgmbench.results.RunMetrics;
import dev.dgmbench.results.RunResult;
import dev.dgmbench.results.RunStatus;
import dev.dgmbench.stats.Correction;
import dev.dgmbench.suite.plan.PlannedRun;
import dev.dgmbench.suite.plan.Planner;
import dev.dgmbench.suite.plan.StudyPlan;
import dev.dgmbench.suite.spec.SpecLoader;
import dev.dgmbench.suite.spec.StudySpec;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClaimEvaluatorTest {

    /** A run with one model metric and, per sampler, one sampler metric. */
    static RunResult run(double beta, int latent, long seed, RunStatus status, Map<String, Double> model,
                         Map<String, Map<String, Double>> samplers) {
        Map<String, Object> gp = new LinkedHashMap<>();
        gp.put("model.beta", beta);
        gp.put("model.latent", latent);
        String id = Planner.runId(gp, seed);
        RunInfo info = new RunInfo(id, "test", "digest", gp, seed, "cpu", status,
                status == RunStatus.FAILED ? "diverged" : null, Map.of(), "2024-01-01T00:00:00Z", "2024-01-01T00:01:00Z");
        return new RunResult(info, new RunMetrics(model, samplers), List.of(), Map.of(), Map.of(), null, Map.of(), "x");
    }

    static RunResult kl(double beta, long seed, double value) {
        return run(beta, 50, seed, RunStatus.OK, Map.of("kl", value), Map.of());
    }

    static ClaimSpec klClaim(String test, Verdict expect) {
        return new ClaimSpec("kl-higher", "KL is higher for higher beta", "kl", null, Map.of("model.beta", 1.0),
                Map.of("model.beta", 0.2), true, List.of(), test, 0.05, 0.0, expect);
    }

    @Test
    void welchMatchesAHandComputation() {
        double[] a = {12.1, 13.4, 12.8}, b = {10.2, 11.9, 10.8, 11.1};
        List<RunResult> runs = new ArrayList<>();
        for (int i = 0; i < a.length; i++) runs.add(kl(1.0, i + 1, a[i]));
        for (int i = 0; i < b.length; i++) runs.add(kl(0.2, i + 1, b[i]));

        // Welch by hand
        double ma = (12.1 + 13.4 + 12.8) / 3, mb = (10.2 + 11.9 + 10.8 + 11.1) / 4;
        double va = (Math.pow(12.1 - ma, 2) + Math.pow(13.4 - ma, 2) + Math.pow(12.8 - ma, 2)) / 2;
        double vb = (Math.pow(10.2 - mb, 2) + Math.pow(11.9 - mb, 2) + Math.pow(10.8 - mb, 2) + Math.pow(11.1 - mb, 2)) / 3;
        double se2 = va / 3 + vb / 4;
        double t = (ma - mb) / Math.sqrt(se2);
        double df = se2 * se2 / (Math.pow(va / 3, 2) / 2 + Math.pow(vb / 4, 2) / 3);
        double p = 1 - new TDistribution(df).cumulativeProbability(t);

        ClaimResult r = ClaimEvaluator.evaluate(List.of(klClaim("welch", null)), runs).get(0);
        assertEquals(p, r.pValue(), 1e-9);
        assertEquals(1 - p, r.pOpposite(), 1e-9);
        assertTrue(p < 0.05, "the case is meant to be significant: p = " + p);
        assertEquals(Verdict.SUPPORTED, r.verdict());
        assertEquals("kl-higher", r.id());
        assertEquals("A > B", r.direction());
        assertEquals("model.beta=1.0", r.a().label());
        assertEquals(3, r.a().n());
        assertEquals(ma, r.a().mean(), 1e-12);
        assertEquals(Math.sqrt(va), r.a().sd(), 1e-12);
        assertArrayEquals(a, r.a().values());
        assertArrayEquals(new long[]{1, 2, 3, 4}, r.b().seeds());
        assertTrue(r.a().ciLow() <= ma && ma <= r.a().ciHigh());
        assertEquals("hedges_g", r.effectName());
        assertTrue(r.effectSize() > 0);
        assertNull(r.note());
        assertTrue(r.meetsExpectation());

        // deterministic, bootstrap included
        ClaimResult again = ClaimEvaluator.evaluate(List.of(klClaim("welch", null)), runs).get(0);
        assertEquals(r.a().ciLow(), again.a().ciLow());
        assertEquals(r.b().ciHigh(), again.b().ciHigh());
    }

    @Test
    void aReversedEffectIsRefuted() {
        List<RunResult> runs = new ArrayList<>();
        // 6 seeds: with 5 pairs an exact Wilcoxon's two-sided p (what a claim enters its family with) is at least 1/16
        for (long s = 1; s <= 6; s++) {
            runs.add(kl(1.0, s, 10 + 0.1 * s));
            runs.add(kl(0.2, s, 20 + 0.1 * s));
        }
        for (String test : ClaimSpec.TESTS) {
            ClaimResult r = ClaimEvaluator.evaluate(List.of(klClaim(test, Verdict.REFUTED)), runs).get(0);
            assertEquals(Verdict.REFUTED, r.verdict(), test);
            assertTrue(r.pOpposite() < 0.05, test);
            assertTrue(r.meetsExpectation(), test);
        }
    }

    @Test
    void overlappingGroupsAreInconclusive() {
        double[] a = {5.0, 7.0, 6.0, 4.0}, b = {6.5, 4.5, 5.5, 6.0};
        List<RunResult> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(kl(1.0, i + 1, a[i]));
            runs.add(kl(0.2, i + 1, b[i]));
        }
        for (String test : ClaimSpec.TESTS) {
            ClaimResult r = ClaimEvaluator.evaluate(List.of(klClaim(test, null)), runs).get(0);
            assertEquals(Verdict.INCONCLUSIVE, r.verdict(), test);
            assertTrue(r.pValue() > 0.05 && r.pOpposite() > 0.05, test);
        }
    }

    @Test
    void failedRunsAreLeftOutAndNamed() {
        List<RunResult> runs = new ArrayList<>();
        for (long s = 1; s <= 4; s++) {
            runs.add(kl(1.0, s, 20 + s));
            runs.add(kl(0.2, s, 10 + s));
        }
        runs.add(run(1.0, 50, 5, RunStatus.FAILED, Map.of(), Map.of()));
        runs.add(run(0.2, 50, 5, RunStatus.OK, Map.of("re", 1.0), Map.of()));
        runs.add(kl(0.2, 6, Double.NaN));
        ClaimResult r = ClaimEvaluator.evaluate(List.of(klClaim("welch", null)), runs).get(0);
        assertEquals(Verdict.SUPPORTED, r.verdict());
        assertEquals(4, r.a().n());
        assertEquals(4, r.b().n());
        assertTrue(r.note().contains("failed runs left out: beta=1.0_latent=50_seed=5"), r.note());
        assertTrue(r.note().contains("runs without kl left out: beta=0.2_latent=50_seed=5"), r.note());
        assertTrue(r.note().contains("non-finite kl left out: beta=0.2_latent=50_seed=6"), r.note());

        // paired: seed 5's partner failed, so the other half of the pair goes too
        ClaimResult p = ClaimEvaluator.evaluate(List.of(klClaim("paired-t", null)), runs).get(0);
        assertEquals(4, p.a().n());
        assertEquals(4, p.b().n());
    }

    @Test
    void tooFewValuesAreNotEvaluated() {
        List<RunResult> runs = List.of(kl(1.0, 1, 5), kl(0.2, 1, 3), kl(0.2, 2, 3.5),
                run(1.0, 50, 2, RunStatus.FAILED, Map.of(), Map.of()));
        ClaimResult r = ClaimEvaluator.evaluate(List.of(klClaim("welch", Verdict.SUPPORTED)), runs).get(0);
        assertEquals(Verdict.NOT_EVALUATED, r.verdict());
        assertTrue(r.note().startsWith("too few values: A (model.beta=1.0) has 1, B (model.beta=0.2) has 2"), r.note());
        assertTrue(r.note().contains("failed runs left out: beta=1.0_latent=50_seed=2"), r.note());
        assertTrue(Double.isNaN(r.pValue()));
        assertTrue(!r.meetsExpectation());
        assertEquals(Verdict.NOT_EVALUATED, ClaimEvaluator.evaluate(List.of(klClaim("welch", null)), List.of()).get(0).verdict());
    }

    @Test
    void perSlicesAndPoolsTheRest() {
        List<RunResult> runs = new ArrayList<>();
        for (int latent : new int[]{100, 50}) {
            for (long s = 1; s <= 3; s++) {
                // latent 50: clear effect; latent 100: none
                double hi = latent == 50 ? 30 + s : 10 + s, lo = latent == 50 ? 10 + s : 10 + s;
                runs.add(run(1.0, latent, s, RunStatus.OK, Map.of("kl", hi), Map.of()));
                runs.add(run(0.2, latent, s, RunStatus.OK, Map.of("kl", lo), Map.of()));
            }
        }
        ClaimSpec perLatent = new ClaimSpec("kl", "t", "kl", null, Map.of("model.beta", 1.0), Map.of("model.beta", 0.2),
                true, List.of("model.latent"), "paired-t", 0.05, 0, null);
        List<ClaimResult> rs = ClaimEvaluator.evaluate(List.of(perLatent), runs);
        assertEquals(List.of("kl[model.latent=50]", "kl[model.latent=100]"), rs.stream().map(ClaimResult::id).toList());
        assertEquals(Verdict.SUPPORTED, rs.get(0).verdict());
        assertEquals(Verdict.INCONCLUSIVE, rs.get(1).verdict());
        assertEquals("model.beta=1.0, model.latent=50", rs.get(0).a().label());
        assertEquals(3, rs.get(0).a().n());

        ClaimSpec pooled = new ClaimSpec("kl", "t", "kl", null, Map.of("model.beta", 1.0), Map.of("model.beta", 0.2),
                true, List.of(), "paired-t", 0.05, 0, null);
        ClaimResult p = ClaimEvaluator.evaluate(List.of(pooled), runs).get(0);
        assertEquals(6, p.a().n(), "latent sizes pooled");
        assertArrayEquals(new long[]{1, 1, 2, 2, 3, 3}, p.a().seeds());
    }

    @Test
    void samplerComparisonPairsByRun() {
        List<RunResult> runs = new ArrayList<>();
        for (double beta : new double[]{0.2, 1.0}) {
            for (long s = 1; s <= 3; s++) {
                Map<String, Map<String, Double>> sm = new LinkedHashMap<>();
                double base = beta * 2 + s;
                sm.put("prior", Map.of("pixel_entropy", base + 0.5));
                sm.put("langevin", Map.of("pixel_entropy", base + 0.5 - (0.1 * s + 0.3 * beta))); // distinct differences
                runs.add(run(beta, 50, s, RunStatus.OK, Map.of(), sm));
            }
        }
        ClaimSpec c = new ClaimSpec("langevin-sharper", "t", "pixel_entropy", null, Map.of("sampler", "prior"),
                Map.of("sampler", "langevin"), true, List.of(), "wilcoxon-paired", 0.05, 0, Verdict.SUPPORTED);
        ClaimResult r = ClaimEvaluator.evaluate(List.of(c), runs).get(0);
        // six pairs, every difference positive: exact one-sided p = 1/64
        assertEquals(1.0 / 64, r.pValue(), 1e-12);
        assertEquals(Verdict.SUPPORTED, r.verdict());
        assertEquals(6, r.a().n());
        assertEquals("sampler=prior", r.a().label());
        assertEquals("cliffs_delta", r.effectName());

        // Welch on the same numbers can't see the pairing: the run-to-run spread swamps the difference
        ClaimSpec unpaired = new ClaimSpec("u", "t", "pixel_entropy", null, Map.of("sampler", "prior"),
                Map.of("sampler", "langevin"), true, List.of(), "welch", 0.05, 0, null);
        assertEquals(Verdict.INCONCLUSIVE, ClaimEvaluator.evaluate(List.of(unpaired), runs).get(0).verdict());

        // per sampler: one result per sampler present
        ClaimSpec perSampler = new ClaimSpec("b", "t", "pixel_entropy", null, Map.of("model.beta", 1.0),
                Map.of("model.beta", 0.2), true, List.of("sampler"), "welch", 0.05, 0, null);
        assertEquals(List.of("b[sampler=prior]", "b[sampler=langevin]"),
                ClaimEvaluator.evaluate(List.of(perSampler), runs).stream().map(ClaimResult::id).toList());
    }

    @Test
    void lowerWrittenFirstBecomesGroupA() {
        List<RunResult> runs = new ArrayList<>();
        for (long s = 1; s <= 4; s++) {
            runs.add(run(1.0, 50, s, RunStatus.OK, Map.of("loss", 100.0 + s), Map.of()));
            runs.add(run(0.2, 50, s, RunStatus.OK, Map.of("loss", 90.0 + s), Map.of()));
        }
        // "higher beta gives lower loss", written lower-first
        ClaimSpec c = new ClaimSpec("loss", "t", "loss", null, Map.of("model.beta", 0.2), Map.of("model.beta", 1.0),
                false, List.of(), "welch", 0.05, 0, null);
        ClaimResult r = ClaimEvaluator.evaluate(List.of(c), runs).get(0);
        assertEquals("A < B", r.direction());
        assertEquals("model.beta=1.0", r.a().label());
        assertEquals(Verdict.REFUTED, r.verdict());
        assertTrue(r.effectSize() > 0, "effect of A (beta 1.0, higher loss) against B");
    }

    @Test
    void minEffectCanHoldBackAVerdict() {
        List<RunResult> runs = new ArrayList<>();
        for (long s = 1; s <= 20; s++) {
            double noise = Math.sin(s * 12.9898) * 1.0;
            runs.add(kl(1.0, s, 10.8 + noise));
            runs.add(kl(0.2, s, 10.0 + Math.cos(s * 78.233) * 1.0));
        }
        ClaimSpec loose = klClaim("welch", null);
        ClaimResult r0 = ClaimEvaluator.evaluate(List.of(loose), runs).get(0);
        ClaimSpec strict = new ClaimSpec("kl-higher", "t", "kl", null, Map.of("model.beta", 1.0), Map.of("model.beta", 0.2),
                true, List.of(), "welch", 0.05, Math.abs(r0.effectSize()) + 1, null);
        ClaimResult r1 = ClaimEvaluator.evaluate(List.of(strict), runs).get(0);
        assertEquals(r0.pValue(), r1.pValue());
        if (r0.verdict() == Verdict.SUPPORTED) {
            assertEquals(Verdict.INCONCLUSIVE, r1.verdict());
            assertTrue(r1.note().contains("below min_effect"), r1.note());
        }
        assertTrue(r1.verdict() == Verdict.INCONCLUSIVE);
    }

    @Test
    void quickSpecEndToEndOnSyntheticRuns() {
        StudySpec spec = SpecLoader.loadShipped("quick", false);
        StudyPlan plan = Planner.plan(spec);
        List<RunResult> runs = new ArrayList<>();
        for (PlannedRun p : plan.runs()) {
            double beta = (Double) p.gridPoint().get("model.beta");
            Map<String, Map<String, Double>> sm = new LinkedHashMap<>();
            for (String s : spec.samplers().enabled()) {
                sm.put(s, Map.of("pixel_entropy", s.equals("prior") ? 1.0 + 0.1 * p.seed() + beta
                        : 0.5 + 0.05 * p.seed() + 0.8 * beta));
            }
            Map<String, Double> model = Map.of("kl", 30 - 15 * beta + 0.3 * p.seed());
            RunInfo info = new RunInfo(p.runId(), spec.name(), spec.canonicalDigest(), p.gridPoint(), p.seed(), "cpu",
                    RunStatus.OK, null, p.configMap(), "a", "b");
            runs.add(new RunResult(info, new RunMetrics(model, sm), List.of(), Map.of(), Map.of(), null, Map.of(), "d"));
        }
        List<ClaimResult> results = ClaimEvaluator.evaluate(spec.claims(), runs);
        assertEquals(2, results.size());
        assertEquals(Verdict.REFUTED, results.get(0).verdict(), ClaimEvaluator.describe(results.get(0)));
        assertTrue(results.get(0).meetsExpectation());
        assertEquals(Verdict.SUPPORTED, results.get(1).verdict(), ClaimEvaluator.describe(results.get(1)));
        assertEquals(6, results.get(1).a().n());
    }

    @Test
    void resultsSurviveTheJsonRoundTrip(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        List<RunResult> runs = new ArrayList<>();
        for (long s = 1; s <= 3; s++) {
            runs.add(kl(1.0, s, 5));
            runs.add(kl(0.2, s, 3));
        }
        List<ClaimResult> results = new ArrayList<>(ClaimEvaluator.evaluate(List.of(klClaim("welch", null)), runs));
        results.addAll(ClaimEvaluator.evaluate(List.of(klClaim("welch", Verdict.SUPPORTED)), List.of()));
        assertTrue(Double.isInfinite(results.get(0).effectSize()), "zero variance, different means");
        assertTrue(Double.isNaN(results.get(1).pValue()));
        dev.dgmbench.results.StudyResults.writeClaims(dir, results);
        List<ClaimResult> back = dev.dgmbench.results.StudyResults.read(writeStudy(dir)).claims();
        assertEquals(2, back.size());
        assertEquals(results.get(0).verdict(), back.get(0).verdict());
        assertEquals(results.get(0).effectSize(), back.get(0).effectSize());
        assertTrue(Double.isNaN(back.get(1).pValue()));
        assertArrayEquals(results.get(0).a().values(), back.get(0).a().values());
    }

    private static java.nio.file.Path writeStudy(java.nio.file.Path dir) {
        dev.dgmbench.results.StudyResults.writeStudyInfo(dir, new dev.dgmbench.results.StudyInfo("t", "", "f", "", "d",
                List.of(), ""));
        return dir;
    }

    /**
     * Runs whose Langevin samples are clearly sharper than the prior's (every paired difference positive, all
     * different); converged as given per seed, one seed each (six seeds, undiagnosed, when none is given).
     */
    static List<RunResult> langevinRuns(double... converged) {
        List<RunResult> runs = new ArrayList<>();
        for (long s = 1; s <= Math.max(6, converged.length); s++) {
            Map<String, Map<String, Double>> sm = new LinkedHashMap<>();
            sm.put("prior", Map.of("pixel_entropy", 2.0 + s, "converged", 1.0));
            Map<String, Double> lv = new LinkedHashMap<>(Map.of("pixel_entropy", 1.0 + s - 0.01 * s));
            if (converged.length > 0) {
                lv.put("converged", converged[(int) s - 1]);
                lv.put("rhat", converged[(int) s - 1] > 0.5 ? 1.01 : 4.2);
                lv.put("energy_drift", 0.01);
                lv.put("acceptance_proxy", 0.9);
            }
            sm.put("langevin", lv);
            runs.add(run(1.0, 50, s, RunStatus.OK, Map.of(), sm));
        }
        return runs;
    }

    @Test
    void aRankTestTakesTheRunsOfASamplerThatDidNotConvergeAtTheirLeastFavourableValues() {
        ClaimSpec c = new ClaimSpec("langevin-sharper", "t", "pixel_entropy", null, Map.of("sampler", "prior"),
                Map.of("sampler", "langevin"), true, List.of(), "wilcoxon-paired", 0.05, 0, Verdict.SUPPORTED);
        ClaimResult ok = ClaimEvaluator.evaluate(List.of(c), langevinRuns(1, 1, 1, 1, 1, 1)).get(0);
        assertEquals(Verdict.SUPPORTED, ok.verdict());
        assertEquals(1 / 64.0, ok.pValue(), 1e-12, "six positive differences: W+ = 21, one pattern of 64");
        // Six pairs, seed 3's chains did not converge: its pair counts as the most negative difference, so
        // W+ = 1 + ... + 5 = 15 and p = P(W+ >= 15) = 14/64 (the sign patterns of {1..6} whose negatives sum to <= 6).
        ClaimResult six = ClaimEvaluator.evaluate(List.of(c), langevinRuns(1, 1, 0, 1, 1, 1)).get(0);
        assertEquals(14 / 64.0, six.pValue(), 1e-12);
        assertEquals(Verdict.INCONCLUSIVE, six.verdict(), "six pairs cannot carry the claim whatever seed 3's value is");
        String id = ClaimEvaluatorTest.run(1.0, 50, 3, RunStatus.OK, Map.of(), Map.of()).info().runId();
        assertTrue(six.note().contains("1 of 6 pairs have no trustworthy value and enter the test at their"
                + " least favourable values"), six.note());
        assertTrue(six.note().contains("with the recorded values p = 0.0156"), six.note());
        assertTrue(six.note().contains("sampler langevin unreliable in " + id + ": rhat 4.2"), six.note());
        // Twelve pairs, one unconverged: W+ = 1 + ... + 11 = 66 of 78, p = 70/4096 (counted by hand over the
        // subsets of {1..12} summing to <= 12): SUPPORTED whatever that run's samples are.
        double[] twelve = new double[12];
        java.util.Arrays.fill(twelve, 1);
        twelve[4] = 0;
        ClaimResult bounded = ClaimEvaluator.evaluate(List.of(c), langevinRuns(twelve)).get(0);
        assertEquals(70 / 4096.0, bounded.pValue(), 1e-12);
        assertEquals(Verdict.SUPPORTED, bounded.verdict(), bounded.note());
        assertEquals(2 * 70 / 4096.0, bounded.pAdjusted(), 1e-12, "two-sided in a family of one");
        // Unpaired, each run is in both groups: only its Langevin value is unknown, its prior value (exact draws) stays.
        ClaimSpec mw = new ClaimSpec("langevin-sharper-mw", "t", "pixel_entropy", null, Map.of("sampler", "prior"),
                Map.of("sampler", "langevin"), true, List.of(), "mann-whitney", 0.05, 0, Verdict.SUPPORTED);
        ClaimResult unpaired = ClaimEvaluator.evaluate(List.of(mw), langevinRuns(twelve)).get(0);
        assertTrue(unpaired.note().contains("1 of 24 values have no trustworthy value"), unpaired.note());
        // The same numbers under a paired t test: no bound exists, so the verdict cannot stand.
        ClaimSpec t = new ClaimSpec("langevin-sharper-t", "t", "pixel_entropy", null, Map.of("sampler", "prior"),
                Map.of("sampler", "langevin"), true, List.of(), "paired-t", 0.05, 0, Verdict.SUPPORTED);
        ClaimResult tt = ClaimEvaluator.evaluate(List.of(t), langevinRuns(twelve)).get(0);
        assertEquals(Verdict.INCONCLUSIVE, tt.verdict());
        assertTrue(tt.note().contains("would be SUPPORTED but rests on an unreliable sampler"), tt.note());
        assertTrue(tt.note().contains("a rank test (mann-whitney, wilcoxon-paired) could judge it"), tt.note());
        // results from before the diagnostics: the verdict stands, with a note
        ClaimResult old = ClaimEvaluator.evaluate(List.of(c), langevinRuns()).get(0);
        assertEquals(Verdict.SUPPORTED, old.verdict());
        assertTrue(old.note().contains("no convergence diagnostics recorded for sampler langevin"), old.note());
    }

    /**
     * Three claims on the same runs: KL differs by far (p ~ 1e-6), RE by a shift of 2 against a seed spread of 1.3
     * (Welch t = 2.19 on 6 df, one-sided p = 0.036: significant alone), NLL not at all. As one family, Holm multiplies
     * RE's p by 2 (it is second smallest) and BH by 3/2: both above 0.05, so the RE claim is INCONCLUSIVE where it
     * would be SUPPORTED on its own; raw p are kept.
     */
    @Test
    void claimsAreOneFamily() {
        List<RunResult> runs = new ArrayList<>();
        for (int s = 1; s <= 4; s++) {
            runs.add(run(1.0, 50, s, RunStatus.OK, Map.of("kl", 10.0 + 0.1 * s, "re", s + 2.0, "nll", 5.0 + (s % 2)), Map.of()));
            runs.add(run(0.2, 50, s, RunStatus.OK, Map.of("kl", 1.0 + 0.1 * s, "re", (double) s, "nll", 5.0 + (s % 2)), Map.of()));
        }
        List<ClaimSpec> claims = new ArrayList<>();
        for (String metric : List.of("kl", "re", "nll")) {
            claims.add(new ClaimSpec(metric + "-higher", metric, metric, null, Map.of("model.beta", 1.0),
                    Map.of("model.beta", 0.2), true, List.of(), "welch", 0.05, 0.0, null));
        }
        List<ClaimResult> none = ClaimEvaluator.evaluate(claims, runs, Correction.NONE);
        List<ClaimResult> holm = ClaimEvaluator.evaluate(claims, runs, Correction.HOLM);
        List<ClaimResult> bh = ClaimEvaluator.evaluate(claims, runs, Correction.BENJAMINI_HOCHBERG);
        double pRe = none.get(1).pValue();
        assertEquals(0.0355, pRe, 0.002, "Welch t = 2.19, 6 df");
        assertEquals(Verdict.SUPPORTED, none.get(1).verdict());
        assertEquals(pRe, none.get(1).pAdjusted(), 0.0);
        assertEquals(pRe, holm.get(1).pValue(), 0.0, "the raw p is kept");
        // two-sided (2 p) in the family: Holm multiplies the second smallest by 2, BH by 3/2
        assertEquals(2 * 2 * pRe, holm.get(1).pAdjusted(), 1e-12);
        assertEquals(1.5 * 2 * pRe, bh.get(1).pAdjusted(), 1e-12);
        for (List<ClaimResult> family : List.of(holm, bh)) {
            assertEquals(Verdict.SUPPORTED, family.get(0).verdict());
            assertEquals(Verdict.INCONCLUSIVE, family.get(1).verdict());
            assertTrue(family.get(1).note().contains("alone would be significant"), family.get(1).note());
            assertEquals(Verdict.INCONCLUSIVE, family.get(2).verdict());
            assertEquals(3, family.get(1).family());
        }
        assertEquals(3 * 2 * holm.get(0).pValue(), holm.get(0).pAdjusted(), 1e-15, "the smallest two-sided p times the family size");
        assertEquals("holm", holm.get(1).correction());
        assertTrue(holm.get(1).pOppositeAdjusted() >= holm.get(1).pOpposite(), "never below the raw p");
        assertTrue(ClaimEvaluator.describe(holm.get(1)).contains("adjusted (holm over 3 tests)"));
    }

    @Test
    void aClaimOnTheNceNllWhoseNormaliserRestsOnFewDrawsIsInconclusiveWithTheReason() {
        ClaimSpec c = new ClaimSpec("nce-lower", "t", "nll_nce", null, Map.of("model.beta", 0.2),
                Map.of("model.beta", 1.0), true, List.of(), "welch", 0.05, 0, Verdict.SUPPORTED);
        java.util.function.BiFunction<Double, Double, List<RunResult>> runsWith = (ess, se) -> {
            List<RunResult> out = new ArrayList<>();
            for (long s = 1; s <= 4; s++) {
                out.add(run(0.2, 50, s, RunStatus.OK, Map.of("nll_nce", 90.0 + s, "nll", 95.0 + s,
                        "nce_log_z_ess", s == 2 ? ess : 5000.0, "nce_log_z_se", s == 2 ? se : 0.01), Map.of()));
                out.add(run(1.0, 50, s, RunStatus.OK, Map.of("nll_nce", 80.0 + s, "nll", 85.0 + s,
                        "nce_log_z_ess", 5000.0, "nce_log_z_se", 0.01), Map.of()));
            }
            return out;
        };
        java.util.function.DoubleFunction<List<RunResult>> runs = ess -> runsWith.apply(ess, 0.05);
        assertEquals(Verdict.SUPPORTED, ClaimEvaluator.evaluate(List.of(c), runs.apply(100.0)).get(0).verdict(), "ESS at the floor");
        assertEquals(Verdict.SUPPORTED, ClaimEvaluator.evaluate(List.of(c), runsWith.apply(900.0, 0.25)).get(0).verdict(),
                "se at the ceiling");
        ClaimResult spread = ClaimEvaluator.evaluate(List.of(c), runsWith.apply(900.0, 0.4)).get(0);
        assertEquals(Verdict.INCONCLUSIVE, spread.verdict(), "replicates that disagree: se above the ceiling");
        assertTrue(spread.note().contains(": nce_log_z_se 0.4000 > 0.25"), spread.note());
        ClaimResult bad = ClaimEvaluator.evaluate(List.of(c), runs.apply(3.2)).get(0);
        assertEquals(Verdict.INCONCLUSIVE, bad.verdict());
        String id = run(0.2, 50, 2, RunStatus.OK, Map.of(), Map.of()).info().runId();
        assertTrue(bad.note().contains("would be SUPPORTED but rests on an unreliable NCE normaliser"), bad.note());
        assertTrue(bad.note().contains("NCE normaliser unreliable in " + id + ": nce_log_z_ess 3.200 < 100"), bad.note());
        // under Mann-Whitney the run enters below every value: U = 3 x 4 = 12 of 16, p = P(U >= 12) = 12/70 for
        // 4 against 4 (U = 16, 15, 14, 13, 12 in 1, 1, 2, 3, 5 of the 70 arrangements)
        ClaimSpec mw = new ClaimSpec("nce-lower-mw", "t", "nll_nce", null, Map.of("model.beta", 0.2),
                Map.of("model.beta", 1.0), true, List.of(), "mann-whitney", 0.05, 0, null);
        ClaimResult ranked = ClaimEvaluator.evaluate(List.of(mw), runs.apply(3.2)).get(0);
        assertEquals(12 / 70.0, ranked.pValue(), 1e-12);
        assertTrue(ranked.note().contains("1 of 8 values have no trustworthy value"), ranked.note());
        assertTrue(ranked.note().contains("NCE normaliser unreliable in " + id), ranked.note());
        // a claim on a metric that does not use log Z is not affected
        ClaimSpec nll = new ClaimSpec("nll-lower", "t", "nll", null, Map.of("model.beta", 0.2),
                Map.of("model.beta", 1.0), true, List.of(), "welch", 0.05, 0, null);
        assertEquals(Verdict.SUPPORTED, ClaimEvaluator.evaluate(List.of(nll), runs.apply(3.2)).get(0).verdict());
    }
}
