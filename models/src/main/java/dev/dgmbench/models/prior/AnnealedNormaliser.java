package dev.dgmbench.models.prior;

import dev.dgmbench.engine.RatioClassifier;
import dev.dgmbench.engine.Seeds;

import java.util.Random;

/**
 * Z = E_{N(0, I)}[e^f] by annealed importance sampling (Neal 2001): chains start from N(0, I) and move through the
 * tempered priors p(z) e^{t f(z)}, t from 0 to 1 on the schedule {@code t_k = (k / K)^4}, each with one MALA step
 * whose step size adapts per chain toward an acceptance of 0.6; a chain's log weight adds {@code (t_k - t_{k-1})
 * f(z)} at each temperature. The chains' weights are independent, so Z is their mean, with the ESS and the standard
 * error of {@link ImportanceWeights}.
 *
 * <p>Why: a classifier that separates the codes from N(0, I) puts much of p e^f where neither N(0, I) nor the
 * aggregate posterior draws (measured on seed-fashion10, beta 0.2: importance sampling from either proposal rests on
 * 1-12 effective draws of 20,000 and its log Z varies by 8 nats between repeats, docs/validity.md); the annealed
 * chains walk there. Each temperature costs one forward and backward pass of the classifier per chain.
 */
public final class AnnealedNormaliser {
    /** Chains: their weights' ESS, not their number, is what {@link NcePrior#reliable()} judges. */
    public static final int CHAINS = 1024;
    /** Temperatures between N(0, I) and the tilted prior. */
    public static final int TEMPERATURES = 1000;
    static final double SCHEDULE_POWER = 4;

    private AnnealedNormaliser() {
    }

    public static NcePrior estimate(RatioClassifier classifier, long seed) {
        return estimate(classifier, CHAINS, TEMPERATURES, seed);
    }

    public static NcePrior estimate(RatioClassifier classifier, int chains, int temperatures, long seed) {
        if (chains < 2 || temperatures < 1) throw new IllegalArgumentException(chains + " chains, " + temperatures + " temperatures");
        Random rng = Seeds.random(seed, "nce-annealed");
        TemperedChains c = new TemperedChains(classifier, chains, rng);
        double[] logW = new double[chains];
        double previous = 0;
        for (int k = 1; k <= temperatures; k++) {
            double t = Math.pow((double) k / temperatures, SCHEDULE_POWER);
            for (int i = 0; i < chains; i++) logW[i] += (t - previous) * c.f[i];
            previous = t;
            c.move(t, rng);
        }
        ImportanceWeights w = ImportanceWeights.of(logW);
        return new NcePrior(classifier, w.logMean(), w.logMeanStdError(), chains, w.ess());
    }
}
