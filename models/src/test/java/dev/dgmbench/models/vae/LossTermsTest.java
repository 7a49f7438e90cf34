package dev.dgmbench.models.vae;

import dev.dgmbench.models.nn.Noise;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The graph's loss pieces against a forward pass written out in double precision in this test. */
class LossTermsTest {
    static final int D = 2, K = 3, M = 2, L = 2;

    @Test
    void reconstructionAndKlMatchAHandComputation() {
        VaeConfig cfg = new VaeConfig(D, K, M, L, Likelihood.CATEGORICAL, 0.5);
        BetaVae vae = BetaVae.create(cfg, 7);
        Map<String, double[][]> w = randomWeights(new Random(3));
        vae.restore(toArrays(w));
        int[][] images = {{0, 2}, {1, 1}};
        double[][] x = {{0, 1}, {0.5, 0.5}};
        double[][] eps = {{0.3, -1.2}, {-0.7, 0.1}};
        Map<String, INDArray> out = vae.lossTerms(matrix(x), oneHot(images), matrix(eps));
        for (int i = 0; i < 2; i++) {
            double[] h = leaky(add(mul(x[i], w.get("enc1.w")), w.get("enc1.b")[0]));
            h = leaky(add(mul(h, w.get("enc2.w")), w.get("enc2.b")[0]));
            double[] mu = add(mul(h, w.get("enc_mu.w")), w.get("enc_mu.b")[0]);
            double[] lv = add(mul(h, w.get("enc_lv.w")), w.get("enc_lv.b")[0]);
            double[] z = new double[L];
            double kl = 0, klmc = 0;
            for (int j = 0; j < L; j++) {
                z[j] = mu[j] + Math.exp(0.5 * lv[j]) * eps[i][j];
                kl += 0.5 * (mu[j] * mu[j] + Math.exp(lv[j]) - lv[j] - 1);
                // log q(z|x) - log p(z) with q = N(mu, exp(lv)), p = N(0, 1)
                double logq = -0.5 * (Math.log(2 * Math.PI) + lv[j] + eps[i][j] * eps[i][j]);
                double logp = -0.5 * (Math.log(2 * Math.PI) + z[j] * z[j]);
                klmc += logq - logp;
            }
            double[] g = leaky(add(mul(z, w.get("dec1.w")), w.get("dec1.b")[0]));
            g = leaky(add(mul(g, w.get("dec2.w")), w.get("dec2.b")[0]));
            double[] logits = add(mul(g, w.get("dec_out.w")), w.get("dec_out.b")[0]);
            double re = 0;
            for (int p = 0; p < D; p++) {
                double max = Double.NEGATIVE_INFINITY, s = 0;
                for (int c = 0; c < K; c++) max = Math.max(max, logits[p * K + c]);
                for (int c = 0; c < K; c++) s += Math.exp(logits[p * K + c] - max);
                re -= logits[p * K + images[i][p]] - max - Math.log(s);
            }
            assertEquals(re, out.get("re").getDouble(i), 1e-4 * Math.max(1, re));
            assertEquals(kl, out.get("kl").getDouble(i), 1e-5 * Math.max(1, kl));
            assertEquals(klmc, out.get("klmc").getDouble(i), 1e-4);
        }
    }

    @Test
    void uniformDecoderGivesLogKPerPixelAndZeroWeightsGiveZeroKl() {
        BetaVae vae = BetaVae.create(new VaeConfig(D, K, M, L, Likelihood.CATEGORICAL, 1.0), 1);
        Map<String, INDArray> zero = new LinkedHashMap<>();
        vae.weights().forEach((k, v) -> zero.put(k, Nd4j.zerosLike(v)));
        vae.restore(zero);
        Map<String, INDArray> out = vae.lossTerms(matrix(new double[][]{{0.2, 0.9}}), oneHot(new int[][]{{1, 2}}),
                matrix(new double[][]{{0.5, -0.5}}));
        assertEquals(D * Math.log(K), out.get("re").getDouble(0), 1e-5);
        assertEquals(0.0, out.get("kl").getDouble(0), 1e-7);
    }

