package dev.dgmbench.models.sampling;

import dev.dgmbench.models.nn.Noise;
import dev.dgmbench.models.nn.Seeds;
import dev.dgmbench.engine.RatioClassifier;

import java.util.Map;
import java.util.Random;

/**
 * Sampling-importance-resampling: draw {@code proposals} codes from N(0, I), weight them by r(z) = exp(f(z)),
 * and resample n of them with replacement (multinomial). Reports the effective sample size of the weights.
 */
public record SirSampler(RatioClassifier classifier, int latent, int proposals) implements LatentSampler {

    @Override
    public SamplerOutput sample(int n, long seed) {
        Random rng = Seeds.random(seed, "sir");
        float[] pool = Noise.normals(rng, proposals * latent);
        float[] logW = classifier.logits(pool, proposals);
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
        return new SamplerOutput(z, n, Map.of("ess", sum * sum / sumSq, "ess_fraction", sum * sum / sumSq / proposals),
                Map.of());
    }

    @Override
    public String name() {
        return "sir";
    }
}
