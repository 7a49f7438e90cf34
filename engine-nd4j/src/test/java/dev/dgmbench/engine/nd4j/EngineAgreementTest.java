package dev.dgmbench.engine.nd4j;

import dev.dgmbench.engine.Engine;
import dev.dgmbench.engine.Engines;
import dev.dgmbench.engine.ImageSet;
import dev.dgmbench.engine.Layer;
import dev.dgmbench.engine.Likelihood;
import dev.dgmbench.engine.MlpWeights;
import dev.dgmbench.engine.OptimizerSpec;
import dev.dgmbench.engine.RatioClassifier;
import dev.dgmbench.engine.VaeModel;
import dev.dgmbench.engine.VaeShape;
import dev.dgmbench.engine.VaeWeights;
import dev.dgmbench.engine.Noise;
import dev.dgmbench.models.prior.NceConfig;
import dev.dgmbench.models.prior.NceTraining;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every engine computes the same model: the fused kernels (on BLAS and on pure Java) against the SameDiff graphs
 * and their autodiff, on the same weights and noise. Tolerances are float32 rounding: about 1e-6 relative per
 * operation, accumulated over sums of tens of terms, so 1e-4 relative on losses and 2e-4 on gradient norms.
 */
class EngineAgreementTest {
    static final int D = 12, M = 16, L = 5, N = 9;

    static VaeShape shape(Likelihood like) {
        return new VaeShape(D, like == Likelihood.BERNOULLI ? 2 : 5, M, L, like, 0.7);
    }

    record Batch(float[] x, int[][] images, float[] eps) {
        static Batch of(int levels, long seed) {
            Random rng = new Random(seed);
            int[][] images = new int[N][D];
            for (int[] image : images) for (int j = 0; j < D; j++) image[j] = rng.nextInt(levels);
            return new Batch(ImageSet.ofLevels(images, levels).inputs(), images, Noise.normals(rng, N * L));
        }
    }

