package dev.dgmbench.metrics.likelihood;

import dev.dgmbench.models.nn.Noise;
import dev.dgmbench.models.nn.Seeds;
import dev.dgmbench.models.prior.LatentPrior;
import dev.dgmbench.models.vae.BetaVae;
import dev.dgmbench.models.vae.ImageTensors;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * -log p(x) ~= -log (1/K) sum_k p(x|z_k) p(z_k) / q(z_k|x), z_k ~ q(z|x) (Burda et al., the IWAE bound).
 * <p>
 * Cost is dominated by the decoder on K codes per image, so: the K codes of {@code chunk} images go through the
 * decoder in one call (per-op overhead paid once per chunk); log p(x|z) is read from the decoder's per-pixel
 * log-probabilities by index in Java rather than by a product with a K-times repeated one-hot matrix; and several
 * priors are scored on the same codes in one pass, so comparing priors costs one decoder pass, not one per prior
 * (the comparison is then also paired: same codes, same noise).
 */
public final class ImportanceWeightedNll {
    static final double LOG_2PI = Math.log(2 * Math.PI);

    private ImportanceWeightedNll() {
    }

    /** Images per decoder call: about 8000 codes, i.e. a 35 MB log-probability block for 64 pixels x 17 levels. */
    public static int defaultChunk(int importanceSamples) {
        return Math.max(1, 8192 / importanceSamples);
    }

    public static NllEstimate estimate(BetaVae vae, ImageTensors data, LatentPrior prior, int k, long seed) {
        return estimate(vae, data, List.of(prior), k, defaultChunk(k), seed).get(0);
    }

    /** One estimate per prior, all from the same importance samples. */
    public static List<NllEstimate> estimate(BetaVae vae, ImageTensors data, List<LatentPrior> priors, int k, long seed) {
        return estimate(vae, data, priors, k, defaultChunk(k), seed);
    }

    public static List<NllEstimate> estimate(BetaVae vae, ImageTensors data, List<LatentPrior> priors, int k, int chunk,
                                             long seed) {
        if (k < 1) throw new IllegalArgumentException("importance samples must be >= 1, got " + k);
        if (priors.isEmpty()) throw new IllegalArgumentException("no prior to score");
        long t0 = System.nanoTime();
        Random rng = Seeds.random(seed, "iwae");
        int n = data.size(), l = vae.config().latent(), d = vae.config().pixels(), levels = vae.config().levels();
        double[][] perImage = new double[priors.size()][n];
        double[] priorSeconds = new double[priors.size()];
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk), b = to - from, rows = b * k;
            INDArray x = data.inputs().get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            INDArray[] post = vae.encode(x);
            // Row r = image (r / k), sample (r % k).
            INDArray mu = post[0].repeat(0, k), lv = post[1].repeat(0, k);
            INDArray eps = Noise.normal(rng, rows, l);
            INDArray z = mu.add(Transforms.exp(lv.mul(0.5), false).muli(eps));
            float[] logp = floats(vae.decodeLogProbabilities(z));
            // log q(z|x) = sum_j -0.5 (log 2pi + lv_j + eps_j^2)
            double[] logQ = lv.add(eps.mul(eps)).addi(LOG_2PI).sum(1).muli(-0.5).dup('c').data().asDouble();
            double[] logPx = new double[rows];
            for (int r = 0; r < rows; r++) {
                int[] img = data.levels()[from + r / k];
                double s = 0;
                int base = r * d * levels;
                for (int j = 0; j < d; j++) s += logp[base + j * levels + img[j]];
                logPx[r] = s;
            }
            double[] logW = new double[rows];
            for (int p = 0; p < priors.size(); p++) {
                long p0 = System.nanoTime();
                double[] logPz = priors.get(p).logDensity(z);
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

    private static float[] floats(INDArray a) {
        INDArray c = a.ordering() == 'c' && !a.isView() ? a : a.dup('c');
        return c.data().asFloat();
    }
}
