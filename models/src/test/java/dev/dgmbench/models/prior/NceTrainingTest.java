package dev.dgmbench.models.prior;

import dev.dgmbench.engine.RatioClassifier;
import dev.dgmbench.models.fused.FusedEngine;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** NCE training on the fused kernels (pure Java) and the input gradient against finite differences. */
class NceTrainingTest {

    /** [mu | logvar] rows: every code's mean {@code shift}, log-variance {@code logVar}. */
    static float[] posterior(int n, int l, double shift, double logVar) {
        float[] p = new float[n * 2 * l];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < l; j++) {
                p[r * 2 * l + j] = (float) shift;
                p[r * 2 * l + l + j] = (float) logVar;
            }
        }
        return p;
    }

    static RatioClassifier classifier(NceConfig cfg, long seed) {
        return FusedEngine.java().ratioClassifier(NceTraining.initialWeights(cfg, seed));
    }

    @Test
    void separatedDistributionsAreLearnedAndIdenticalOnesAreNot() {
        NceConfig cfg = new NceConfig(4, List.of(32, 32), 3e-3, 128, 30, 5);
        // q(z) = N(3, 0.25 I) against p = N(0, I): trivially separable.
        RatioClassifier sep = classifier(cfg, 1);
        NceTrainingResult rs = NceTraining.train(sep, cfg, posterior(2000, 4, 3.0, Math.log(0.25)), 2000,
                posterior(500, 4, 3.0, Math.log(0.25)), 500, 1);
        assertTrue(rs.accuracy() > 0.97, "accuracy " + rs.accuracy());
        // q(z) = N(0, I) = p: nothing to learn, accuracy stays near chance and loss near ln 2.
        RatioClassifier same = classifier(cfg, 2);
        NceTrainingResult ri = NceTraining.train(same, cfg, posterior(2000, 4, 0, 0), 2000, posterior(1000, 4, 0, 0), 1000, 2);
        assertEquals(0.5, ri.accuracy(), 0.06, "accuracy " + ri.accuracy());
        assertEquals(Math.log(2), ri.loss(), 0.03);
    }

    @Test
    void trainingRepeatsItselfBitForBit() {
        NceConfig cfg = new NceConfig(4, List.of(16), 1e-2, 64, 3, 3);
        RatioClassifier a = classifier(cfg, 7), b = classifier(cfg, 7);
        NceTraining.train(a, cfg, posterior(600, 4, 1, Math.log(0.5)), 600, posterior(200, 4, 1, Math.log(0.5)), 200, 7);
        NceTraining.train(b, cfg, posterior(600, 4, 1, Math.log(0.5)), 600, posterior(200, 4, 1, Math.log(0.5)), 200, 7);
        assertArrayEquals(a.snapshot(), b.snapshot());
    }

    @Test
    void inputGradientMatchesFiniteDifferences() {
        RatioClassifier c = classifier(new NceConfig(5, List.of(16, 8), 1e-3, 8, 1, 1), 9);
        Random r = new Random(5);
        int n = 6, l = 5;
        float[] z = new float[n * l], grad = new float[n * l];
        for (int i = 0; i < z.length; i++) z[i] = (float) r.nextGaussian();
        float[] f = c.logitsAndInputGradient(z, n, grad).clone();
        double h = 1e-3;
        int checked = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < l; j++) {
                float[] zp = z.clone(), zm = z.clone();
                zp[i * l + j] += (float) h;
                zm[i * l + j] -= (float) h;
                double fp = c.logits(zp, n)[i], fm = c.logits(zm, n)[i];
                // f is piecewise linear: where the one-sided slopes differ, a LeakyReLU kink lies within h; skip it.
                if (Math.abs((fp - f[i]) / h - (f[i] - fm) / h) > 2e-3) continue;
                checked++;
                // float forward passes: rounding of O(1e-7) in f over 2h = 2e-3 gives O(1e-4) in the slope
                assertEquals((fp - fm) / (2 * h), grad[i * l + j], 1e-3, "d f / d z[" + i + "," + j + "]");
            }
        }
        assertTrue(checked >= 20, "only " + checked + " of 30 coordinates were away from kinks");
    }
}
