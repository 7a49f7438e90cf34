package dev.dgmbench.models.sampling;

import dev.dgmbench.engine.MlpWeights;
import dev.dgmbench.engine.OptimizerSpec;
import dev.dgmbench.engine.RatioClassifier;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tilted prior with two modes far apart and known weights: with f(z) = log(w e^{a.z} + (1 - w) e^{-a.z}) - |a|^2/2
 * the target N(0, I) e^f is exactly the mixture w N(a, I) + (1 - w) N(-a, I). Local chains started from N(0, I)
 * never cross the barrier between the modes (e^{-|a|^2/2} at |a| = 4), so the share of chains in each mode is set by
 * where they start, not by w; replica exchange must recover w.
 */
class TemperingTest {
    static final double W = 0.8;
    static final double[] A = {4, 0, 0, 0};
    static final int CHAINS = 1000;

    /** The two-Gaussian log-ratio, in closed form: f = log(2 sqrt(w (1 - w)) cosh(u)) - |a|^2/2, u = a.z + c. */
    static final class TwoModes implements RatioClassifier {
        final double c = 0.5 * Math.log(W / (1 - W)), a2 = dot(A, A), base = Math.log(2 * Math.sqrt(W * (1 - W)));
        float[] out = new float[0];

        @Override
        public int latent() {
            return A.length;
        }

        @Override
        public float[] logits(float[] z, int n) {
            return logitsAndInputGradient(z, n, new float[n * A.length]);
        }

        @Override
        public float[] logitsAndInputGradient(float[] z, int n, float[] gradient) {
            if (out.length < n) out = new float[n];
            int l = A.length;
            for (int i = 0; i < n; i++) {
                double u = c;
                for (int j = 0; j < l; j++) u += A[j] * z[i * l + j];
                double au = Math.abs(u), logCosh = au + Math.log1p(Math.exp(-2 * au)) - Math.log(2);
                out[i] = (float) (base + logCosh - a2 / 2);
                double t = Math.tanh(u);
                for (int j = 0; j < l; j++) gradient[i * l + j] = (float) (A[j] * t);
            }
            return out;
        }

        @Override
        public void startTraining(OptimizerSpec optimizer) {
            throw new UnsupportedOperationException();
        }

        @Override
        public double step(float[] z, float[] y, int n) {
            throw new UnsupportedOperationException();
        }

        @Override
        public double loss(float[] z, float[] y, int n) {
            throw new UnsupportedOperationException();
        }

        @Override
        public float[] snapshot() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void restore(float[] snapshot) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MlpWeights weights() {
            throw new UnsupportedOperationException();
        }

        static double dot(double[] x, double[] y) {
            double s = 0;
            for (int i = 0; i < x.length; i++) s += x[i] * y[i];
            return s;
        }
    }

    static SamplerOutput mala(int replicas, long seed) {
        return new MalaSampler(new Energy(new TwoModes()), A.length, ChainLength.fixed(800), 0.5,
                new StepAdaptation(200, StepAdaptation.MALA_TARGET), new Tempering(replicas)).sample(CHAINS, seed);
    }

    /** Share of samples in the mode at +a. */
    static double upperShare(SamplerOutput out) {
        int up = 0;
        for (int i = 0; i < out.n(); i++) if (out.z()[i * A.length] > 0) up++;
        return up / (double) out.n();
    }

    @Test
    void replicaExchangeRecoversTheModeWeightsThatLocalChainsMiss() {
        double se = Math.sqrt(W * (1 - W) / CHAINS);
        SamplerOutput plain = mala(1, 3), tempered = mala(8, 3);
        double plainShare = upperShare(plain), temperedShare = upperShare(tempered);
        // from N(0, I) a chain falls into +a when a.z + c > 0, i.e. z_0 > -c/4 = -0.17: P = 0.57, and stays there
        assertEquals(0.57, plainShare, 5 * se, "local MALA keeps the split of its start");
        assertTrue(Math.abs(plainShare - W) > 10 * se, "local MALA misses w by " + (plainShare - W));
        assertEquals(W, temperedShare, 4 * se, "replica exchange: share of the +a mode");
        assertTrue(plain.diagnostics().get("rhat") > Convergence.RHAT_MAX,
                "split-R-hat sees the stuck chains: " + plain.diagnostics());
        assertEquals(1.0, tempered.diagnostics().get("converged"), "tempered chains pass: " + tempered.diagnostics());
        double swap = tempered.diagnostics().get("swap_rate_min");
        assertTrue(swap > 0.2 && swap < 1, "lowest swap rate " + swap);
        assertTrue(!plain.diagnostics().containsKey("swap_rate_min"), "one replica records no swaps");
        // within each mode the sample is N(+-a, I): mean +-4 along a, unit variance across it
        double upMean = 0, downMean = 0;
        int up = 0;
        for (int i = 0; i < CHAINS; i++) {
            double z0 = tempered.z()[i * A.length];
            if (z0 > 0) {
                upMean += z0;
                up++;
            } else {
                downMean += z0;
            }
        }
        assertEquals(4.0, upMean / up, 0.15, "mean of the +a mode");
        assertEquals(-4.0, downMean / (CHAINS - up), 0.3, "mean of the -a mode");
    }

    @Test
    void theLadderRunsFromThePriorToTheTiltedPrior() {
        assertArrayEquals(new double[]{0, 1 / 9.0, 4 / 9.0, 1}, new Tempering(4).betas(), 1e-15);
        assertArrayEquals(new double[]{1}, Tempering.none().betas());
    }

    @Test
    void oneReplicaIsThePlainSamplerBitForBit() {
        Energy e = new Energy(TiltedPriorTest.LINEAR);
        SamplerOutput a = new MalaSampler(e, 3, ChainLength.fixed(50), 0.4, new StepAdaptation(20, 0.574)).sample(64, 9);
        SamplerOutput b = new MalaSampler(e, 3, ChainLength.fixed(50), 0.4, new StepAdaptation(20, 0.574),
                new Tempering(1)).sample(64, 9);
        assertArrayEquals(a.z(), b.z());
        assertEquals(a.diagnostics().get("rhat"), b.diagnostics().get("rhat"));
    }

    @Test
    void temperedLangevinOnALinearTiltStillTargetsItsGaussian() {
        SamplerOutput out = new LangevinSampler(new Energy(TiltedPriorTest.LINEAR), 3, ChainLength.fixed(400), 0.3, 1.0,
                StepAdaptation.none(), new Tempering(4)).sample(3000, 4);
        TiltedPriorTest.assertMoments(out, 0.07, 0.09, "tempered langevin");
    }
}
