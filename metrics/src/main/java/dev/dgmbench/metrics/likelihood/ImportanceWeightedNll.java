package dev.dgmbench.metrics.likelihood;

import dev.dgmbench.models.nn.Noise;
import dev.dgmbench.models.nn.Seeds;
import dev.dgmbench.models.prior.LatentPrior;
import dev.dgmbench.models.vae.BetaVae;
import dev.dgmbench.models.vae.ImageTensors;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Random;

/**
 * -log p(x) ~= -log (1/K) sum_k p(x|z_k) p(z_k) / q(z_k|x), z_k ~ q(z|x) (Burda et al., the IWAE bound).
 * Images are processed in chunks: the K codes of {@code chunk} images go through the decoder in one call, so the
 * per-op overhead is paid once per chunk, not per image. Any prior with a log-density plugs in.
 */
public final class ImportanceWeightedNll {
    static final double LOG_2PI = Math.log(2 * Math.PI);

    private ImportanceWeightedNll() {
    }

    /** Images per decoder call: about 8000 rows keeps the one-hot copy near 35 MB for 64 pixels x 17 levels. */
    public static int defaultChunk(int importanceSamples) {
        return Math.max(1, 8192 / importanceSamples);
    }

    public static NllEstimate estimate(BetaVae vae, ImageTensors data, LatentPrior prior, int k, long seed) {
        return estimate(vae, data, prior, k, defaultChunk(k), seed);
    }

    public static NllEstimate estimate(BetaVae vae, ImageTensors data, LatentPrior prior, int k, int chunk, long seed) {
        if (k < 1) throw new IllegalArgumentException("importance samples must be >= 1, got " + k);
        long t0 = System.nanoTime();
        Random rng = Seeds.random(seed, "iwae-" + prior.name());
        int n = data.size(), l = vae.config().latent();
        double[] perImage = new double[n];
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk), b = to - from, rows = b * k;
            INDArray x = data.inputs().get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            INDArray t = data.oneHot().get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            INDArray[] post = vae.encode(x);
            // Row r = image (r / k), sample (r % k).
            INDArray mu = post[0].repeat(0, k), lv = post[1].repeat(0, k);
            INDArray eps = Noise.normal(rng, rows, l);
            INDArray z = mu.add(Transforms.exp(lv.mul(0.5), false).muli(eps));
            double[] logPx = vae.logLikelihood(z, t.repeat(0, k)).dup('c').data().asDouble();
            double[] logPz = prior.logDensity(z);
            // log q(z|x) = sum_j -0.5 (log 2pi + lv_j + eps_j^2)
            double[] logQ = lv.add(eps.mul(eps)).addi(LOG_2PI).sum(1).muli(-0.5).dup('c').data().asDouble();
            double[] logW = new double[rows];
            for (int r = 0; r < rows; r++) logW[r] = logPx[r] + logPz[r] - logQ[r];
            for (int i = 0; i < b; i++) perImage[from + i] = -LogMeanExp.of(logW, i * k, (i + 1) * k);
        }
        double mean = 0, sq = 0;
        for (double v : perImage) mean += v;
        mean /= n;
        for (double v : perImage) sq += (v - mean) * (v - mean);
        double se = n > 1 ? Math.sqrt(sq / (n - 1) / n) : 0;
        return new NllEstimate(prior.name(), k, n, mean, se, mean / (vae.config().pixels() * Math.log(2)),
                (System.nanoTime() - t0) / 1e9, perImage);
    }
}
