package dev.dgmbench.metrics.likelihood;

import dev.dgmbench.engine.ImageSet;
import dev.dgmbench.engine.Init;
import dev.dgmbench.engine.Layer;
import dev.dgmbench.engine.Likelihood;
import dev.dgmbench.engine.VaeModel;
import dev.dgmbench.engine.VaeShape;
import dev.dgmbench.engine.VaeWeights;
import dev.dgmbench.models.fused.FusedEngine;
import dev.dgmbench.models.prior.LatentPrior;
import dev.dgmbench.models.prior.NcePrior;
import dev.dgmbench.models.prior.NceTraining;
import dev.dgmbench.models.prior.StandardNormal;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The importance-weighted NLL against an exact log p(x): a VAE with one latent dimension and four 3-level pixels,
 * built through the engine seam (pure-Java engine), whose marginal p(x) = int p(x|z) p(z) dz is computed by
 * quadrature: log-sum-exp over a grid of z of log p(x|z) + log p(z) + log h. The integrand is smooth (the decoder
 * is piecewise linear in z before the softmax) and decays like N(z; .), so the rectangle rule on [-10, 10] with
 * h = 1e-3 is exact to far below the Monte Carlo errors tested here (doubling h changes it by ~2e-6 nats, the
 * rounding of the float32 decoder and grid).
 * The IWAE estimate's expectation is an upper bound on -log p(x) that decreases in K (Burda et al. 2016).
 */
class ExactLikelihoodTest {
    static final int[] KS = {1, 10, 100, 1000};
    static final int REPEATS = 20, IMAGES = 30;
    static VaeModel vae;
    static ImageSet data;

    @BeforeAll
    static void tinyModel() {
        VaeShape shape = new VaeShape(4, 3, 8, 1, Likelihood.CATEGORICAL, 1.0);
        // Larger decoder weights than at initialisation make p(x|z) depend strongly on z, so the untrained
        // encoder's q(z|x) is a poor proposal and K matters.
        Map<String, Layer> layers = new LinkedHashMap<>(VaeWeights.initial(shape, 11, Init.PYTORCH).layers());
        for (String name : new String[]{"dec1", "dec2", "dec_out"}) {
            Layer l = layers.get(name);
            float[] w = l.w().clone();
            for (int i = 0; i < w.length; i++) w[i] *= 4;
            layers.put(name, new Layer(l.in(), l.out(), w, l.b()));
        }
        vae = FusedEngine.java().vae(shape, new VaeWeights(layers));
        Random rng = new Random(5);
        int[][] levels = new int[IMAGES][4];
        float[] x = new float[IMAGES * 4];
        for (int i = 0; i < IMAGES; i++) {
            for (int j = 0; j < 4; j++) {
                levels[i][j] = rng.nextInt(3);
                x[i * 4 + j] = levels[i][j] / 2f;
            }
        }
        data = new ImageSet(x, levels, IMAGES, 4, 3);
    }

    /** Mean over the images of the exact -log p(x) under a prior with this log-density on the 1-d grid. */
    static double exactNll(java.util.function.DoubleUnaryOperator logPrior, double h) {
        int points = (int) Math.round(20 / h) + 1;
        float[] z = new float[points];
        for (int i = 0; i < points; i++) z[i] = (float) (-10 + i * h);
        double total = 0;
        double[] logJoint = new double[points], logPx = new double[points];
        for (int img = 0; img < IMAGES; img++) {
            int[][] targets = new int[points][];
            Arrays.fill(targets, data.levels()[img]);
            vae.logLikelihood(z, points, targets, logPx);
            for (int i = 0; i < points; i++) logJoint[i] = logPx[i] + logPrior.applyAsDouble(z[i]);
            // log sum exp(.) + log h = LogMeanExp + log(points) + log h
            total -= LogMeanExp.of(logJoint) + Math.log(points) + Math.log(h);
        }
        return total / IMAGES;
    }

    static double logNormal(double z, double mean) {
        return -0.5 * (z - mean) * (z - mean) - 0.5 * Math.log(2 * Math.PI);
    }

