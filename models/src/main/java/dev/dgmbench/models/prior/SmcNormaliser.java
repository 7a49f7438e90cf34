package dev.dgmbench.models.prior;

import dev.dgmbench.engine.RatioClassifier;
import dev.dgmbench.engine.Seeds;

import java.util.Arrays;
import java.util.Random;

/**
 * Z = E_{N(0, I)}[e^f] by a sequential Monte Carlo sampler (Del Moral, Doucet and Jasra 2006) in independent
 * replicates: each replicate's particles start from N(0, I) and move through tempered priors p(z) e^{t f(z)} by MALA
 * steps ({@link TemperedChains}), on a {@link TemperatureSchedule}: by default adaptive (each next temperature keeps
 * the reweighting's conditional ESS at 0.99, five MALA steps each), or annealed importance sampling's fixed one;
 * whenever the ESS of a replicate's weights falls below {@value #RESAMPLE_ESS_SHARE}
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
    /**
     * Independent replicates, whose spread is the estimate's error: eight give it 7 degrees of freedom (four gave 3,
     * and an interval of +- 3.18 se).
     */
    public static final int REPLICATES = 8;
    /** Particles per replicate. */
    public static final int PARTICLES = 128;
    /** A replicate is resampled when its weights' ESS falls below this share of its particles. */
    public static final double RESAMPLE_ESS_SHARE = 0.5;

    /**
     * @param prior            log Z, its standard error from the replicates, the pooled ESS
     * @param particles        the final particles of all replicates with their pooled log weights
     * @param replicateLogZ    log Z_r of each replicate
     * @param resamplings      how often each replicate was resampled
     * @param temperatures     the temperatures walked (the last is t = 1)
     */
    public record Result(NcePrior prior, WeightedCodes particles, double[] replicateLogZ, int[] resamplings,
                         int temperatures) {
    }

    private SmcNormaliser() {
    }

    /** The default: {@value #REPLICATES} replicates of {@value #PARTICLES} particles, {@link TemperatureSchedule#DEFAULT}. */
    public static Result estimate(RatioClassifier classifier, long seed) {
        return estimate(classifier, REPLICATES, PARTICLES, TemperatureSchedule.DEFAULT, seed);
    }

    /** On the fixed schedule of {@code temperatures} steps. */
    public static Result estimate(RatioClassifier classifier, int replicates, int particles, int temperatures, long seed) {
        return estimate(classifier, replicates, particles, new TemperatureSchedule.Fixed(temperatures), seed);
    }

    public static Result estimate(RatioClassifier classifier, int replicates, int particles, TemperatureSchedule schedule,
                                  long seed) {
        if (replicates < 2 || particles < 2) {
            throw new IllegalArgumentException(replicates + " replicates, " + particles + " particles");
        }
        Random rng = Seeds.random(seed, "nce-smc");
        int chains = replicates * particles;
        TemperedChains c = new TemperedChains(classifier, chains, rng);
        double[] logW = new double[chains], logZ = new double[replicates];
        int[] resamplings = new int[replicates];
        int[] ancestors = new int[particles];
        double previous = 0;
        int k = 0;
        while (previous < 1) {
            k++;
            double t = next(schedule, k, previous, c.f, logW, replicates, particles);
            for (int i = 0; i < chains; i++) logW[i] += (t - previous) * c.f[i];
            previous = t;
            for (int r = 0; r < replicates && t < 1; r++) {
                int from = r * particles;
                if (ImportanceWeights.ess(logW, from, from + particles) >= RESAMPLE_ESS_SHARE * particles) continue;
                ImportanceWeights w = ImportanceWeights.of(Arrays.copyOfRange(logW, from, from + particles));
                logZ[r] += w.logMean();
                double u = rng.nextDouble();
                for (int i = 0; i < particles; i++) ancestors[i] = w.pick((u + i) / particles);
                c.copyWithin(from, ancestors);
                Arrays.fill(logW, from, from + particles, 0);
                resamplings[r]++;
            }
            for (int m = 0; m < schedule.moves(); m++) c.move(t, rng);
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
        return new Result(prior, new WeightedCodes(c.z, pooled, c.latent), logZ, resamplings, k);
    }

    /** The k-th temperature after {@code t}. */
    private static double next(TemperatureSchedule schedule, int k, double t, float[] f, double[] logW, int replicates,
                               int particles) {
        if (schedule instanceof TemperatureSchedule.Fixed fixed) {
            return Math.pow((double) k / fixed.temperatures(), AnnealedNormaliser.SCHEDULE_POWER);
        }
        TemperatureSchedule.Adaptive a = (TemperatureSchedule.Adaptive) schedule;
        if (k >= a.maxTemperatures() || minCess(1 - t, f, logW, replicates, particles) >= a.cess()) return 1;
        // the CESS falls as the step grows: bisect for the step where the worst replicate's reaches the target
        double lo = 0, hi = 1 - t;
        for (int i = 0; i < 50; i++) {
            double mid = 0.5 * (lo + hi);
            if (minCess(mid, f, logW, replicates, particles) >= a.cess()) lo = mid;
            else hi = mid;
        }
        return Math.min(1, t + Math.max(lo, Math.ulp(t) * 4));
    }

    /**
     * The smallest, over replicates, conditional ESS share of reweighting by e^{step f}: (sum W e^{step f})^2 /
     * (sum W e^{2 step f}) with W the replicate's normalised weights (1 when the step changes nothing).
     */
    static double minCess(double step, float[] f, double[] logW, int replicates, int particles) {
        double min = 1;
        for (int r = 0; r < replicates; r++) {
            int from = r * particles, to = from + particles;
            // in logs, each sum relative to its largest term: log W, log W + step f, log W + 2 step f
            double m0 = Double.NEGATIVE_INFINITY, m1 = m0, m2 = m0;
            for (int i = from; i < to; i++) {
                m0 = Math.max(m0, logW[i]);
                m1 = Math.max(m1, logW[i] + step * f[i]);
                m2 = Math.max(m2, logW[i] + 2 * step * f[i]);
            }
            double s0 = 0, s1 = 0, s2 = 0;
            for (int i = from; i < to; i++) {
                s0 += Math.exp(logW[i] - m0);
                s1 += Math.exp(logW[i] + step * f[i] - m1);
                s2 += Math.exp(logW[i] + 2 * step * f[i] - m2);
            }
            min = Math.min(min, Math.exp(2 * (Math.log(s1) + m1) - Math.log(s2) - m2 - Math.log(s0) - m0));
        }
        return min;
    }
}
