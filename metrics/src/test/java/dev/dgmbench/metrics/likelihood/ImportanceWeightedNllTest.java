package dev.dgmbench.metrics.likelihood;

import dev.dgmbench.models.data.DataSource;
import dev.dgmbench.models.data.Splits;
import dev.dgmbench.models.nn.Engine;
import dev.dgmbench.models.nn.Noise;
import dev.dgmbench.models.prior.LatentPrior;
import dev.dgmbench.models.prior.StandardNormal;
import dev.dgmbench.models.vae.BetaVae;
import dev.dgmbench.models.vae.ImageTensors;
import dev.dgmbench.models.vae.Likelihood;
import dev.dgmbench.models.vae.TrainConfig;
import dev.dgmbench.models.vae.VaeConfig;
import dev.dgmbench.models.vae.VaeTrainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class ImportanceWeightedNllTest {
    static BetaVae vae;
    static ImageTensors test;

    @BeforeAll
    static void trainSmallModel() {
        Splits s = DataSource.digits().load();
        vae = BetaVae.create(new VaeConfig(64, 17, 64, 8, Likelihood.CATEGORICAL, 1.0), 3);
        new VaeTrainer(new TrainConfig(TrainConfig.Optimizer.ADAM, 2e-3, 64, 6, 10), 3)
                .train(vae, ImageTensors.of(s.train()), ImageTensors.of(s.validation()), null);
        test = ImageTensors.of(s.test()).head(60);
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

    @ParameterizedTest
    @EnumSource(Engine.class)
    void oneImportanceSampleEqualsTheSingleSampleElboOnTheSameNoise(Engine engine) {
        // With K = 1 the estimate is -(log p(x|z) + log p(z) - log q(z|x)) = RE + KL_mc at the drawn z.
        NllEstimate e = ImportanceWeightedNll.estimate(vae, test, List.of(StandardNormal.INSTANCE), 1, 7, 11, engine).get(0);
        var normals = new dev.dgmbench.models.fused.NormalStream(dev.dgmbench.models.nn.Seeds.derive(11, "iwae"));
        double expected = 0;
        for (int from = 0; from < test.size(); from += 7) {
            ImageTensors part = slice(test, from, Math.min(test.size(), from + 7));
            INDArray eps = org.nd4j.linalg.factory.Nd4j.create(normals.next(part.size() * 8), new long[]{part.size(), 8}, 'c');
            var terms = vae.lossTerms(part.inputs(), part.oneHot(), eps);
            expected += terms.get("re").sumNumber().doubleValue() + terms.get("klmc").sumNumber().doubleValue();
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
            public double[] logDensity(INDArray z) {
                double[] v = StandardNormal.INSTANCE.logDensity(z);
                for (int i = 0; i < v.length; i++) v[i] -= 1;
                return v;
            }

            public String name() {
                return "shifted";
            }
        };
        List<NllEstimate> both = ImportanceWeightedNll.estimate(vae, test, List.of(StandardNormal.INSTANCE, shifted), 50, 4);
        NllEstimate alone = ImportanceWeightedNll.estimate(vae, test, StandardNormal.INSTANCE, 50, 4);
        assertEquals(alone.nll(), both.get(0).nll(), 0.0);
        assertEquals(both.get(0).nll() + 1, both.get(1).nll(), 1e-9);   // same codes: exactly one nat apart
        assertArrayEquals(alone.perImage(), both.get(0).perImage(), 0.0);
    }

    @Test
    void bothEnginesGiveTheSameEstimateToFloatPrecision() {
        List<LatentPrior> p = List.of(StandardNormal.INSTANCE);
        NllEstimate fused = ImportanceWeightedNll.estimate(vae, test, p, 100, 8, 6, Engine.FUSED).get(0);
        NllEstimate graph = ImportanceWeightedNll.estimate(vae, test, p, 100, 8, 6, Engine.SAMEDIFF).get(0);
        assertNotEquals(0.0, fused.nll());
        for (int i = 0; i < test.size(); i++) {
            assertEquals(graph.perImage()[i], fused.perImage()[i], 1e-3, "image " + i);
        }
    }

    @Test
    void pixelLogLikelihoodByIndexEqualsTheOneHotProduct() {
        INDArray z = Noise.normal(new Random(2), test.size(), 8);
        float[] logp = vae.decodeLogProbabilities(z).dup('c').data().asFloat();
        double[] byProduct = vae.logLikelihood(z, test.oneHot()).dup('c').data().asDouble();
        for (int i = 0; i < test.size(); i++) {
            double s = 0;
            for (int j = 0; j < 64; j++) s += logp[(i * 64 + j) * 17 + test.levels()[i][j]];
            assertEquals(byProduct[i], s, 1e-3);
        }
    }

    static ImageTensors slice(ImageTensors t, int from, int to) {
        int[][] l = java.util.Arrays.copyOfRange(t.levels(), from, to);
        return new ImageTensors(t.inputs().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to), org.nd4j.linalg.indexing.NDArrayIndex.all()).dup('c'),
                t.oneHot().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to), org.nd4j.linalg.indexing.NDArrayIndex.all()).dup('c'), l, to - from);
    }
}