    /** Mean and standard error over repeats of the estimator's test-set NLL, per K. */
    static double[][] estimates(LatentPrior prior) {
        double[] mean = new double[KS.length], se = new double[KS.length];
        for (int i = 0; i < KS.length; i++) {
            double[] v = new double[REPEATS];
            for (int r = 0; r < REPEATS; r++) v[r] = ImportanceWeightedNll.estimate(vae, data, prior, KS[i], 100 + r).nll();
            mean[i] = Arrays.stream(v).average().orElseThrow();
            double sq = 0;
            for (double x : v) sq += (x - mean[i]) * (x - mean[i]);
            se[i] = Math.sqrt(sq / (REPEATS - 1) / REPEATS);
        }
        return new double[][]{mean, se};
    }

    /**
     * The check both the estimator and its deliberately wrong variants face; null when it passes. Each mean must be
     * no more than 3 standard errors below the exact value (a 3-sigma band: a correct estimator fails it with
     * probability ~0.1% per K), must not exceed the previous K's by more than 3 combined standard errors, and at
     * K = 1000 must be within 3 se + {@code slack} of the exact value ({@code slack}: what is known beyond Monte
     * Carlo noise, e.g. the error of an estimated normaliser).
     */
    static String check(double[] mean, double[] se, double exact, double slack) {
        for (int i = 0; i < KS.length; i++) {
            if (mean[i] < exact - 3 * se[i] - slack) return "K=" + KS[i] + ": " + mean[i] + " below the exact " + exact;
            if (i > 0 && mean[i] > mean[i - 1] + 3 * Math.hypot(se[i], se[i - 1])) return "K=" + KS[i] + " not below K=" + KS[i - 1];
        }
        int last = KS.length - 1;
        if (mean[last] - exact > 3 * se[last] + slack) return "K=1000: " + mean[last] + " not near the exact " + exact;
        return null;
    }

    static double[] minusLogK(double[] mean) {
        double[] out = mean.clone();
        for (int i = 0; i < KS.length; i++) out[i] -= Math.log(KS[i]);
        return out;
    }

    @Test
    void quadratureIsConvergedInTheGrid() {
        double fine = exactNll(z -> logNormal(z, 0), 1e-3), coarse = exactNll(z -> logNormal(z, 0), 2e-3);
        assertEquals(fine, coarse, 1e-5);   // float32 rounding, ~1e3 times below the smallest se tested
    }

    @Test
    void standardNormalPriorApproachesTheExactValueFromAbove() {
        double exact = exactNll(z -> logNormal(z, 0), 1e-3);
        double[][] e = estimates(StandardNormal.INSTANCE);
        String why = check(e[0], e[1], exact, 0);
        assertNull(why, why + " (means " + Arrays.toString(e[0]) + ", se " + Arrays.toString(e[1]) + ")");
        assertTrue(e[0][0] - exact > 0.3, "the test needs a proposal gap to close: " + Arrays.toString(e[0]) + " vs " + exact);
        // An estimator that forgets the - log K (log sum w instead of log mean w) is off by log K and is rejected.
        assertNotNull(check(minusLogK(e[0]), e[1], exact, 0));
    }

    @Test
    void ncePriorWithItsEstimatedNormaliserApproachesTheExactValueFromAbove() {
        // f(z) = a z + b: the tilted prior N(0, 1) exp(f) / Z is exactly N(a, 1), Z = exp(b + a^2/2) = e^1.
        double a = 1.0, b = 0.5;
        NcePrior prior = NcePrior.estimate(FusedEngine.java().ratioClassifier(NceTraining.linear(new double[]{a}, b)),
                200_000, 3);
        double exact = exactNll(z -> logNormal(z, a), 1e-3);
        double[][] e = estimates(prior);
        // The estimated log Z shifts every estimate by the same amount: allow 3 of its standard errors.
        double slack = 3 * prior.logZStdError();
        String why = check(e[0], e[1], exact, slack);
        assertNull(why, why + " (means " + Arrays.toString(e[0]) + ", se " + Arrays.toString(e[1]) + ", slack " + slack + ")");
        assertNotNull(check(minusLogK(e[0]), e[1], exact, slack));
        // Forgetting the normaliser (log p(z) + f(z), no - log Z) lowers every estimate by log Z = 1 nat: rejected.
        double[] noZ = Arrays.stream(e[0]).map(v -> v - prior.logZ()).toArray();
        assertNotNull(check(noZ, e[1], exact, slack));
    }
}
