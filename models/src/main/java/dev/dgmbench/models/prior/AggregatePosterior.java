package dev.dgmbench.models.prior;

import dev.dgmbench.engine.Noise;
import dev.dgmbench.engine.Seeds;

import java.util.Random;

/**
 * The aggregate posterior q(z) = (1/K) sum_k N(z; mu_k, diag(exp(logvar_k) + h^2)) over the posteriors of training
 * images, smoothed: a mixture that can be both sampled and evaluated exactly, and what the NCE prior approximates (at
 * the optimum p(z) e^{f(z)} = q(z)). The smoothing h_j = K^(-1/(L+4)) sd_j(mu) (Scott's rule for a kernel density
 * estimate of the K posterior means) widens each component: at small beta the posteriors are narrow, the classifier's
 * tilt p e^f is smoother than their mixture, and the unsmoothed mixture leaves the space between components to the
 * defensive N(0, I) half (measured in docs/validity.md). Evaluating it costs K x latent per code, so with more than
 * {@link #MAX_COMPONENTS} images it keeps a fixed random subset of that many (drawn from the run seed): the mixture
 * of the subset is then the proposal, sampled and evaluated exactly, so importance weights under it stay exact.
 */
public final class AggregatePosterior {
    /** Components kept: evaluating 20,000 codes of 100 dimensions against them takes about a second. */
    public static final int MAX_COMPONENTS = 1024;
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final int latent, k;
    private final double[] mu, sd, invVar, logNorm;

    private AggregatePosterior(int latent, int k) {
        this.latent = latent;
        this.k = k;
        mu = new double[k * latent];
        sd = new double[k * latent];
        invVar = new double[k * latent];
        logNorm = new double[k];
    }

    /**
     * From posterior parameters [mu | logvar] per row ({@code posterior} [n, 2 latent]); a random subset of
     * {@link #MAX_COMPONENTS} rows when n is larger (stream {@code aggregate-posterior} of {@code seed}).
     */
    public static AggregatePosterior of(float[] posterior, int n, int latent, long seed) {
        int[] rows = n <= MAX_COMPONENTS ? java.util.stream.IntStream.range(0, n).toArray()
                : Noise.permutation(n, Seeds.random(seed, "aggregate-posterior"));
        AggregatePosterior q = new AggregatePosterior(latent, Math.min(n, MAX_COMPONENTS));
        double[] h2 = new double[latent];
        double scott = Math.pow(q.k, -1.0 / (latent + 4));
        for (int j = 0; j < latent; j++) {
            double mean = 0, sq = 0;
            for (int c = 0; c < q.k; c++) mean += posterior[rows[c] * 2 * latent + j];
            mean /= q.k;
            for (int c = 0; c < q.k; c++) sq += Math.pow(posterior[rows[c] * 2 * latent + j] - mean, 2);
            double sd = q.k > 1 ? Math.sqrt(sq / (q.k - 1)) : 0;
            h2[j] = scott * scott * sd * sd;
        }
        for (int c = 0; c < q.k; c++) {
            int r = rows[c];
            double sumLogVar = 0;
            for (int j = 0; j < latent; j++) {
                double m = posterior[r * 2 * latent + j], var = Math.exp(posterior[r * 2 * latent + latent + j]) + h2[j];
                q.mu[c * latent + j] = m;
                q.sd[c * latent + j] = Math.sqrt(var);
                q.invVar[c * latent + j] = 1 / var;
                sumLogVar += Math.log(var);
            }
            q.logNorm[c] = -0.5 * (sumLogVar + latent * LOG_2PI);
        }
        return q;
    }

    public int components() {
        return k;
    }

    public int latent() {
        return latent;
    }

    /** One code of a uniformly chosen component into {@code out} at row {@code row}. */
    void sampleInto(Random rng, float[] out, int row) {
        int c = rng.nextInt(k);
        for (int j = 0; j < latent; j++) {
            out[row * latent + j] = (float) (mu[c * latent + j] + sd[c * latent + j] * rng.nextGaussian());
        }
    }

    /** log q(z) of each of the m codes z [m, latent] (log-sum-exp over the components). */
    public double[] logDensity(float[] z, int m) {
        double[] out = new double[m], terms = new double[k], row = new double[latent];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < latent; j++) row[j] = z[i * latent + j];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0, at = 0; c < k; c++) {
                double s = 0;
                for (int j = 0; j < latent; j++, at++) {
                    double d = row[j] - mu[at];
                    s += d * d * invVar[at];
                }
                terms[c] = logNorm[c] - 0.5 * s;
                max = Math.max(max, terms[c]);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) sum += Math.exp(terms[c] - max);
            out[i] = max + Math.log(sum / k);
        }
        return out;
    }
}
