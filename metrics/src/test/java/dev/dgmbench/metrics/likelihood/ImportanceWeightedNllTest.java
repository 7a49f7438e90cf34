package dev.dgmbench.metrics.likelihood;

import dev.dgmbench.engine.ImageSet;
import dev.dgmbench.engine.Likelihood;
import dev.dgmbench.engine.OptimizerSpec;
import dev.dgmbench.engine.VaeModel;
import dev.dgmbench.engine.VaeShape;
import dev.dgmbench.engine.VaeWeights;
import dev.dgmbench.engine.train.TrainConfig;
import dev.dgmbench.engine.train.VaeTraining;
import dev.dgmbench.models.data.DataSource;
import dev.dgmbench.models.data.Splits;
import dev.dgmbench.models.fused.FusedEngine;
import dev.dgmbench.models.fused.NormalStream;
import dev.dgmbench.engine.Seeds;
import dev.dgmbench.models.prior.LatentPrior;
import dev.dgmbench.models.prior.StandardNormal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ImportanceWeightedNllTest {
    static VaeModel vae;
    static ImageSet test;

    @BeforeAll
    static void trainSmallModel() {
        Splits s = DataSource.digits().load();
        VaeShape shape = new VaeShape(64, 17, 64, 8, Likelihood.CATEGORICAL, 1.0);
        vae = FusedEngine.java().vae(shape, VaeWeights.glorot(shape, 3));
        VaeTraining.train(vae, ImageSet.of(s.train()), ImageSet.of(s.validation()),
                new TrainConfig(OptimizerSpec.adam(2e-3), 64, 6, 10), 3, null);
        test = ImageSet.of(s.test()).head(60);
    }

    @Test
    void logMeanExpMatchesTheNaiveFormAndSurvivesLargeValues() {
        double[] v = {-1.5, 0.25, 2.0, -0.75};
        double naive = Math.log((Math.exp(-1.5) + Math.exp(0.25) + Math.exp(2.0) + Math.exp(-0.75)) / 4);
        assertEquals(naive, LogMeanExp.of(v), 1e-12);
        double[] big = {1000, 1000 + Math.log(3)};
        assertEquals(1000 + Math.log(2), LogMeanExp.of(big), 1e-9);   // naive exp(1000) overflows
        double[] tiny = {-2000, -2000};
        assertEquals(-2000, LogMeanExp.of(tiny), 1e-9);
    }

    @Test
    void oneImportanceSampleEqualsTheSingleSampleElboOnTheSameNoise() {
        // With K = 1 the estimate is -(log p(x|z) + log p(z) - log q(z|x)) = RE + KL_mc at the drawn z.
        NllEstimate e = ImportanceWeightedNll.estimate(vae, test, List.of(StandardNormal.INSTANCE), 1, 7, 11).get(0);
        NormalStream normals = new NormalStream(Seeds.derive(11, "iwae"));
        double expected = 0;
        for (int from = 0; from < test.size(); from += 7) {
            int n = Math.min(test.size(), from + 7) - from;
            float[] x = java.util.Arrays.copyOfRange(test.inputs(), from * 64, (from + n) * 64);
            int[][] levels = java.util.Arrays.copyOfRange(test.levels(), from, from + n);
            double[][] terms = vae.lossTerms(x, levels, normals.next(n * 8), n);
            for (int r = 0; r < n; r++) expected += terms[0][r] + terms[2][r];
        }
        expected /= test.size();
        assertEquals(expected, e.nll(), 1e-3 * Math.abs(expected));
    }

    @Test
    void estimateTightensWithKAndStaysBelowTheNegativeElbo() {
        double elboBound = -ElboTerms.evaluate(vae, test, 20, 5).elbo();
        double[] ks = {1, 10, 100, 1000};
        double[] mean = new double[ks.length];
        int repeats = 3;
        for (int i = 0; i < ks.length; i++) {
            for (long seed = 1; seed <= repeats; seed++) {
                mean[i] += ImportanceWeightedNll.estimate(vae, test, StandardNormal.INSTANCE, (int) ks[i], seed).nll() / repeats;
            }
        }
        for (int i = 1; i < ks.length; i++) {
            assertTrue(mean[i] <= mean[i - 1] + 0.05, "NLL must not grow with K: " + java.util.Arrays.toString(mean));
        }
        assertTrue(mean[3] < elboBound, "NLL(K=1000) " + mean[3] + " must be below -ELBO " + elboBound);
        assertTrue(mean[0] - mean[3] > 0.5, "K=1000 should be clearly tighter than K=1: " + java.util.Arrays.toString(mean));
    }

    @Test
    void severalPriorsInOnePassEqualOnePriorAtATime() {
        LatentPrior shifted = new LatentPrior() {   // N(0, I) scaled by a constant: log density - 1
            public double[] logDensity(float[] z, int n, int latent) {
                double[] v = StandardNormal.INSTANCE.logDensity(z, n, latent);
                for (int i = 0; i < v.length; i++) v[i] -= 1;
                return v;
            }

            public String name() {
                return "shifted";
            }
        };
        List<NllEstimate> both = ImportanceWeightedNll.estimate(vae, test, List.of(StandardNormal.INSTANCE, shifted), 50,
                ImportanceWeightedNll.defaultChunk(50), 4);
        NllEstimate alone = ImportanceWeightedNll.estimate(vae, test, StandardNormal.INSTANCE, 50, 4);
        assertEquals(alone.nll(), both.get(0).nll(), 0.0);
        assertEquals(both.get(0).nll() + 1, both.get(1).nll(), 1e-9);   // same codes: exactly one nat apart
        assertArrayEquals(alone.perImage(), both.get(0).perImage(), 0.0);
    }
}
