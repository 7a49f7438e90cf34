package dev.dgmbench.metrics.likelihood;

import dev.dgmbench.engine.ImageSet;
import dev.dgmbench.engine.VaeModel;
import dev.dgmbench.models.fused.NormalStream;
import dev.dgmbench.engine.Seeds;
import dev.dgmbench.models.prior.LatentPrior;

import java.util.ArrayList;
import java.util.List;

/**
 * -log p(x) ~= -log (1/K) sum_k p(x|z_k) p(z_k) / q(z_k|x), z_k ~ q(z|x) (Burda et al., the IWAE bound).
 * <p>
 * Cost is dominated by the decoder on K codes per image, so: the K codes of {@code chunk} images go through the
 * decoder in one call (per-call overhead paid once per chunk); log p(x|z) is the target level's log-probability,
 * read by index rather than by a product with a K-times repeated one-hot matrix; and several priors are scored on
 * the same codes in one pass, so comparing priors costs one decoder pass, not one per prior (the comparison is
 * then also paired: same codes, same noise). The engine runs the encoder and decoder; the codes, log q and the
 * weights are computed here in Java the same way for every engine, from the seed's {@code iwae} stream.
 */
public final class ImportanceWeightedNll {
    static final double LOG_2PI = Math.log(2 * Math.PI);

    private ImportanceWeightedNll() {
    }

    /** Images per decoder call: about 8000 codes, i.e. a 35 MB log-probability block for 64 pixels x 17 levels. */
    public static int defaultChunk(int importanceSamples) {
        return Math.max(1, 8192 / importanceSamples);
    }

    public static NllEstimate estimate(VaeModel vae, ImageSet data, LatentPrior prior, int k, long seed) {
        return estimate(vae, data, List.of(prior), k, defaultChunk(k), seed).get(0);
    }

    /** One estimate per prior from the same importance samples, {@code chunk} images per decoder call. */
    public static List<NllEstimate> estimate(VaeModel vae, ImageSet data, List<LatentPrior> priors, int k, int chunk,
                                             long seed) {
        if (k < 1) throw new IllegalArgumentException("importance samples must be >= 1, got " + k);
        if (priors.isEmpty()) throw new IllegalArgumentException("no prior to score");
        long t0 = System.nanoTime();
        NormalStream normals = new NormalStream(Seeds.derive(seed, "iwae"));
        int n = data.size(), l = vae.shape().latent(), d = vae.shape().pixels();
        float[] x = data.inputs();
        double[][] perImage = new double[priors.size()][n];
        double[] priorSeconds = new double[priors.size()];
        int maxRows = Math.min(chunk, n) * k;
        float[] z = new float[maxRows * l], eps = new float[maxRows * l], xChunk = new float[Math.min(chunk, n) * d];
        double[] logQ = new double[maxRows], logPx = new double[maxRows], logW = new double[maxRows];
        int[][] targets = new int[maxRows][];
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk), b = to - from, rows = b * k;
            System.arraycopy(x, from * d, xChunk, 0, b * d);
            float[] post = vae.encode(xChunk, b);
            // Row r = image (r / k), sample (r % k): z = mu + exp(lv / 2) eps, log q(z|x) = sum_j -(log 2pi + lv_j + eps_j^2) / 2
            normals.fill(eps, rows * l);
            for (int r = 0; r < rows; r++) {
                int img = r / k, pb = img * 2 * l;
                double q = 0;
                for (int j = 0; j < l; j++) {
                    float lv = post[pb + l + j], e = eps[r * l + j];
                    z[r * l + j] = post[pb + j] + (float) Math.exp(0.5 * lv) * e;
                    q += LOG_2PI + lv + (double) e * e;
                }
                logQ[r] = -0.5 * q;
                targets[r] = data.levels()[from + img];
            }
            vae.logLikelihood(z, rows, targets, logPx);
            for (int p = 0; p < priors.size(); p++) {
                long p0 = System.nanoTime();
                double[] logPz = priors.get(p).logDensity(z, rows, l);
                priorSeconds[p] += (System.nanoTime() - p0) / 1e9;
                for (int r = 0; r < rows; r++) logW[r] = logPx[r] + logPz[r] - logQ[r];
                for (int i = 0; i < b; i++) perImage[p][from + i] = -LogMeanExp.of(logW, i * k, (i + 1) * k);
            }
        }
        double shared = (System.nanoTime() - t0) / 1e9;
        for (double s : priorSeconds) shared -= s;
        List<NllEstimate> out = new ArrayList<>();
        for (int p = 0; p < priors.size(); p++) {
            double mean = 0, sq = 0;
            for (double v : perImage[p]) mean += v;
            mean /= n;
            for (double v : perImage[p]) sq += (v - mean) * (v - mean);
            double se = n > 1 ? Math.sqrt(sq / (n - 1) / n) : 0;
            // Seconds: the shared encoder/decoder work is charged to every prior, plus its own density time.
            out.add(new NllEstimate(priors.get(p).name(), k, n, mean, se, mean / (d * Math.log(2)),
                    shared + priorSeconds[p], perImage[p]));
        }
        return out;
    }
}
