package dev.dgmbench.models.sampling;

import dev.dgmbench.engine.Seeds;
import dev.dgmbench.engine.RatioClassifier;
import dev.dgmbench.models.prior.ImportanceWeights;
import dev.dgmbench.models.prior.LatentProposal;
import dev.dgmbench.models.prior.WeightedCodes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Sampling-importance-resampling: a pool of codes weighted toward the NCE-tilted prior p e^f / Z, resampled n times
 * with replacement (multinomial). The pool is either {@code proposals} draws of a proposal g (N(0, I), or the
 * defensive aggregate-posterior mixture), weighted by p(z) e^{f(z)} / g(z), or the weighted particles the SMC
 * normaliser ended with ({@link WeightedCodes}), which reach the tilt where neither proposal draws. Reports the
 * effective sample size of the weights (sum w)^2 / sum w^2, the share of distinct codes among the n picked, and
 * whether the ESS reaches the {@link Convergence} floor (a share of n). With g = N(0, I) the draws and arithmetic
 * are those of the sampler before proposals could be chosen.
 */
public final class SirSampler implements LatentSampler {
    /** Rows per classifier call: a pool of 10^5-10^6 codes at once would need GBs of activations. */
    static final int CHUNK = 8192;

    private final Function<Random, WeightedCodes> pool;
    private final String source;
    private final int proposals;

    /** Proposals from N(0, I). */
    public SirSampler(RatioClassifier classifier, int latent, int proposals) {
        this(classifier, latent, proposals, LatentProposal.prior(latent));
    }

    /** A pool of {@code proposals} draws of {@code proposal}. */
    public SirSampler(RatioClassifier classifier, int latent, int proposals, LatentProposal proposal) {
        this.source = proposal.name();
        this.proposals = proposals;
        this.pool = rng -> {
            float[] z = proposal.sample(rng, proposals);
            float[] f = logits(classifier, latent, z, proposals);
            double[] logW = proposal.logPriorRatio(z, proposals);
            for (int i = 0; i < proposals; i++) logW[i] += f[i];
            return new WeightedCodes(z, logW, latent);
        };
    }

    /** The weighted particles of an SMC normaliser as the pool. */
    public SirSampler(WeightedCodes particles) {
        this.source = "smc";
        this.proposals = particles.size();
        this.pool = rng -> particles;
    }

    /** Where the pool comes from, as specs spell it: {@code prior}, {@code aggregate-posterior}, {@code smc}. */
    public String source() {
        return source;
    }

    /** Codes in the pool. */
    public int proposals() {
        return proposals;
    }

    @Override
    public SamplerOutput sample(int n, long seed) {
        Random rng = Seeds.random(seed, "sir");
        WeightedCodes p = pool.apply(rng);
        int latent = p.latent();
        ImportanceWeights w = ImportanceWeights.of(p.logWeights());
        int[] pick = new int[n];
        for (int i = 0; i < n; i++) pick[i] = w.pick(rng.nextDouble());
        float[] z = new float[n * latent];
        for (int i = 0; i < n; i++) System.arraycopy(p.z(), pick[i] * latent, z, i * latent, latent);
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("ess", w.ess());
        d.put("ess_fraction", w.ess() / p.size());
        d.put("samples_drawn", (double) n);
        d.put("distinct_fraction", java.util.Arrays.stream(pick).distinct().count() / (double) n);
        d.put("converged", Convergence.failures(name(), d).isEmpty() ? 1.0 : 0.0);
        return new SamplerOutput(z, n, d, Map.of());
    }

    /** f(z) of the whole pool, CHUNK rows per call (each row's logit does not depend on the others). */
    private static float[] logits(RatioClassifier classifier, int latent, float[] pool, int size) {
        float[] out = new float[size];
        for (int from = 0; from < size; from += CHUNK) {
            int m = Math.min(CHUNK, size - from);
            float[] chunk = java.util.Arrays.copyOfRange(pool, from * latent, (from + m) * latent);
            System.arraycopy(classifier.logits(chunk, m), 0, out, from, m);
        }
        return out;
    }

    @Override
    public String name() {
        return "sir";
    }
}
