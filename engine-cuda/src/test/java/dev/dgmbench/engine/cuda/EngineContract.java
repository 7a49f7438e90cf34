package dev.dgmbench.engine.cuda;

import dev.dgmbench.engine.Engine;
import dev.dgmbench.engine.Likelihood;
import dev.dgmbench.engine.MlpWeights;
import dev.dgmbench.engine.OptimizerSpec;
import dev.dgmbench.engine.RatioClassifier;
import dev.dgmbench.engine.VaeModel;
import dev.dgmbench.engine.VaeShape;
import dev.dgmbench.engine.VaeWeights;
import dev.dgmbench.models.fused.FusedEngine;
import dev.dgmbench.engine.Noise;
import dev.dgmbench.engine.Seeds;
import dev.dgmbench.models.sampling.Energy;
import dev.dgmbench.models.sampling.LangevinSampler;
import dev.dgmbench.models.sampling.ChainLength;
import dev.dgmbench.models.sampling.MalaSampler;
import dev.dgmbench.models.sampling.StepAdaptation;
import dev.dgmbench.models.sampling.Tempering;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cuda engine against the CPU fused engine on pure-Java products ({@code java}) on the same weights and
 * noise: loss terms, every weight gradient (one SGD step with rate 1 moves each parameter by minus its
 * gradient), one Adam epoch, the IWAE log-likelihoods, encoder and decoder outputs, the NCE classifier's loss,
 * step and input gradient, and a Langevin and a MALA run. Subclasses pick the device.
 * <p>
 * Tolerances, from float32 rounding: the engines compute the same expressions except the order of summation
 * inside matrix products (and cuBLAS's tiling on a GPU). A k-term float sum carries at most k u sum|terms| of
 * rounding error (u = 2^-24); with k <= 256 that is 1.5e-5 of the magnitudes, and six layers deep about 1e-4.
 * So values are compared to a relative 1e-4 of their own scale (worst case; real gaps are far smaller).
 */
abstract class EngineContract {
    /** Digits-like shapes, small enough for pure-Java products in a unit test. */
    static final VaeShape SHAPE = new VaeShape(64, 17, 64, 8, Likelihood.CATEGORICAL, 1.0);
    static final VaeShape BERNOULLI = new VaeShape(64, 2, 64, 8, Likelihood.BERNOULLI, 4.0);
    static final int N = 48, BATCH = 16;
    static final double RTOL = 1e-4;

    private final Engine reference = FusedEngine.java();

    abstract CudaEngine engine();

    static final class Data {
        final float[] x, eps;
        final int[][] levels;
        final int[] order;

        Data(VaeShape s, long seed) {
            Random r = new Random(seed);
            levels = new int[N][s.pixels()];
            x = new float[N * s.pixels()];
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < s.pixels(); j++) {
                    levels[i][j] = r.nextInt(s.levels());
                    x[i * s.pixels() + j] = levels[i][j] / (float) (s.levels() - 1);
                }
            }
            eps = Noise.normals(Seeds.random(seed, "train-noise"), N * s.latent());
            order = Noise.permutation(N, Seeds.random(seed, "shuffle"));
        }
    }

    /** |a - b| <= RTOL * (|b| + mean |b|) elementwise: relative, with the array's own scale near zero. */
    static void close(String what, double[] a, double[] b, double rtol) {
        assertEquals(b.length, a.length, what + " length");
        double scale = 0, worst = 0;
        for (double v : b) scale += Math.abs(v) / b.length;
        for (int i = 0; i < b.length; i++) {
            double gap = Math.abs(a[i] - b[i]);
            worst = Math.max(worst, gap / (Math.abs(b[i]) + scale + 1e-30));
            assertTrue(gap <= rtol * (Math.abs(b[i]) + scale), what + "[" + i + "]: " + a[i] + " vs " + b[i]);
        }
        System.out.printf("%s: largest relative gap %.2e%n", what, worst);
    }

    static void close(String what, float[] a, float[] b, double rtol) {
        close(what, toDouble(a), toDouble(b), rtol);
    }

    static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) d[i] = v[i];
        return d;
    }

    static float[] flat(VaeWeights w) {
        return flatten(w.arrays().values());
    }

    static float[] flatten(java.util.Collection<float[]> arrays) {
        int n = arrays.stream().mapToInt(a -> a.length).sum(), at = 0;
        float[] out = new float[n];
        for (float[] a : arrays) {
            System.arraycopy(a, 0, out, at, a.length);
            at += a.length;
        }
        return out;
    }

    @Test
    void lossTermsAndPassesMatchTheFusedEngine() {
        for (VaeShape s : List.of(SHAPE, BERNOULLI)) {
            VaeWeights w = VaeWeights.glorot(s, 11);
            Data d = new Data(s, 5);
            VaeModel cuda = engine().vae(s, w), ref = reference.vae(s, w);
            double[][] a = cuda.lossTerms(d.x, d.levels, d.eps, N), b = ref.lossTerms(d.x, d.levels, d.eps, N);
            for (int t = 0; t < 3; t++) close(s.likelihood() + " loss term " + t, a[t], b[t], RTOL);
            close(s.likelihood() + " encode", cuda.encode(d.x, N), ref.encode(d.x, N).clone(), RTOL);
            float[] z = java.util.Arrays.copyOf(d.eps, N * s.latent());
            close(s.likelihood() + " probabilities", cuda.decodeProbabilities(z, N), ref.decodeProbabilities(z, N), RTOL);
            assertTrue(java.util.Arrays.equals(flat(w), flat(cuda.weights())), "weights round-trip exactly");
        }
    }

    @Test
    void everyWeightGradientMatches() {
        for (VaeShape s : List.of(SHAPE, BERNOULLI)) {
            VaeWeights w = VaeWeights.glorot(s, 12);
            Data d = new Data(s, 6);
            float[] before = flat(w);
            float[][] steps = new float[2][];
            int i = 0;
            for (VaeModel m : List.of(engine().vae(s, w), reference.vae(s, w))) {
                m.startTraining(OptimizerSpec.of(OptimizerSpec.Kind.SGD, 1.0));
                // one batch of all N rows: one step
                m.fitEpoch(d.x, d.levels, d.eps, d.order, N);
                float[] after = flat(m.weights());
                float[] grad = new float[after.length];
                for (int k = 0; k < grad.length; k++) grad[k] = before[k] - after[k];
                steps[i++] = grad;
            }
            close(s.likelihood() + " gradients (SGD step, rate 1)", steps[0], steps[1], RTOL);
        }
    }

    @Test
    void oneAdamEpochMatches() {
        VaeWeights w = VaeWeights.glorot(SHAPE, 13);
        Data d = new Data(SHAPE, 7);
        VaeModel cuda = engine().vae(SHAPE, w), ref = reference.vae(SHAPE, w);
        cuda.startTraining(OptimizerSpec.adam(1e-3));
        ref.startTraining(OptimizerSpec.adam(1e-3));
        double la = cuda.fitEpoch(d.x, d.levels, d.eps, d.order, BATCH), lb = ref.fitEpoch(d.x, d.levels, d.eps, d.order, BATCH);
        assertEquals(lb, la, RTOL * Math.abs(lb), "mean batch loss");
        float[] a = flat(cuda.weights()), b = flat(ref.weights());
        double[] gaps = new double[a.length];
        for (int k = 0; k < a.length; k++) gaps[k] = Math.abs(a[k] - b[k]);
        java.util.Arrays.sort(gaps);
        double p50 = gaps[gaps.length / 2], p99 = gaps[(int) (gaps.length * 0.99)], max = gaps[gaps.length - 1];
        System.out.printf("Adam epoch: weight gaps median %.2e, 99th percentile %.2e, largest %.2e%n", p50, p99, max);
        // Adam divides each gradient by its own running size, so a gradient that is mostly cancellation (its
        // rounding error comparable to itself) can move by up to lr per step differently in the two engines;
        // no parameter can differ by more than 2 lr per step (Adam's steps are at most lr early on). Most
        // gradients are far from cancellation: there the gap stays at float rounding of the weights (~1e-7).
        int steps = (N + BATCH - 1) / BATCH;
        assertTrue(max <= 2 * 1e-3 * steps, "largest weight gap " + max);
        assertTrue(p99 <= 1e-6, "99th percentile of weight gaps " + p99);
    }

    /** Early stopping's checkpoint lives on the device: restoring gives back exactly what was kept, the latest one. */
    @Test
    void aCheckpointRestoresExactlyTheParametersItKept() {
        Data d = new Data(SHAPE, 8);
        VaeModel cuda = engine().vae(SHAPE, VaeWeights.glorot(SHAPE, 14));
        cuda.startTraining(OptimizerSpec.adam(1e-3));
        cuda.checkpoint();
        cuda.fitEpoch(d.x, d.levels, d.eps, d.order, BATCH);
        float[] kept = cuda.snapshot();
        VaeModel.Checkpoint c = cuda.checkpoint();
        cuda.fitEpoch(d.x, d.levels, d.eps, d.order, BATCH);
        assertFalse(java.util.Arrays.equals(kept, cuda.snapshot()), "an epoch moved the weights");
        c.restore();
        assertArrayEquals(kept, cuda.snapshot());
    }

    @Test
    void importanceSamplingLogLikelihoodsMatch() {
        VaeWeights w = VaeWeights.glorot(SHAPE, 14);
        Data d = new Data(SHAPE, 8);
        int k = 20, images = 3, rows = k * images;
        int[][] levels = new int[rows][];
        for (int r = 0; r < rows; r++) levels[r] = d.levels[r / k]; // each image's row repeated k times
        float[] z = Noise.normals(new Random(3), rows * SHAPE.latent());
        double[] a = new double[rows], b = new double[rows];
        engine().vae(SHAPE, w).logLikelihood(z, rows, levels, a);
        reference.vae(SHAPE, w).logLikelihood(z, rows, levels, b);
        close("IWAE log p(x|z)", a, b, RTOL);
    }

    private MlpWeights classifierWeights() {
        return MlpWeights.glorot(List.of("nce0", "nce1", "nce_out"), new int[]{SHAPE.latent(), 32, 32, 1}, 15, "nce-init");
    }

    @Test
    void nceClassifierMatches() {
        MlpWeights w = classifierWeights();
        RatioClassifier cuda = engine().ratioClassifier(w), ref = reference.ratioClassifier(w);
        int n = 40, l = SHAPE.latent();
        float[] z = Noise.normals(new Random(4), n * l), y = new float[n];
        for (int i = 0; i < n; i += 2) y[i] = 1;
        close("NCE logits", cuda.logits(z, n), ref.logits(z, n).clone(), RTOL);
        float[] ga = new float[n * l], gb = new float[n * l];
        cuda.logitsAndInputGradient(z, n, ga);
        ref.logitsAndInputGradient(z, n, gb);
        close("NCE input gradient", ga, gb, RTOL);
        assertEquals(ref.loss(z, y, n), cuda.loss(z, y, n), RTOL, "NCE loss");
        cuda.startTraining(OptimizerSpec.of(OptimizerSpec.Kind.SGD, 1.0));
        ref.startTraining(OptimizerSpec.of(OptimizerSpec.Kind.SGD, 1.0));
        float[] before = flatten(w.arrays().values());
        double la = cuda.step(z, y, n), lb = ref.step(z, y, n);
        assertEquals(lb, la, RTOL, "NCE step loss");
        float[] a = flatten(cuda.weights().arrays().values()), b = flatten(ref.weights().arrays().values());
        for (int k = 0; k < a.length; k++) {
            a[k] = before[k] - a[k];
            b[k] = before[k] - b[k];
        }
        close("NCE weight gradients", a, b, RTOL);
    }

    /**
     * The epoch gathered on the device equals the same engine's step-by-step loop bit for bit (same kernels on the
     * same rows, no host round trip), and the fused engine's epoch to rounding; a short last batch included.
     */
    @Test
    void nceEpochMatchesStepByStep() {
        MlpWeights w = classifierWeights();
        RatioClassifier epoch = engine().ratioClassifier(w), steps = engine().ratioClassifier(w), ref = reference.ratioClassifier(w);
        int n = 40, l = SHAPE.latent(), batch = 16;
        float[] z = Noise.normals(new Random(5), n * l), y = new float[n];
        for (int i = 0; i < n; i += 2) y[i] = 1;
        int[] order = Noise.permutation(n, new Random(6));
        for (RatioClassifier c : List.of(epoch, steps, ref)) c.startTraining(OptimizerSpec.adam(1e-2));
        for (int e = 0; e < 2; e++) {
            epoch.fitEpoch(z, y, n, order, batch);
            ref.fitEpoch(z, y, n, order, batch);
            for (int from = 0; from < n; from += batch) {
                int rows = Math.min(n, from + batch) - from;
                float[] bz = new float[rows * l], by = new float[rows];
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(z, order[from + r] * l, bz, r * l, l);
                    by[r] = y[order[from + r]];
                }
                steps.step(bz, by, rows);
            }
        }
        float[] a = flatten(epoch.weights().arrays().values());
        assertArrayEquals(flatten(steps.weights().arrays().values()), a, "device epoch vs steps, bit for bit");
        assertFalse(java.util.Arrays.equals(flatten(w.arrays().values()), a), "the epochs moved the weights");
        close("NCE weights after two Adam epochs", a, flatten(ref.weights().arrays().values()), RTOL);
    }

    @Test
    void langevinAndMalaMatch() {
        MlpWeights w = classifierWeights();
        Energy onCuda = new Energy(engine().ratioClassifier(w)), onRef = new Energy(reference.ratioClassifier(w));
        int l = SHAPE.latent(), n = 16;
        float[] a = new LangevinSampler(onCuda, l, 10, 0.1, 1.0).sample(n, 9).z();
        float[] b = new LangevinSampler(onRef, l, 10, 0.1, 1.0).sample(n, 9).z();
        close("Langevin z after 10 steps", a, b, RTOL);
        var ma = new MalaSampler(onCuda, l, 10, 0.1).sample(n, 9);
        var mb = new MalaSampler(onRef, l, 10, 0.1).sample(n, 9);
        assertEquals(mb.diagnostics().get("acceptance_rate"), ma.diagnostics().get("acceptance_rate"), "same accept/reject");
        close("MALA z after 10 steps", ma.z(), mb.z(), RTOL);
    }

    /** Replica exchange: the tempered copies batch 4 x n codes per classifier call; the swaps must decide alike. */
    @Test
    void temperedMalaMatches() {
        MlpWeights w = classifierWeights();
        Energy onCuda = new Energy(engine().ratioClassifier(w)), onRef = new Energy(reference.ratioClassifier(w));
        int l = SHAPE.latent(), n = 16;
        var ta = new MalaSampler(onCuda, l, ChainLength.fixed(10), 0.1, StepAdaptation.none(), new Tempering(4)).sample(n, 9);
        var tb = new MalaSampler(onRef, l, ChainLength.fixed(10), 0.1, StepAdaptation.none(), new Tempering(4)).sample(n, 9);
        assertEquals(tb.diagnostics().get("swap_rate_min"), ta.diagnostics().get("swap_rate_min"), "same swaps");
        assertEquals(tb.diagnostics().get("acceptance_rate"), ta.diagnostics().get("acceptance_rate"), "same accept/reject");
        close("tempered MALA z after 10 steps", ta.z(), tb.z(), RTOL);
    }
}
