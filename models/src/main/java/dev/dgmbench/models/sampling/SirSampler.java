package dev.dgmbench.models.sampling;

import dev.dgmbench.engine.Noise;
import dev.dgmbench.engine.Seeds;
import dev.dgmbench.engine.RatioClassifier;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Sampling-importance-resampling: draw {@code proposals} codes from N(0, I), weight them by r(z) = exp(f(z)),
 * and resample n of them with replacement (multinomial). Reports the effective sample size of the weights
 * (sum w)^2 / sum w^2, the share of distinct codes among the n picked, and whether the ESS reaches the
 * {@link Convergence} floor (a share of n).
 */
public record SirSampler(RatioClassifier classifier, int latent, int proposals) implements LatentSampler {

    @Override
    public SamplerOutput sample(int n, long seed) {
        Random rng = Seeds.random(seed, "sir");
        float[] pool = Noise.normals(rng, proposals * latent);
        float[] logW = logits(pool);
        double max = Double.NEGATIVE_INFINITY;
        for (float v : logW) max = Math.max(max, v);
        double[] cum = new double[proposals];
        double sum = 0, sumSq = 0;
        for (int i = 0; i < proposals; i++) {
            double w = Math.exp(logW[i] - max);
            sum += w;
            sumSq += w * w;
            cum[i] = sum;
        }
        int[] pick = new int[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble() * sum;
            int idx = java.util.Arrays.binarySearch(cum, u);
            pick[i] = Math.min(proposals - 1, idx >= 0 ? idx : -idx - 1);
        }
        float[] z = new float[n * latent];
        for (int i = 0; i < n; i++) System.arraycopy(pool, pick[i] * latent, z, i * latent, latent);
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("ess", sum * sum / sumSq);
        d.put("ess_fraction", sum * sum / sumSq / proposals);
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