    @ParameterizedTest
    @CsvSource({"fused,CATEGORICAL", "fused,BERNOULLI", "java,CATEGORICAL", "java,BERNOULLI"})
    void lossTermsEncoderAndDecoderMatchTheGraphs(String engine, Likelihood like) {
        VaeShape s = shape(like);
        VaeWeights w = VaeWeights.glorot(s, 11);
        VaeModel ref = new SameDiffVae(s, w), f = Engines.create(engine).vae(s, w);
        Batch b = Batch.of(s.levels(), 5);
        double[][] want = ref.lossTerms(b.x(), b.images(), b.eps(), N), got = f.lossTerms(b.x(), b.images(), b.eps(), N);
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < N; i++) assertEquals(want[t][i], got[t][i], 1e-4 * Math.max(1, Math.abs(want[t][i])), "term " + t + " row " + i);
        }
        float[] encRef = ref.encode(b.x(), N).clone(), enc = f.encode(b.x(), N);
        for (int i = 0; i < encRef.length; i++) assertEquals(encRef[i], enc[i], 1e-5 * Math.max(1, Math.abs(encRef[i])));
        float[] z = java.util.Arrays.copyOf(b.eps(), N * L);
        float[] pRef = ref.decodeProbabilities(z, N).clone(), p = f.decodeProbabilities(z, N);
        for (int i = 0; i < pRef.length; i++) assertEquals(pRef[i], p[i], 1e-5, "probability " + i);
    }

    /** Plain SGD with rate 1 makes a step's parameter change the gradient itself, layer by layer. */
    @ParameterizedTest
    @CsvSource({"fused,CATEGORICAL", "fused,BERNOULLI", "java,CATEGORICAL"})
    void everyWeightGradientMatchesSameDiffAutodiff(String engine, Likelihood like) {
        VaeShape s = shape(like);
        VaeWeights w = VaeWeights.glorot(s, 12);
        Batch b = Batch.of(s.levels(), 6);
        SameDiff sd = new VaeGraphs(s, w).train;
        int k = s.levels();
        float[] t = new float[N * D * k];
        for (int i = 0; i < N; i++) for (int j = 0; j < D; j++) t[(i * D + j) * k + b.images()[i][j]] = 1;
        Map<String, INDArray> in = Map.of("x", SameDiffVae.rows(b.x(), N, D), "t", Nd4j.create(t, new long[]{N, (long) D * k}, 'c'),
                "eps", SameDiffVae.rows(b.eps(), N, L));
        Map<String, INDArray> ref = QuietStdout.call(() -> sd.calculateGradients(in, sd.variableMap().keySet().stream()
                .filter(v -> sd.getVariable(v).getVariableType() == VariableType.VARIABLE).toList()));
        assertEquals(14, ref.size());
        VaeModel f = Engines.create(engine).vae(s, w);
        f.startTraining(OptimizerSpec.of(OptimizerSpec.Kind.SGD, 1.0));
        f.fitEpoch(b.x(), b.images(), b.eps(), identity(N), N);
        VaeWeights after = f.weights();
        for (String layer : VaeWeights.LAYERS) {
            Layer l0 = w.layer(layer), l1 = after.layer(layer);
            check(layer + ".w", l0.w(), l1.w(), ref.get(layer + ".w"));
            check(layer + ".b", l0.b(), l1.b(), ref.get(layer + ".b"));
        }
    }

    private static void check(String name, float[] before, float[] after, INDArray grad) {
        float[] want = grad.dup('c').data().asFloat();
        double err = 0, norm = 0;
        for (int i = 0; i < want.length; i++) {
            double step = before[i] - after[i];
            err += (step - want[i]) * (step - want[i]);
            norm += want[i] * want[i];
        }
        double scale = Math.max(1e-3, Math.sqrt(norm));
        assertTrue(Math.sqrt(err) < 2e-4 * scale + 1e-6, name + ": |engine - autodiff| = " + Math.sqrt(err) + " against |grad| " + scale);
    }

    static int[] identity(int n) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) o[i] = i;
        return o;
    }

    @Test
    void ratioGradientsOfEveryEngineAndModeAgree() {
        MlpWeights w = NceTraining.initialWeights(new NceConfig(5, List.of(16, 8), 1e-3, 8, 1, 1), 9);
        float[] z = Noise.normals(new Random(5), 6 * 5);
        RatioClassifier derived = new SameDiffRatioClassifier(w, GradientMode.DERIVED);
        RatioClassifier auto = new SameDiffRatioClassifier(w, GradientMode.AUTODIFF);
        float[] gd = new float[30], ga = new float[30], gf = new float[30], gj = new float[30];
        float[] fd = derived.logitsAndInputGradient(z, 6, gd).clone();
        auto.logitsAndInputGradient(z, 6, ga);
        float[] ff = Engines.create("fused").ratioClassifier(w).logitsAndInputGradient(z, 6, gf).clone();
        Engines.create("java").ratioClassifier(w).logitsAndInputGradient(z, 6, gj);
        for (int i = 0; i < 6; i++) assertEquals(fd[i], ff[i], 1e-5, "f of row " + i);
        for (int i = 0; i < 30; i++) {
            assertEquals(ga[i], gd[i], 1e-5, "derived against autodiff");
            assertEquals(ga[i], gf[i], 1e-5, "fused against autodiff");
            assertEquals(ga[i], gj[i], 1e-5, "java against autodiff");
        }
    }

    @Test
    void nceTrainingOnEveryEngineReachesTheSameClassifierUpToRounding() {
        NceConfig cfg = new NceConfig(4, List.of(16), 1e-2, 64, 3, 3);
        float[] q = posterior(600, 4), held = posterior(200, 4);
        double[] losses = new double[3];
        float[][] weights = new float[3][];
        String[] engines = {"samediff", "fused", "java"};
        for (int e = 0; e < 3; e++) {
            Engine engine = Engines.create(engines[e]);
            RatioClassifier c = engine.ratioClassifier(NceTraining.initialWeights(cfg, 7));
            losses[e] = NceTraining.train(c, cfg, q, 600, held, 200, 7).loss();
            weights[e] = flat(c.weights());
        }
        for (int e = 1; e < 3; e++) {
            assertEquals(losses[0], losses[e], 1e-4, engines[e]);
            for (int i = 0; i < weights[0].length; i++) assertEquals(weights[0][i], weights[e][i], 1e-3, engines[e] + " weight " + i);
        }
    }

    static float[] posterior(int n, int l) {
        Random r = new Random(n);
        float[] p = new float[n * 2 * l];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < l; j++) {
                p[i * 2 * l + j] = (float) (1 + 0.3 * r.nextGaussian());
                p[i * 2 * l + l + j] = (float) Math.log(0.5);
            }
        }
        return p;
    }

    static float[] flat(MlpWeights w) {
        int size = 0;
        for (Layer l : w.layers()) size += l.size();
        float[] out = new float[size];
        int at = 0;
        for (Layer l : w.layers()) {
            System.arraycopy(l.w(), 0, out, at, l.w().length);
            System.arraycopy(l.b(), 0, out, at + l.w().length, l.out());
            at += l.size();
        }
        return out;
    }
}
