package dev.dgmbench.models.prior;

import dev.dgmbench.engine.Layer;
import dev.dgmbench.engine.MlpWeights;
import dev.dgmbench.engine.RatioClassifier;
import dev.dgmbench.models.fused.FusedEngine;
import dev.dgmbench.models.sampling.SamplerOutput;
import dev.dgmbench.models.sampling.SirSampler;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SMC normaliser against closed forms: for f(z) = a.z + b, Z = exp(b + |a|^2 / 2); for the two-mode tilt
 * f(z) = k |a.z| + b, Z = e^b E[e^{k|u|}], u ~ N(0, |a|^2), = 2 exp(b + k^2 |a|^2 / 2) Phi(k |a|). The cases where
 * N(0, I) draws and the aggregate-posterior proposal fail are those of {@link FarTiltedNormaliserTest} and
 * {@link AnnealedNormaliserTest}.
 */
class SmcNormaliserTest {

    private static void withinStatedError(double exact, NcePrior p, String what) {
        assertTrue(p.reliable(), what + ": ESS " + p.ess() + ", se " + p.logZStdError());
        assertEquals(exact, p.logZ(), 4 * p.logZStdError() + 0.05, what + ": se " + p.logZStdError());
    }

    @Test
    void theFarTiltOfSixLatentsIsWithinItsStatedError() {
        for (long seed = 1; seed <= 3; seed++) {
            withinStatedError(FarTiltedNormaliserTest.EXACT_LOG_Z,
                    SmcNormaliser.estimate(FarTiltedNormaliserTest.TILT, seed).prior(), "seed " + seed);
        }
    }

    @Test
    void aTiltOfFiftyLatentsFiveSdAwayIsWithinItsStatedErrorWhereNormalDrawsCollapse() {
        double[] a = new double[50];
        Arrays.fill(a, 0.8);   // |a| = 5.7: N(a, I), log Z = -3 + 16
        RatioClassifier tilt = FusedEngine.java().ratioClassifier(NceTraining.linear(a, -3));
        withinStatedError(13.0, SmcNormaliser.estimate(tilt, 7).prior(), "latent 50");
        NcePrior old = NcePrior.estimate(tilt, NcePrior.NORMALISER_DRAWS, 7);
        assertFalse(old.reliable(), "N(0, I) draws: ESS " + old.ess());
        assertTrue(13.0 - old.logZ() > 1, "N(0, I) draws miss by more than a nat (11.39 here): " + old.logZ());
    }

    @Test
    void massWhereTheCodesAreNotIsReachedByTheParticles() {
        double[] minus = Arrays.stream(FarTiltedNormaliserTest.A).map(v -> -v).toArray();
        RatioClassifier elsewhere = FusedEngine.java().ratioClassifier(NceTraining.linear(minus, FarTiltedNormaliserTest.B));
        withinStatedError(FarTiltedNormaliserTest.EXACT_LOG_Z, SmcNormaliser.estimate(elsewhere, 3).prior(), "elsewhere");
    }

    /** f(z) = c (LeakyReLU(a.z) + LeakyReLU(-a.z)) + b = 0.99 c |a.z| + b: two modes along a. */
    static RatioClassifier twoModes(double[] a, double c, double b) {
        int l = a.length;
        float[] w0 = new float[l * 2];
        for (int j = 0; j < l; j++) {
            w0[2 * j] = (float) a[j];
            w0[2 * j + 1] = (float) -a[j];
        }
        return FusedEngine.java().ratioClassifier(new MlpWeights(List.of("nce0", "nce_out"), List.of(
                new Layer(l, 2, w0, new float[2]), new Layer(2, 1, new float[]{(float) c, (float) c}, new float[]{(float) b}))));
    }

