package dev.dgmbench.models.prior;

import dev.dgmbench.engine.RatioClassifier;
import dev.dgmbench.engine.Seeds;

import java.util.Random;

/**
 * The energy-based prior p(z) r(z) / Z with r = exp(f) from the NCE classifier and Z = E_p[r(z)] estimated by
 * importance sampling: Z = E_g[p(z) e^{f(z)} / g(z)] over draws of a proposal g. With g = N(0, I) the weights are
 * e^f, and once the classifier separates the codes from N(0, I) nearly every draw lands where e^f is tiny: the
 * estimate then rests on a handful of draws and is biased low (a heavy-tailed mean is usually underestimated). The
 * suite's proposal is the defensive aggregate-posterior mixture ({@link DefensiveProposal}), which draws where p e^f
 * has its mass; {@link SmcNormaliser} (the default) and {@link AnnealedNormaliser} reach the tilt by tempering. The
 * estimate is trusted only when its ESS reaches {@link #ESS_MIN} and its standard error is at most
 * {@link #LOG_Z_SE_MAX} ({@link #reliable()}; docs/validity.md).
 *
 * @param logZ         log of the importance-sampling estimate of Z
 * @param logZStdError standard error of log Z (of the weights' mean, or of the SMC replicates' mean)
 * @param ess          effective sample size of the weights
 */
public record NcePrior(RatioClassifier classifier, double logZ, double logZStdError, int draws, double ess)
        implements LatentPrior {
    /**
     * Smallest ESS at which log Z and its error are trusted: its relative error is then about 1/sqrt(ESS) = 0.1
     * nats at most, and a hundred draws carry the estimate rather than a few.
     */
    public static final double ESS_MIN = 100;
    /**
     * Largest standard error of log Z (nats) that is trusted: log Z shifts {@code nll_nce} one for one, and claims
     * compare cells a few nats apart.
     */
    public static final double LOG_Z_SE_MAX = 0.25;
    /** Proposal draws of the suite's importance-sampling estimate of Z. */
    public static final int NORMALISER_DRAWS = 20_000;

    /** Estimates Z from {@code draws} N(0, I) draws: the estimator before proposals existed. */
    public static NcePrior estimate(RatioClassifier classifier, int draws, long seed) {
        return estimate(classifier, LatentProposal.prior(classifier.latent()), draws, seed);
    }

    /** Estimates Z from {@code draws} draws of {@code proposal}, batched. */
    public static NcePrior estimate(RatioClassifier classifier, LatentProposal proposal, int draws, long seed) {
        Random rng = Seeds.random(seed, "nce-normaliser");
        int chunk = 8192;
        double[] logW = new double[draws];
        for (int from = 0; from < draws; from += chunk) {
            int m = Math.min(chunk, draws - from);
            float[] z = proposal.sample(rng, m);
            float[] f = classifier.logits(z, m);
            double[] correction = proposal.logPriorRatio(z, m);
            for (int i = 0; i < m; i++) logW[from + i] = f[i] + correction[i];
        }
        ImportanceWeights w = ImportanceWeights.of(logW);
        return new NcePrior(classifier, w.logMean(), w.logMeanStdError(), draws, w.ess());
    }

    /** Whether the estimate of Z can be trusted: ESS >= {@link #ESS_MIN} and se <= {@link #LOG_Z_SE_MAX}. */
    public boolean reliable() {
        return reliable(ess, logZStdError);
    }

    /** The rule of {@link #reliable()} on recorded values; a NaN fails it. */
    public static boolean reliable(double ess, double logZStdError) {
        return ess >= ESS_MIN && logZStdError <= LOG_Z_SE_MAX;
    }

    @Override
    public double[] logDensity(float[] z, int n, int latent) {
        double[] base = StandardNormal.INSTANCE.logDensity(z, n, latent);
        float[] f = classifier.logits(z, n);
        for (int i = 0; i < n; i++) base[i] += f[i] - logZ;
        return base;
    }

    @Override
    public String name() {
        return "nce";
    }
}
