package dev.dgmbench.models.sampling;

import dev.dgmbench.engine.RatioClassifier;
import dev.dgmbench.models.fused.FusedEngine;
import dev.dgmbench.models.fused.NormalStream;
import dev.dgmbench.engine.Seeds;
import dev.dgmbench.models.prior.NceTraining;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The convergence diagnostics against hand computations, and the adaptive samplers on the exactly known tilted
 * Gaussian N(a, I) (linear log-ratio, see {@link TiltedPriorTest}): adaptation reaches its target, a well-tuned run
 * passes every check, a run that has not reached the target fails the check that says so.
 */
class SamplerDiagnosticsTest {
    static RatioClassifier linear(double... a) {
        return FusedEngine.java().ratioClassifier(NceTraining.linear(a, 0.2));
    }

    @Test
    void splitRhatMatchesAHandComputation() {
        // Chains (columns) [0,2,1,3] and [2,4,3,5]: halves [0,2] [1,3] [2,4] [3,5], n = 2, each variance 2 -> W = 2;
        // means 1,2,3,4 around 2.5 -> B = n/(m-1) * 5 = 10/3; var+ = (1/2) 2 + (10/3)/2 = 8/3; R = sqrt(4/3).
        double[][] e = {{0, 2}, {2, 4}, {1, 3}, {3, 5}};
        assertEquals(Math.sqrt(4.0 / 3), ChainDiagnostics.splitRhat(e), 1e-12);
        assertTrue(Double.isNaN(ChainDiagnostics.splitRhat(new double[][]{{1, 2}, {2, 3}, {3, 4}})), "under 4 steps");
    }

    @Test
    void splitRhatIsNearOneForIndependentDrawsAndLargeForATrend() {
        Random rng = new Random(1);
        double[][] iid = new double[200][100], trend = new double[200][100];
        for (int t = 0; t < 200; t++) {
            for (int c = 0; c < 100; c++) {
                iid[t][c] = rng.nextGaussian();
                trend[t][c] = rng.nextGaussian() + 0.01 * t;   // the halves' means differ by 1 sd
            }
        }
        // For iid draws R - 1 is O(1/(chains * n)) + noise of about sqrt(2/(m n)) / 2 ~ 0.005; 0.01 is 2 such sds.
        assertEquals(1.0, ChainDiagnostics.splitRhat(iid), 0.01);
        // Trend: B/n adds about 1/4 (half-means at +-0.5) to W = 1 + the within-half trend 1/12 -> R ~ 1.1.
        assertTrue(ChainDiagnostics.splitRhat(trend) > 1.05, "a trend must be flagged: " + ChainDiagnostics.splitRhat(trend));
    }

    @Test
    void slopeIsExactOnALineAndTheFinalSegmentIsTheLastFifth() {
        double[] line = new double[30];
        for (int t = 0; t < 30; t++) line[t] = 3 + 0.5 * t;
        assertEquals(0.5, ChainDiagnostics.slope(line, 10, 30), 1e-12);
        assertEquals(101 - 20, ChainDiagnostics.finalSegmentStart(0, 101));   // round(0.2 * 101) = 20 points
        assertEquals(48, ChainDiagnostics.finalSegmentStart(40, 50));          // 10 post-burn-in points -> 2
    }

    @Test
    void convergenceNamesEachFailedCheck() {
        Map<String, Double> good = Map.of("rhat", 1.01, "energy_drift", -0.1, "acceptance_rate", 0.57);
        assertEquals(List.of(), Convergence.failures("mala", good));
        List<String> bad = Convergence.failures("mala", Map.of("rhat", 1.2, "energy_drift", -0.5, "acceptance_rate", 0.99));
        assertEquals(3, bad.size(), bad.toString());
        assertTrue(bad.get(0).startsWith("rhat 1.200 >= 1.05"), bad.toString());
        assertTrue(bad.get(1).startsWith("|energy_drift| 0.5000 >= 0.2"), bad.toString());
        assertTrue(bad.get(2).startsWith("acceptance_rate 0.9900 outside"), bad.toString());
        assertEquals(List.of("acceptance_proxy missing outside [0.3, 1.0]"),
                Convergence.failures("langevin", Map.of("rhat", 1.0, "energy_drift", 0.0)));
        assertEquals(List.of(), Convergence.failures("sir", Map.of("ess", 256.0, "samples_drawn", 512.0)));
        assertEquals(1, Convergence.failures("sir", Map.of("ess", 255.9, "samples_drawn", 512.0)).size());
        assertEquals(List.of(), Convergence.failures("prior", Map.of()));
    }