    @Test
    void aTwoModeTiltIsWithinItsStatedErrorWithBothModesHeld() {
        double[] a = new double[20];
        Arrays.fill(a, 0.8);
        double sigma = 0.8 * Math.sqrt(20), k = 0.99, b = -2;
        // log Phi(k sigma) = log Phi(3.54) = -2.0e-4, inside the tolerance
        double exact = b + Math.log(2) + k * k * sigma * sigma / 2;
        SmcNormaliser.Result r = SmcNormaliser.estimate(twoModes(a, 1, b), 5);
        withinStatedError(exact, r.prior(), "two modes");
        WeightedCodes p = r.particles();
        ImportanceWeights w = ImportanceWeights.of(p.logWeights());
        double positive = 0, total = 0;
        for (int i = 0; i < p.size(); i++) {
            double u = 0;
            for (int j = 0; j < 20; j++) u += a[j] * p.z()[i * 20 + j];
            double wi = Math.exp(p.logWeights()[i] - r.prior().logZ());
            total += wi;
            if (u > 0) positive += wi;
        }
        assertEquals(0.5, positive / total, 0.15, "weight on the mode a.z > 0 (pooled ESS " + w.ess() + ")");
    }

    @Test
    void sirOnTheParticlesDrawsTheFarGaussian() {
        SmcNormaliser.Result r = SmcNormaliser.estimate(FarTiltedNormaliserTest.TILT, 3);
        SamplerOutput out = new SirSampler(r.particles()).sample(512, 3);
        assertEquals(1.0, out.diagnostics().get("converged"), "ESS " + out.diagnostics().get("ess"));
        int l = FarTiltedNormaliserTest.L;
        for (int j = 0; j < l; j++) {
            double mean = 0, sq = 0;
            for (int i = 0; i < 512; i++) mean += out.z()[i * l + j] / 512.0;
            for (int i = 0; i < 512; i++) sq += Math.pow(out.z()[i * l + j] - mean, 2) / 511.0;
            assertEquals(FarTiltedNormaliserTest.A[j], mean, 0.2, "mean of dim " + j);
            assertEquals(1.0, sq, 0.3, "variance of dim " + j);
        }
    }

    /**
     * With 4 replicates the stated error is their spread with 3 degrees of freedom, so an interval on it is +- 3.18 se
     * (t_3, 97.5%). Over 40 seeds of the far tilt (250 temperatures, to keep it quick) 36 such intervals hold the
     * exact log Z and 33 of the +- 1.96 se ones (docs/validity.md): the t_3 interval covers about 90%, the normal one
     * about 83%, and the estimate is unbiased within its noise.
     */
    @Test
    void theReplicatesErrorCoversTheExactValueAsAThreeDegreeOfFreedomIntervalShould() {
        int within = 0;
        double meanError = 0;
        for (long seed = 101; seed <= 140; seed++) {
            NcePrior p = SmcNormaliser.estimate(FarTiltedNormaliserTest.TILT, 4, 256, 250, seed).prior();
            double error = p.logZ() - FarTiltedNormaliserTest.EXACT_LOG_Z;
            if (Math.abs(error) <= 3.182 * p.logZStdError()) within++;
            meanError += error / 40;
        }
        assertTrue(within >= 34, within + " of 40 t_3 intervals hold the exact value");
        assertEquals(0, meanError, 0.02, "mean error over 40 seeds");
    }

    @Test
    void replicatesThatDisagreeAreUnreliable() {
        // 4 particles per replicate over 5 temperatures: each replicate's Z is off by its own nats
        SmcNormaliser.Result r = SmcNormaliser.estimate(FarTiltedNormaliserTest.TILT, 4, 4, 5, 1);
        double lo = Arrays.stream(r.replicateLogZ()).min().orElseThrow(), hi = Arrays.stream(r.replicateLogZ()).max().orElseThrow();
        assertTrue(hi - lo > 1, Arrays.toString(r.replicateLogZ()));
        assertFalse(r.prior().reliable(), "ESS " + r.prior().ess() + ", se " + r.prior().logZStdError());
    }