    @Test
    void monteCarloKlConvergesToClosedForm() {
        BetaVae vae = BetaVae.create(new VaeConfig(D, K, M, L, Likelihood.CATEGORICAL, 1.0), 5);
        vae.restore(toArrays(randomWeights(new Random(11))));
        int n = 20000;
        double[][] x = new double[n][];
        int[][] img = new int[n][];
        for (int i = 0; i < n; i++) {
            x[i] = new double[]{0.25, 0.75};
            img[i] = new int[]{1, 2};
        }
        Map<String, INDArray> out = vae.lossTerms(matrix(x), oneHot(img), Noise.normal(new Random(2), n, L));
        double closed = out.get("kl").getDouble(0);
        INDArray mc = out.get("klmc");
        double mean = mc.meanNumber().doubleValue(), se = mc.stdNumber().doubleValue() / Math.sqrt(n);
        assertTrue(Math.abs(mean - closed) < 4 * se + 1e-4, "MC KL " + mean + " +- " + se + " vs closed form " + closed);
    }

    @Test
    void bernoulliLikelihoodIsBinaryCrossEntropy() {
        BetaVae vae = BetaVae.create(new VaeConfig(D, 2, M, L, Likelihood.BERNOULLI, 1.0), 1);
        Map<String, INDArray> zero = new LinkedHashMap<>();
        vae.weights().forEach((k, v) -> zero.put(k, Nd4j.zerosLike(v)));
        zero.get("dec_out.b").putScalar(0, 1.0);   // pixel 0 logit 1, pixel 1 logit 0
        vae.restore(zero);
        Map<String, INDArray> out = vae.lossTerms(matrix(new double[][]{{1, 0}}), oneHot2(new int[][]{{1, 0}}),
                matrix(new double[][]{{0, 0}}));
        double expected = Math.log1p(Math.exp(-1)) + Math.log(2);  // -log sigmoid(1) - log sigmoid(-0)
        assertEquals(expected, out.get("re").getDouble(0), 1e-5);
    }

    static INDArray oneHot2(int[][] images) {
        float[] t = new float[images.length * D * 2];
        for (int i = 0; i < images.length; i++) for (int p = 0; p < D; p++) t[(i * D + p) * 2 + images[i][p]] = 1;
        return Nd4j.create(t, new long[]{images.length, D * 2}, 'c');
    }

    static Map<String, double[][]> randomWeights(Random r) {
        Map<String, double[][]> w = new LinkedHashMap<>();
        int[][] dims = {{D, M}, {M, M}, {M, L}, {M, L}, {L, M}, {M, M}, {M, D * K}};
        String[] names = {"enc1", "enc2", "enc_mu", "enc_lv", "dec1", "dec2", "dec_out"};
        for (int i = 0; i < names.length; i++) {
            w.put(names[i] + ".w", rand(r, dims[i][0], dims[i][1]));
            w.put(names[i] + ".b", rand(r, 1, dims[i][1]));
        }
        return w;
    }

    static double[][] rand(Random r, int a, int b) {
        double[][] m = new double[a][b];
        for (double[] row : m) for (int j = 0; j < b; j++) row[j] = r.nextGaussian() * 0.7;
        return m;
    }

    static Map<String, INDArray> toArrays(Map<String, double[][]> w) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        w.forEach((k, v) -> out.put(k, matrix(v)));
        return out;
    }

    static INDArray matrix(double[][] m) {
        return Nd4j.createFromArray(m).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
    }

    static INDArray oneHot(int[][] images) {
        float[] t = new float[images.length * D * K];
        for (int i = 0; i < images.length; i++) for (int p = 0; p < D; p++) t[(i * D + p) * K + images[i][p]] = 1;
        return Nd4j.create(t, new long[]{images.length, D * K}, 'c');
    }

    static double[] mul(double[] v, double[][] m) {
        double[] out = new double[m[0].length];
        for (int j = 0; j < out.length; j++) for (int i = 0; i < v.length; i++) out[j] += v[i] * m[i][j];
        return out;
    }

    static double[] add(double[] a, double[] b) {
        double[] out = a.clone();
        for (int i = 0; i < a.length; i++) out[i] += b[i];
        return out;
    }

    static double[] leaky(double[] a) {
        double[] out = a.clone();
        for (int i = 0; i < a.length; i++) if (out[i] < 0) out[i] *= 0.01;
        return out;
    }
}
