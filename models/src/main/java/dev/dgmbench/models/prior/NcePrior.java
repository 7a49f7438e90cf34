package dev.dgmbench.models.prior;

import dev.dgmbench.engine.RatioClassifier;
import dev.dgmbench.engine.Noise;
import dev.dgmbench.engine.Seeds;

import java.util.Random;

/**
 * The energy-based prior p(z) r(z) / Z with r = exp(f) from the NCE classifier and Z = E_p[r(z)] estimated by
 * Monte Carlo over prior draws. Its log-density plugs into the importance-weighted NLL.
 *
 * @param logZ            log of the Monte Carlo estimate of Z
 * @param logZStdError    standard error of log Z (delta method: se(Z) / Z)
 */
public record NcePrior(RatioClassifier classifier, double logZ, double logZStdError, int draws) implements LatentPrior {

    /** Estimates Z from {@code draws} prior samples, batched. */
    public static NcePrior estimate(RatioClassifier classifier, int draws, long seed) {
        Random rng = Seeds.random(seed, "nce-normaliser");
        int latent = classifier.latent(), chunk = 8192;
        double[] f = new double[draws];
        for (int from = 0; from < draws; from += chunk) {
            int m = Math.min(chunk, draws - from);
            float[] logits = classifier.logits(Noise.normals(rng, m * latent), m);
            for (int i = 0; i < m; i++) f[from + i] = logits[i];
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : f) max = Math.max(max, v);
        double s = 0, s2 = 0;
        for (double v : f) {
            double r = Math.exp(v - max);
            s += r;
            s2 += r * r;
        }
        double mean = s / draws, var = Math.max(0, s2 / draws - mean * mean) * draws / Math.max(1, draws - 1);
        double logZ = max + Math.log(mean);
        return new NcePrior(classifier, logZ, Math.sqrt(var / draws) / mean, draws);
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
