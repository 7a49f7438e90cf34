package dev.dgmbench.models.sampling;

import dev.dgmbench.engine.RatioClassifier;
import dev.dgmbench.models.fused.FusedEngine;
import dev.dgmbench.engine.Noise;
import dev.dgmbench.models.prior.NcePrior;
import dev.dgmbench.models.prior.NceTraining;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * With a linear log-ratio f(z) = a.z + b the tilted prior N(0, I) exp(f) / Z is exactly N(a, I) and
 * Z = exp(b + |a|^2 / 2): every sampler and the normaliser estimate are checked against that.
 */
class TiltedPriorTest {
    static final double[] A = {1.0, -0.5, 0.25};
    static final double B = 0.3;
    static final RatioClassifier LINEAR = FusedEngine.java().ratioClassifier(NceTraining.linear(A, B));

    static void assertMoments(SamplerOutput out, double meanTol, double varTol, String who) {
        assertMoments(out, A, meanTol, varTol, who);
    }

    /** Per dimension: sample mean a_j within meanTol, sample variance 1 within varTol. */
    static void assertMoments(SamplerOutput out, double[] a, double meanTol, double varTol, String who) {
        assertMoments(out, a, meanTol, 1.0, varTol, who);
    }

    static void assertMoments(SamplerOutput out, double[] a, double meanTol, double variance, double varTol, String who) {
        int l = a.length, n = out.n();
        for (int j = 0; j < l; j++) {
            double mean = 0, sq = 0;
            for (int i = 0; i < n; i++) mean += out.z()[i * l + j] / (double) n;
            for (int i = 0; i < n; i++) sq += Math.pow(out.z()[i * l + j] - mean, 2);
            double var = sq / (n - 1);
            assertEquals(a[j], mean, meanTol, who + " mean of dim " + j);
            assertEquals(variance, var, varTol, who + " variance of dim " + j);
        }
    }

    @Test
    void langevinMatchesTheTiltedGaussian() {
        Energy e = new Energy(LINEAR);
        SamplerOutput out = new LangevinSampler(e, 3, 400, 0.3, 1.0).sample(4000, 1);
        // ULA is biased by O(step^2): the stationary variance is 1 / (1 - s^2/4) = 1.023 here.
        assertMoments(out, 0.06, 0.08, "langevin");
        double[] trace = out.traces().get("energy");
        assertEquals(401, trace.length);
        assertTrue(trace[400] < trace[0], "energy should fall from the prior start");
    }

    @Test
    void malaMatchesTheTiltedGaussianAndReportsAcceptance() {
        SamplerOutput out = new MalaSampler(new Energy(LINEAR), 3, 300, 0.8).sample(3000, 2);
        assertMoments(out, 0.07, 0.08, "mala");
        double acc = out.diagnostics().get("acceptance_rate");
        assertTrue(acc > 0.5 && acc < 1.0, "acceptance " + acc);
    }

    @Test
    void sirMatchesTheTiltedGaussian() {
        SamplerOutput out = new SirSampler(LINEAR, 3, 100_000).sample(4000, 3);
        assertMoments(out, 0.08, 0.12, "sir");
        assertTrue(out.diagnostics().get("ess") > 1000);
    }

    @Test
    void normaliserMatchesClosedForm() {
        NcePrior prior = NcePrior.estimate(LINEAR, 200_000, 4);
        double exact = B + (1.0 + 0.25 + 0.0625) / 2;
        assertEquals(exact, prior.logZ(), Math.max(4 * prior.logZStdError(), 0.01));
        assertTrue(prior.logZStdError() > 0 && prior.logZStdError() < 0.02);
        // The tilted log-density equals N(z; a, I) exactly up to the Z estimate's error.
        float[] z = Noise.normals(new Random(9), 5 * 3);
        double[] logp = prior.logDensity(z, 5, 3);
        for (int i = 0; i < 5; i++) {
            double s = 0;
            for (int j = 0; j < 3; j++) s += Math.pow(z[i * 3 + j] - A[j], 2);
            assertEquals(-0.5 * s - 1.5 * Math.log(2 * Math.PI), logp[i], 0.02);
        }
    }
}