    @Test
    void theSameSeedGivesTheSameBitsAndResamplesWhenTheWeightsDegenerate() {
        SmcNormaliser.Result a = SmcNormaliser.estimate(FarTiltedNormaliserTest.TILT, 2, 64, 50, 9);
        SmcNormaliser.Result b = SmcNormaliser.estimate(FarTiltedNormaliserTest.TILT, 2, 64, 50, 9);
        assertEquals(Double.doubleToLongBits(a.prior().logZ()), Double.doubleToLongBits(b.prior().logZ()));
        assertArrayEquals(a.particles().z(), b.particles().z());
        assertEquals(128, a.prior().draws());
        assertTrue(a.resamplings()[0] > 0 && a.resamplings()[1] > 0, Arrays.toString(a.resamplings()));
    }

    /**
     * The adaptive schedule's length against its closed form: for f = a.z the tempered prior at t is N(t a, I), and
     * reweighting its exact draws by e^{d a.z} keeps a CESS share of exp(-d^2 |a|^2), so a CESS of 0.99 takes steps of
     * d = sqrt(-ln 0.99) / |a|: |a| / 0.1003 temperatures. |a| = 5.66 gives 56.
     */
    @Test
    void theAdaptiveScheduleTakesAsManyTemperaturesAsTheGaussianClosedFormSays() {
        double[] a = new double[50];
        Arrays.fill(a, 0.8);
        RatioClassifier tilt = FusedEngine.java().ratioClassifier(NceTraining.linear(a, -3));
        SmcNormaliser.Result r = SmcNormaliser.estimate(tilt, 5);
        double expected = 0.8 * Math.sqrt(50) / Math.sqrt(-Math.log(0.99));
        assertEquals(expected, r.temperatures(), 0.15 * expected, "temperatures walked");
        withinStatedError(13.0, r.prior(), "latent 50, adaptive");
        // a tilt twice as far takes twice as many
        Arrays.fill(a, 1.6);
        SmcNormaliser.Result far = SmcNormaliser.estimate(FusedEngine.java().ratioClassifier(NceTraining.linear(a, -3)), 5);
        assertEquals(2.0, far.temperatures() / (double) r.temperatures(), 0.3, far.temperatures() + " against " + r.temperatures());
    }

    @Test
    void theConditionalEssIsTheClosedFormOnTwoParticles() {
        // weights 1 and 3 (normalised 1/4, 3/4), f = 0 and 2, step 0.5: increments 1 and e
        double[] logW = {0, Math.log(3)};
        float[] f = {0, 2};
        double m1 = 0.25 + 0.75 * Math.E, m2 = 0.25 + 0.75 * Math.E * Math.E;
        assertEquals(m1 * m1 / m2, SmcNormaliser.minCess(0.5, f, logW, 1, 2), 1e-12);
        assertEquals(1.0, SmcNormaliser.minCess(0, f, logW, 1, 2), 1e-12);
        // two replicates: the smaller share counts; equal f in the second keeps it at 1
        double[] two = {0, Math.log(3), 0, 0};
        float[] f2 = {0, 2, 1, 1};
        assertEquals(m1 * m1 / m2, SmcNormaliser.minCess(0.5, f2, two, 2, 2), 1e-12);
    }

    /**
     * The default's stated error (adaptive schedule, 8 replicates: 7 degrees of freedom, +- 2.365 se for 95%), checked
     * as the fixed schedule's is above.
     */
    @Test
    void theDefaultsErrorCoversTheExactValueAsASevenDegreeOfFreedomIntervalShould() {
        int within = 0;
        double meanError = 0;
        for (long seed = 101; seed <= 140; seed++) {
            NcePrior p = SmcNormaliser.estimate(FarTiltedNormaliserTest.TILT, seed).prior();
            double error = p.logZ() - FarTiltedNormaliserTest.EXACT_LOG_Z;
            if (Math.abs(error) <= 2.365 * p.logZStdError()) within++;
            meanError += error / 40;
        }
        assertTrue(within >= 34, within + " of 40 t_3 intervals hold the exact value");
        assertEquals(0, meanError, 0.02, "mean error over 40 seeds");
    }
}
