package dev.dgmbench.engine;

import dev.dgmbench.models.fused.FusedEngine;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The loss terms of the fused kernels (pure-Java products) against a hand computation in double precision. */
class LossTermsTest {
    static final int D = 2, K = 3, M = 2, L = 2;
    static final Engine ENGINE = FusedEngine.java();

    @Test
    void reconstructionAndKlMatchAHandComputation() {
        VaeShape shape = new VaeShape(D, K, M, L, Likelihood.CATEGORICAL, 0.5);
        VaeWeights w = randomWeights(shape, new Random(3));
        VaeModel vae = ENGINE.vae(shape, w);
        int[][] images = {{0, 2}, {1, 1}};
        float[] x = {0, 1, 0.5f, 0.5f};
        float[] eps = {0.3f, -1.2f, -0.7f, 0.1f};
        double[][] out = vae.lossTerms(x, images, eps, 2);
        for (int i = 0; i < 2; i++) {
            double[] xi = {x[2 * i], x[2 * i + 1]};
            double[] h = leaky(dense(xi, w.layer("enc1")));
            h = leaky(dense(h, w.layer("enc2")));
            double[] mu = dense(h, w.layer("enc_mu")), lv = dense(h, w.layer("enc_lv"));
            double[] z = new double[L];
            double kl = 0, klmc = 0;
            for (int j = 0; j < L; j++) {
                double e = eps[i * L + j];
                z[j] = mu[j] + Math.exp(0.5 * lv[j]) * e;
                kl += 0.5 * (mu[j] * mu[j] + Math.exp(lv[j]) - lv[j] - 1);
                // log q(z|x) - log p(z) with q = N(mu, exp(lv)), p = N(0, 1)
                double logq = -0.5 * (Math.log(2 * Math.PI) + lv[j] + e * e);
                double logp = -0.5 * (Math.log(2 * Math.PI) + z[j] * z[j]);
                klmc += logq - logp;
            }
            double[] g = leaky(dense(z, w.layer("dec1")));
            g = leaky(dense(g, w.layer("dec2")));
            double[] logits = dense(g, w.layer("dec_out"));   // pixel-major: pixel p, level c at p*K + c
            double re = 0;
            for (int p = 0; p < D; p++) {
                double max = Double.NEGATIVE_INFINITY, s = 0;
                for (int c = 0; c < K; c++) max = Math.max(max, logits[p * K + c]);
                for (int c = 0; c < K; c++) s += Math.exp(logits[p * K + c] - max);
                re -= logits[p * K + images[i][p]] - max - Math.log(s);
            }
            assertEquals(re, out[0][i], 1e-4 * Math.max(1, re));
            assertEquals(kl, out[1][i], 1e-5 * Math.max(1, kl));
            assertEquals(klmc, out[2][i], 1e-4);
        }
    }

    @Test
    void uniformDecoderGivesLogKPerPixelAndZeroWeightsGiveZeroKl() {
        VaeShape shape = new VaeShape(D, K, M, L, Likelihood.CATEGORICAL, 1.0);
        double[][] out = ENGINE.vae(shape, zeros(shape)).lossTerms(new float[]{0.2f, 0.9f}, new int[][]{{1, 2}},
                new float[]{0.5f, -0.5f}, 1);
        assertEquals(D * Math.log(K), out[0][0], 1e-5);
        assertEquals(0.0, out[1][0], 1e-7);
    }

    @Test
    void monteCarloKlConvergesToClosedForm() {
        VaeShape shape = new VaeShape(D, K, M, L, Likelihood.CATEGORICAL, 1.0);
        VaeModel vae = ENGINE.vae(shape, randomWeights(shape, new Random(11)));
        int n = 20000;
        float[] x = new float[n * D];
        int[][] img = new int[n][];
        for (int i = 0; i < n; i++) {
            x[2 * i] = 0.25f;
            x[2 * i + 1] = 0.75f;
            img[i] = new int[]{1, 2};
        }
        double[][] out = vae.lossTerms(x, img, Noise.normals(new Random(2), n * L), n);
        double closed = out[1][0], mean = 0, sq = 0;
        for (double v : out[2]) mean += v / n;
        for (double v : out[2]) sq += (v - mean) * (v - mean);
        double se = Math.sqrt(sq / (n - 1) / n);
        assertTrue(Math.abs(mean - closed) < 4 * se + 1e-4, "MC KL " + mean + " +- " + se + " vs closed form " + closed);
    }

    @Test
    void bernoulliLikelihoodIsBinaryCrossEntropy() {
        VaeShape shape = new VaeShape(D, 2, M, L, Likelihood.BERNOULLI, 1.0);
        VaeWeights w = zeros(shape);
        w.layer("dec_out").b()[0] = 1f;   // pixel 0 logit 1, pixel 1 logit 0
        double[][] out = ENGINE.vae(shape, w).lossTerms(new float[]{1, 0}, new int[][]{{1, 0}}, new float[]{0, 0}, 1);
        double expected = Math.log1p(Math.exp(-1)) + Math.log(2);  // -log sigmoid(1) - log sigmoid(-0)
        assertEquals(expected, out[0][0], 1e-5);
    }

    static VaeWeights randomWeights(VaeShape s, Random r) {
        Map<String, Layer> out = new LinkedHashMap<>();
        VaeWeights.glorot(s, 0).layers().forEach((name, l) -> {
            float[] w = new float[l.w().length], b = new float[l.out()];
            for (int i = 0; i < w.length; i++) w[i] = (float) (r.nextGaussian() * 0.7);
            for (int i = 0; i < b.length; i++) b[i] = (float) (r.nextGaussian() * 0.7);
            out.put(name, new Layer(l.in(), l.out(), w, b));
        });
        return new VaeWeights(out);
    }

    static VaeWeights zeros(VaeShape s) {
        Map<String, Layer> out = new LinkedHashMap<>();
        VaeWeights.glorot(s, 0).layers().forEach((name, l) -> out.put(name, new Layer(l.in(), l.out(), new float[l.w().length], new float[l.out()])));
        return new VaeWeights(out);
    }

    static double[] dense(double[] v, Layer l) {
        double[] out = new double[l.out()];
        for (int j = 0; j < l.out(); j++) {
            out[j] = l.b()[j];
            for (int i = 0; i < l.in(); i++) out[j] += v[i] * l.w()[i * l.out() + j];
        }
        return out;
    }

    static double[] leaky(double[] a) {
        double[] out = a.clone();
        for (int i = 0; i < a.length; i++) if (out[i] < 0) out[i] *= 0.01;
        return out;
    }
}
