package dev.dgmbench.models.prior;

import dev.dgmbench.engine.RatioClassifier;
import dev.dgmbench.engine.Seeds;

import java.util.Arrays;
import java.util.Random;

/**
 * Z = E_{N(0, I)}[e^f] by a sequential Monte Carlo sampler (Del Moral, Doucet and Jasra 2006) in independent
 * replicates: each replicate's particles start from N(0, I) and move through the tempered priors p(z) e^{t f(z)} of
 * annealed importance sampling ({@link AnnealedNormaliser}'s schedule, one MALA step per temperature:
 * {@link TemperedChains}), but whenever the ESS of a replicate's weights falls below {@value #RESAMPLE_ESS_SHARE}
 * of its particles, they are resampled (systematic resampling) and the weights reset. Annealing without resampling
 * leaves the weights of chains that lost the moving target to dominate the mean (measured on seed-fashion10: ESS
 * 12-60 of 1,024 chains in some runs, docs/validity.md); resampling drops those chains and multiplies the ones that
 * kept up, so the particles stay on the target.
 *
 * <p>Each replicate's estimate Z_r (the product, over the stretches between resamplings, of the mean weight) is
 * unbiased; the estimate is their mean and its standard error the replicates' spread (delta method on the R
 * independent Z_r), an error measured rather than derived from weights that resampling has made dependent. The ESS
 * is that of all particles pooled, each weighted by its replicate's Z_r and its weight within it: replicates that
 * disagree by nats lower it, so {@link NcePrior#reliable()} judges both. The final particles with those weights are
 * an importance sample of the tilted prior, which SIR resamples ({@code samplers.sir.proposal: smc}).
 */
public final class SmcNormaliser {
    /** Independent replicates, whose spread is the estimate's error. */
    public static final int REPLICATES = 4;
    /** Particles per replicate. */
    public static final int PARTICLES = 256;
    /** Temperatures between N(0, I) and the tilted prior, on {@link AnnealedNormaliser}'s schedule. */
    public static final int TEMPERATURES = AnnealedNormaliser.TEMPERATURES;
    /** A replicate is resampled when its weights' ESS falls below this share of its particles. */
    public static final double RESAMPLE_ESS_SHARE = 0.5;

    /**
     * @param prior            log Z, its standard error from the replicates, the pooled ESS
     * @param particles        the final particles of all replicates with their pooled log weights
     * @param replicateLogZ    log Z_r of each replicate
     * @param resamplings      how often each replicate was resampled
     */
    public record Result(NcePrior prior, WeightedCodes particles, double[] replicateLogZ, int[] resamplings) {
    }

    private SmcNormaliser() {
    }

    public static Result estimate(RatioClassifier classifier, long seed) {
        return estimate(classifier, REPLICATES, PARTICLES, TEMPERATURES, seed);
    }

    public static Result estimate(RatioClassifier classifier, int replicates, int particles, int temperatures, long seed) {
        if (replicates < 2 || particles < 2 || temperatures < 1) {
            throw new IllegalArgumentException(replicates + " replicates, " + particles + " particles, "
                    + temperatures + " temperatures");
        }
        Random rng = Seeds.random(seed, "nce-smc");
        int chains = replicates * particles;
        TemperedChains c = new TemperedChains(classifier, chains, rng);
        double[] logW = new double[chains], logZ = new double[replicates];
        int[] resamplings = new int[replicates];
        int[] ancestors = new int[particles];
        double previous = 0;
        for (int k = 1; k <= temperatures; k++) {
            double t = Math.pow((double) k / temperatures, AnnealedNormaliser.SCHEDULE_POWER);
            for (int i = 0; i < chains; i++) logW[i] += (t - previous) * c.f[i];
            previous = t;
            for (int r = 0; r < replicates && k < temperatures; r++) {
                int from = r * particles;
                ImportanceWeights w = ImportanceWeights.of(Arrays.copyOfRange(logW, from, from + particles));
                if (w.ess() >= RESAMPLE_ESS_SHARE * particles) continue;
                logZ[r] += w.logMean();
                double u = rng.nextDouble();
                for (int i = 0; i < particles; i++) ancestors[i] = w.pick((u + i) / particles);
                c.copyWithin(from, ancestors);
                Arrays.fill(logW, from, from + particles, 0);
                resamplings[r]++;
            }
            c.move(t, rng);
        }
        double[] pooled = new double[chains];
        for (int r = 0; r < replicates; r++) {
            int from = r * particles;
            double logMean = ImportanceWeights.of(Arrays.copyOfRange(logW, from, from + particles)).logMean();
            logZ[r] += logMean;
            // Z_r times the particle's normalised weight within its replicate
            for (int i = from; i < from + particles; i++) pooled[i] = logZ[r] + logW[i] - logMean - Math.log(particles);
        }
        ImportanceWeights z = ImportanceWeights.of(logZ);
        NcePrior prior = new NcePrior(classifier, z.logMean(), z.logMeanStdError(), chains, ImportanceWeights.of(pooled).ess());
        return new Result(prior, new WeightedCodes(c.z, pooled, c.latent), logZ, resamplings);
    }
}
