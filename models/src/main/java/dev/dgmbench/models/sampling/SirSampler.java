package dev.dgmbench.models.sampling;

import dev.dgmbench.engine.Seeds;
import dev.dgmbench.engine.RatioClassifier;
import dev.dgmbench.models.prior.ImportanceWeights;
import dev.dgmbench.models.prior.LatentProposal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Sampling-importance-resampling: draw {@code proposals} codes from a proposal g (N(0, I), or the defensive
 * aggregate-posterior mixture that covers the tilted prior), weight them by p(z) e^{f(z)} / g(z), and resample n of
 * them with replacement (multinomial). Reports the effective sample size of the weights (sum w)^2 / sum w^2, the
 * share of distinct codes among the n picked, and whether the ESS reaches the {@link Convergence} floor (a share of
 * n). With g = N(0, I) the draws and arithmetic are those of the sampler before proposals could be chosen.
 */
public record SirSampler(RatioClassifier classifier, int latent, int proposals, LatentProposal proposal)
        implements LatentSampler {

    /** Proposals from N(0, I). */
    public SirSampler(RatioClassifier classifier, int latent, int proposals) {
        this(classifier, latent, proposals, LatentProposal.prior(latent));
    }

    @Override
    public SamplerOutput sample(int n, long seed) {
        Random rng = Seeds.random(seed, "sir");
        float[] pool = proposal.sample(rng, proposals);
        float[] f = logits(pool);
        double[] correction = proposal.logPriorRatio(pool, proposals);
        double[] logW = new double[proposals];
        for (int i = 0; i < proposals; i++) logW[i] = f[i] + correction[i];
        ImportanceWeights w = ImportanceWeights.of(logW);
        int[] pick = new int[n];
        for (int i = 0; i < n; i++) pick[i] = w.pick(rng.nextDouble());
        float[] z = new float[n * latent];
        for (int i = 0; i < n; i++) System.arraycopy(pool, pick[i] * latent, z, i * latent, latent);
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("ess", w.ess());
        d.put("ess_fraction", w.ess() / proposals);
        d.put("samples_drawn", (double) n);
        d.put("distinct_fraction", java.util.Arrays.stream(pick).distinct().count() / (double) n);
        d.put("converged", Convergence.failures(name(), d).isEmpty() ? 1.0 : 0.0);
        return new SamplerOutput(z, n, d, Map.of());
    }

    /** Rows per classifier call: a pool of 10^5-10^6 codes at once would need GBs of activations. */
    static final int CHUNK = 8192;

    /** f(z) of the whole pool, CHUNK rows per call (each row's logit does not depend on the others). */
    private float[] logits(float[] pool) {
        float[] out = new float[proposals];
        for (int from = 0; from < proposals; from += CHUNK) {
            int m = Math.min(CHUNK, proposals - from);
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
