package dev.dgmbench.models.fused;

import dev.dgmbench.models.nn.Noise;
import dev.dgmbench.models.nn.QuietStdout;
import dev.dgmbench.models.vae.BetaVae;
import dev.dgmbench.models.vae.Likelihood;
import dev.dgmbench.models.vae.VaeConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The fused beta-VAE against its SameDiff graph (the reference): loss terms, every weight gradient, a step. */
class FusedVaeTest {
    static final int D = 12, M = 16, L = 5, N = 9;

    record Batch(float[] x, int[][] images, float[] eps, INDArray xa, INDArray oneHot, INDArray epsA) {
    }

    static Batch batch(int levels, long seed) {
        Random rng = new Random(seed);
        int[][] images = new int[N][D];
        float[] x = new float[N * D], t = new float[N * D * levels];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < D; j++) {
                images[i][j] = rng.nextInt(levels);
                x[i * D + j] = images[i][j] / (float) (levels - 1);
                t[(i * D + j) * levels + images[i][j]] = 1;
            }
        }
        float[] eps = Noise.normals(rng, N * L);
        return new Batch(x, images, eps, Nd4j.create(x, new long[]{N, D}, 'c'),
                Nd4j.create(t, new long[]{N, (long) D * levels}, 'c'), Nd4j.create(eps, new long[]{N, L}, 'c'));
    }

    static VaeConfig config(Likelihood like) {
        return new VaeConfig(D, like == Likelihood.BERNOULLI ? 2 : 5, M, L, like, 0.7);
    }

    @ParameterizedTest
    @EnumSource(Likelihood.class)
    void lossTermsMatchTheGraph(Likelihood like) {
        VaeConfig c = config(like);
        BetaVae vae = BetaVae.create(c, 11);
        Batch b = batch(c.levels(), 5);
        Map<String, INDArray> ref = vae.lossTerms(b.xa(), b.oneHot(), b.epsA());
        double[][] fused = FusedVae.of(vae).lossTerms(b.x(), b.images(), b.eps(), N);
        String[] names = {"re", "kl", "klmc"};
        for (int t = 0; t < 3; t++) {
            for (int i = 0; i < N; i++) {
                double want = ref.get(names[t]).getDouble(i);
                assertEquals(want, fused[t][i], 1e-4 * Math.max(1, Math.abs(want)), names[t] + " row " + i);
            }
        }
    }

    /** Plain SGD with rate 1 makes the step's parameter change the gradient itself, layer by layer. */
    @ParameterizedTest
    @EnumSource(Likelihood.class)
    void everyWeightGradientMatchesSameDiffAutodiff(Likelihood like) {
        VaeConfig c = config(like);
        BetaVae vae = BetaVae.create(c, 12);
        Batch b = batch(c.levels(), 6);
        SameDiff sd = vae.trainingGraph();
        Map<String, INDArray> ref = QuietStdout.call(() -> sd.calculateGradients(
                Map.of("x", b.xa(), "t", b.oneHot(), "eps", b.epsA()), sd.variableMap().keySet().stream()
                        .filter(v -> sd.getVariable(v).getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE)
                        .toList()));
        Map<String, INDArray> before = vae.snapshot();
        FusedVae f = FusedVae.of(vae);
        f.useUpdater(new Sgd(1.0));
        double loss = f.step(b.x(), b.images(), b.eps(), N);
        double graphLoss = sd.output(Map.of("x", b.xa(), "t", b.oneHot(), "eps", b.epsA()), "loss").get("loss").getDouble(0);
        assertEquals(graphLoss, loss, 1e-4 * Math.abs(graphLoss));
        f.store(vae);
        Map<String, INDArray> after = vae.weights();
        assertEquals(14, ref.size());
        for (String name : ref.keySet()) {
            INDArray step = before.get(name).sub(after.get(name));
            INDArray want = ref.get(name).reshape(step.shape());
            double scale = Math.max(1e-3, want.norm2Number().doubleValue());
            double err = step.sub(want).norm2Number().doubleValue();
            assertTrue(err < 2e-4 * scale + 1e-6, name + ": |fused - autodiff| = " + err + " against |grad| " + scale);
        }
    }

    @Test
    void storeAndLoadRoundTripEveryWeight() {
        VaeConfig c = config(Likelihood.CATEGORICAL);
        BetaVae a = BetaVae.create(c, 1), b = BetaVae.create(c, 2);
        FusedVae.of(a).store(b);
        for (String name : a.weights().keySet()) assertEquals(a.weights().get(name), b.weights().get(name), name);
    }

    @Test
    void rerunsAreBitIdenticalAndTrainingLowersTheLoss() {
        double[] first = train(), second = train();
        assertArrayEquals(first, second);
        assertTrue(first[first.length - 1] < 0.8 * first[0], "loss " + first[0] + " -> " + first[first.length - 1]);
    }

    private static double[] train() {
        VaeConfig c = config(Likelihood.CATEGORICAL);
        FusedVae f = FusedVae.of(BetaVae.create(c, 3));
        f.useUpdater(new org.nd4j.linalg.learning.config.Adam(1e-2));
        Batch b = batch(c.levels(), 9);
        double[] losses = new double[60];
        for (int i = 0; i < losses.length; i++) losses[i] = f.step(b.x(), b.images(), b.eps(), N);
        return losses;
    }

    @Test
    void logLikelihoodEqualsMinusReconstruction() {
        VaeConfig c = config(Likelihood.CATEGORICAL);
        FusedVae f = FusedVae.of(BetaVae.create(c, 4));
        Batch b = batch(c.levels(), 10);
        double[][] terms = f.lossTerms(b.x(), b.images(), b.eps(), N);
        float[] enc = f.encode(b.x(), N).clone();
        float[] z = new float[N * L];
        for (int r = 0; r < N; r++) {
            for (int j = 0; j < L; j++) {
                z[r * L + j] = enc[r * 2 * L + j] + (float) Math.exp(0.5 * enc[r * 2 * L + L + j]) * b.eps()[r * L + j];
            }
        }
        double[] logpx = new double[N];
        f.logLikelihood(z, N, b.images(), logpx);
        for (int r = 0; r < N; r++) assertEquals(-terms[0][r], logpx[r], 1e-9);
    }
}