    @Test
    void adaptationScalesTheErrorToTheRoomOnEachSideOfTheTarget() {
        StepAdaptation a = new StepAdaptation(10, 0.9);
        // t = 0: gain 1. Acceptance 1 is the largest error above 0.9: log s grows by exactly 1; 0 shrinks it by 1.
        assertEquals(Math.exp(1), a.next(1, 1.0, 0), 1e-12);
        assertEquals(Math.exp(-1), a.next(1, 0.0, 0), 1e-12);
        // t = 3: gain 4^-0.6; acceptance 0.95 is half the room above: log s += 0.5 * 4^-0.6.
        assertEquals(2 * Math.exp(0.5 * Math.pow(4, -0.6)), a.next(2, 0.95, 3), 1e-12);
        assertEquals(0.5, a.next(0.5, 0.9, 7), 0.0);
    }

    @Test
    void malaAdaptsToTheTargetAcceptanceAndThenPasses() {
        double[] a = {1.0, -0.5, 0.25, 0.0, 0.5};
        SamplerOutput out = new MalaSampler(new Energy(linear(a)), a.length, 200, 0.05, new StepAdaptation(200, 0.574))
                .sample(500, 3);
        Map<String, Double> d = out.diagnostics();
        // 500 chains x 200 steps: the acceptance rate of a frozen step has sd ~ 0.01; adaptation ends within a few
        // hundredths of the target, so +-0.06 allows both.
        assertEquals(0.574, d.get("acceptance_rate"), 0.06, d.toString());
        assertTrue(d.get("step_size_final") > 0.5, "grew from 0.05 toward the Gaussian's scale: " + d);
        assertEquals(1.0, d.get("converged"), d.toString());
        assertEquals(400, out.traces().get("step_size").length);
        assertEquals(d.get("step_size_final"), out.traces().get("step_size")[399]);   // frozen after burn-in
        TiltedPriorTest.assertMoments(out, a, 0.08, 0.12, "adapted mala");
    }

    @Test
    void langevinAdaptsItsProxyAndKeepsTheTargetsMoments() {
        double[] a = {1.0, -0.5, 0.25};
        SamplerOutput out = new LangevinSampler(new Energy(linear(a)), 3, 200, 0.05, 1.0, new StepAdaptation(100, 0.574))
                .sample(1000, 4);
        Map<String, Double> d = out.diagnostics();
        assertEquals(0.574, d.get("acceptance_proxy"), 0.06, d.toString());
        assertEquals(1.0, d.get("converged"), d.toString());
        // ULA on N(a, I) with step s has stationary variance 1 / (1 - s^2/4): recorded step ~1.3 gives ~1.7, so
        // check the mean (unbiased for a Gaussian) tightly and the variance against that inflation.
        double s = d.get("step_size_final"), v = 1 / (1 - s * s / 4);
        TiltedPriorTest.assertMoments(out, a, 0.1, v, 0.25 * v, "adapted langevin");
    }

    @Test
    void aTinyFixedStepFarFromTheTargetIsFlagged() {
        double[] a = {3.0, 3.0, 3.0};
        SamplerOutput out = new LangevinSampler(new Energy(linear(a)), 3, 50, 0.05, 1.0).sample(300, 5);
        Map<String, Double> d = out.diagnostics();
        // drift 0.00125 * grad per step: after 50 steps the codes have moved ~0.3 of the 3 to go; still falling.
        // Per step the mean energy falls by ~0.00125 |grad E|^2 ~ 0.04, ten steps ~0.4: under a fifth of the
        // energies' spread across chains (~3.3), so the plateau check alone passes; the chains' halves disagree
        // and split-R-hat is what catches it.
        assertEquals(0.0, d.get("converged"));
        List<String> why = Convergence.failures("langevin", d);
        assertTrue(why.stream().anyMatch(w -> w.startsWith("rhat")), why.toString());
        assertTrue(d.get("energy_slope") < -0.02, d.toString());
    }

