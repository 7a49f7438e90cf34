package dev.dgmbench.models.fused;

import dev.dgmbench.engine.ImageSet;
import dev.dgmbench.engine.Likelihood;
import dev.dgmbench.engine.OptimizerSpec;
import dev.dgmbench.engine.VaeShape;
import dev.dgmbench.engine.VaeWeights;
import dev.dgmbench.engine.Noise;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The fused beta-VAE on pure-Java products: weights round trip, determinism, and its passes against each other. */
class FusedVaeTest {
    static final int D = 12, M = 16, L = 5, N = 9;

    /** Random grey levels and inputs for n images, and noise rows. */
    record Batch(float[] x, int[][] images, float[] eps) {
        static Batch of(int levels, long seed) {
            Random rng = new Random(seed);
            int[][] images = new int[N][D];
            for (int[] image : images) for (int j = 0; j < D; j++) image[j] = rng.nextInt(levels);
            return new Batch(ImageSet.ofLevels(images, levels).inputs(), images, Noise.normals(rng, N * L));
        }
    }

    static VaeShape shape(Likelihood like) {
        return new VaeShape(D, like == Likelihood.BERNOULLI ? 2 : 5, M, L, like, 0.7);
    }

    static FusedVae model(Likelihood like, long seed) {
        VaeShape s = shape(like);
        return new FusedVae(s, new JavaMatMul(), VaeWeights.glorot(s, seed));
    }

    @ParameterizedTest
    @EnumSource(Likelihood.class)
    void canonicalWeightsRoundTripExactly(Likelihood like) {
        VaeWeights w = VaeWeights.glorot(shape(like), 1);
        VaeWeights back = new FusedVae(shape(like), new JavaMatMul(), w).weights();
        for (String name : VaeWeights.LAYERS) {
            assertArrayEquals(w.layer(name).w(), back.layer(name).w(), name + ".w");
            assertArrayEquals(w.layer(name).b(), back.layer(name).b(), name + ".b");
        }
    }

    @Test
    void rerunsAreBitIdenticalAndTrainingLowersTheLoss() {
        double[] first = train(), second = train();
        assertArrayEquals(first, second);
        assertTrue(first[first.length - 1] < 0.8 * first[0], "loss " + first[0] + " -> " + first[first.length - 1]);
    }

    private static double[] train() {
        FusedVae f = model(Likelihood.CATEGORICAL, 3);
        f.startTraining(OptimizerSpec.adam(1e-2));
        Batch b = Batch.of(5, 9);
        double[] losses = new double[60];
        for (int i = 0; i < losses.length; i++) losses[i] = f.step(b.x(), b.images(), b.eps(), N);
        return losses;
    }

    @ParameterizedTest
    @EnumSource(Likelihood.class)
    void logLikelihoodIsMinusReconstructionAndProbabilitiesAgreeWithIt(Likelihood like) {
        FusedVae f = model(like, 4);
        Batch b = Batch.of(shape(like).levels(), 10);
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
        float[] p = f.decodeProbabilities(z, N);
        int k = shape(like).levels();
        for (int r = 0; r < N; r++) {
            assertEquals(-terms[0][r], logpx[r], 1e-9);
            double byProbabilities = 0;
            for (int j = 0; j < D; j++) {
                double sum = 0;
                for (int l = 0; l < k; l++) sum += p[(r * D + j) * k + l];
                assertEquals(1.0, sum, 1e-5, "pixel " + j + " of row " + r);
                byProbabilities += Math.log(p[(r * D + j) * k + b.images()[r][j]]);
            }
            // float probabilities: about 1e-6 relative per pixel, summed over D pixels
            assertEquals(logpx[r], byProbabilities, 1e-4 * D);
        }
    }

    @Test
    void snapshotAndRestoreGiveBackTheSameModel() {
        FusedVae f = model(Likelihood.CATEGORICAL, 5);
        Batch b = Batch.of(5, 11);
        float[] snap = f.snapshot();
        double[][] before = f.lossTerms(b.x(), b.images(), b.eps(), N);
        f.startTraining(OptimizerSpec.adam(1e-2));
        f.step(b.x(), b.images(), b.eps(), N);
        assertNotEquals(before[0][0], f.lossTerms(b.x(), b.images(), b.eps(), N)[0][0]);
        f.restore(snap);
        assertArrayEquals(before[0], f.lossTerms(b.x(), b.images(), b.eps(), N)[0]);
    }

    @Test
    void evaluationsTooLargeForOnePassAreSlicedWithTheSameBits() {
        FusedVae whole = model(Likelihood.CATEGORICAL, 4), sliced = model(Likelihood.CATEGORICAL, 4);
        int width = D * 5; // pixels x levels of the categorical shape
        assertEquals(N, sliced.sliceRows(N), "the default limits keep small calls whole");
        sliced.slicing((long) (N - 1) * width, 2L * width);
        assertEquals(2, sliced.sliceRows(N), "over the limit: slices of two rows");
        assertEquals(N - 1, sliced.sliceRows(N - 1), "at the limit: one pass");
        Batch b = Batch.of(5, 11);
        double[][] a = whole.lossTerms(b.x(), b.images(), b.eps(), N), c = sliced.lossTerms(b.x(), b.images(), b.eps(), N);
        for (int t = 0; t < 3; t++) assertArrayEquals(a[t], c[t], "term " + t);
        double[] la = new double[N], lc = new double[N];
        whole.logLikelihood(b.eps(), N, b.images(), la);
        sliced.logLikelihood(b.eps(), N, b.images(), lc);
        assertArrayEquals(la, lc, "log p(x | z) per row");
    }
}