    @Test
    void tooFewStepsToDiagnoseLeaveRhatOutAndFail() {
        SamplerOutput out = new MalaSampler(new Energy(linear(0.5)), 1, 3, 1.0).sample(50, 2);
        assertFalse(out.diagnostics().containsKey("rhat"), out.diagnostics().toString());
        assertEquals(0.0, out.diagnostics().get("converged"));
        assertTrue(Convergence.failures("mala", out.diagnostics()).contains("rhat missing >= 1.05"));
    }

    @Test
    void withoutBurnInLangevinIsTheFixedStepLoopBitForBitAndSeedsRepeat() {
        Energy e = new Energy(linear(1.0, -0.5));
        SamplerOutput out = new LangevinSampler(e, 2, 20, 0.3, 0.7).sample(64, 9);
        LangevinSampler fixed = new LangevinSampler(e, 2, 20, 0.3, 0.7);
        NormalStream normals = new NormalStream(Seeds.derive(9, "langevin"));
        float[] z = normals.next(128), grad = new float[128], noise = new float[128];
        for (int t = 0; t < 20; t++) assertEquals(out.traces().get("energy")[t], fixed.step(z, grad, noise, 64, normals), 0.0);
        assertArrayEquals(z, out.z());
        assertArrayEquals(out.z(), new LangevinSampler(e, 2, 20, 0.3, 0.7).sample(64, 9).z());
        SamplerOutput m1 = new MalaSampler(e, 2, 30, 0.5, new StepAdaptation(10, 0.5)).sample(64, 9);
        assertArrayEquals(m1.z(), new MalaSampler(e, 2, 30, 0.5, new StepAdaptation(10, 0.5)).sample(64, 9).z());
    }

    @Test
    void sirScoresAPoolLargerThanOneChunkLikeTheWholePoolAtOnce() {
        // 20,000 proposals span three classifier calls; the java engine's rows are independent, so resampling from
        // the chunked logits picks exactly the codes one call would: compare with a pool scored in one call.
        RatioClassifier c = linear(0.5, -0.5);
        SamplerOutput chunked = new SirSampler(c, 2, 20_000).sample(300, 2);
        Random rng = Seeds.random(2, "sir");
        float[] pool = dev.dgmbench.engine.Noise.normals(rng, 20_000 * 2);
        float[] f = c.logits(pool, 20_000);
        double max = Double.NEGATIVE_INFINITY, sum = 0, sumSq = 0;
        for (float v : f) max = Math.max(max, v);
        for (float v : f) {
            double w = Math.exp(v - max);
            sum += w;
            sumSq += w * w;
        }
        assertEquals(sum * sum / sumSq, chunked.diagnostics().get("ess"), 1e-9 * sum * sum / sumSq);
    }

    @Test
    void sirFlagsACollapsedPoolAndPassesAHealthyOne() {
        // Tilt by a = (3, 3, 3): the weights' ESS share is exp(-|a|^2) ~ 1.2e-12 in expectation, so 2000 proposals
        // give an ESS of a few at best; a = 0.3 per dim gives exp(-0.27) = 0.76 of the pool.
        SamplerOutput collapsed = new SirSampler(linear(3, 3, 3), 3, 2000).sample(256, 1);
        assertEquals(0.0, collapsed.diagnostics().get("converged"));
        assertTrue(collapsed.diagnostics().get("distinct_fraction") < 0.2, collapsed.diagnostics().toString());
        SamplerOutput healthy = new SirSampler(linear(0.3, 0.3, 0.3), 3, 2000).sample(256, 1);
        assertEquals(1.0, healthy.diagnostics().get("converged"), healthy.diagnostics().toString());
        assertEquals(0.76, healthy.diagnostics().get("ess_fraction"), 0.05);
    }
}
