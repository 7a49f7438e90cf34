package dev.dgmbench.models.fused;

import dev.dgmbench.models.vae.BetaVae;
import dev.dgmbench.models.vae.Likelihood;
import dev.dgmbench.models.vae.VaeConfig;
import dev.dgmbench.models.vae.VaePasses;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.HashMap;
import java.util.Map;

/**
 * The beta-VAE of a {@link BetaVae} run by {@link DenseStack}s: the same architecture, loss and weights, with the
 * forward and backward passes written out (BLAS products, fused Java loops) and one updater call per step on
 * a flat parameter vector. The SameDiff graphs stay the model's definition and reference: weights are copied in
 * with {@link #load} and back with {@link #store}, and tests hold this class's loss and gradients to the graph's.
 * <p>
 * Encoder D -> M -> M -> 2L (mu and log-variance side by side in the last layer), decoder L -> M -> M -> D*K
 * (D for Bernoulli pixels). loss = mean over rows of (re + beta kl), re = -log p(x|z), z = mu + exp(lv/2) eps.
 */
public final class FusedVae implements VaePasses {
    private final VaeConfig config;
    private final int latent;
    private final FlatParameters flat;
    private final DenseStack encoder, decoder;
    private final PixelHead head;
    private final Map<Integer, float[][]> scratch = new HashMap<>();
    private float[][] batchBuffers;

    private FusedVae(VaeConfig c) {
        this.config = c;
        this.latent = c.latent();
        head = new PixelHead(c.likelihood(), c.pixels(), c.levels());
        int[] enc = {c.pixels(), c.hidden(), c.hidden(), 2 * latent};
        int[] dec = {latent, c.hidden(), c.hidden(), head.width()};
        int pe = DenseStack.parameterCount(enc), total = pe + DenseStack.parameterCount(dec);
        flat = new FlatParameters(total, true);
        encoder = new DenseStack(flat.params, flat.grads, 0, enc);
        decoder = new DenseStack(flat.params, flat.grads, pe, dec);
    }

    /** A fused copy of the model's current weights. */
    public static FusedVae of(BetaVae vae) {
        FusedVae f = new FusedVae(vae.config());
        f.load(vae);
        return f;
    }

    public VaeConfig config() {
        return config;
    }

    /** Copies the graph's weights in. */
    public void load(BetaVae vae) {
        Map<String, INDArray> g = vae.weights();
        copy(g, "enc1", encoder, 0, true);
        copy(g, "enc2", encoder, 1, true);
        encoder.weight(2).get(NDArrayIndex.all(), NDArrayIndex.interval(0, latent)).assign(g.get("enc_mu.w"));
        encoder.weight(2).get(NDArrayIndex.all(), NDArrayIndex.interval(latent, 2 * latent)).assign(g.get("enc_lv.w"));
        encoder.bias(2).get(NDArrayIndex.all(), NDArrayIndex.interval(0, latent)).assign(g.get("enc_mu.b"));
        encoder.bias(2).get(NDArrayIndex.all(), NDArrayIndex.interval(latent, 2 * latent)).assign(g.get("enc_lv.b"));
        copy(g, "dec1", decoder, 0, true);
        copy(g, "dec2", decoder, 1, true);
        if (levelMajor()) {
            permuteOutputColumns(g.get("dec_out.w"), decoder.weight(2), true);
            permuteOutputColumns(g.get("dec_out.b"), decoder.bias(2), true);
        } else {
            copy(g, "dec_out", decoder, 2, true);
        }
        flat.pulled();
    }

    /** Copies this model's weights into the graph's arrays, so every graph of the BetaVae sees them. */
    public void store(BetaVae vae) {
        Map<String, INDArray> g = vae.weights();
        copy(g, "enc1", encoder, 0, false);
        copy(g, "enc2", encoder, 1, false);
        g.get("enc_mu.w").assign(encoder.weight(2).get(NDArrayIndex.all(), NDArrayIndex.interval(0, latent)));
        g.get("enc_lv.w").assign(encoder.weight(2).get(NDArrayIndex.all(), NDArrayIndex.interval(latent, 2 * latent)));
        g.get("enc_mu.b").assign(encoder.bias(2).get(NDArrayIndex.all(), NDArrayIndex.interval(0, latent)));
        g.get("enc_lv.b").assign(encoder.bias(2).get(NDArrayIndex.all(), NDArrayIndex.interval(latent, 2 * latent)));
        copy(g, "dec1", decoder, 0, false);
        copy(g, "dec2", decoder, 1, false);
        if (levelMajor()) {
            permuteOutputColumns(decoder.weight(2), g.get("dec_out.w"), false);
            permuteOutputColumns(decoder.bias(2), g.get("dec_out.b"), false);
        } else {
            copy(g, "dec_out", decoder, 2, false);
        }
    }

    private boolean levelMajor() {
        return config.likelihood() == Likelihood.CATEGORICAL;
    }

    /**
     * The graph orders the output columns pixel-major (j * K + k), the fused head level-major (k * D + j):
     * copies {@code from} into {@code to} [rows, D*K] converting one order into the other.
     */
    private void permuteOutputColumns(INDArray from, INDArray to, boolean toLevelMajor) {
        int d = config.pixels(), k = config.levels(), cols = d * k, rows = (int) from.rows();
        float[] src = from.dup('c').data().asFloat(), dst = new float[src.length];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < d; j++) {
                for (int l = 0; l < k; l++) {
                    int pixelMajor = r * cols + j * k + l, levelMajor = r * cols + l * d + j;
                    if (toLevelMajor) dst[levelMajor] = src[pixelMajor];
                    else dst[pixelMajor] = src[levelMajor];
                }
            }
        }
        to.assign(org.nd4j.linalg.factory.Nd4j.create(dst, from.shape(), 'c'));
    }

    private static void copy(Map<String, INDArray> graph, String layer, DenseStack stack, int i, boolean in) {
        if (in) {
            stack.weight(i).assign(graph.get(layer + ".w"));
            stack.bias(i).assign(graph.get(layer + ".b"));
        } else {
            graph.get(layer + ".w").assign(stack.weight(i));
            graph.get(layer + ".b").assign(stack.bias(i));
        }
    }

    /** All parameters as one copy (best-epoch snapshots). */
    public float[] snapshot() {
        return flat.snapshot();
    }

    public void restore(float[] snapshot) {
        flat.restore(snapshot);
    }

    /** Starts optimisation with a fresh optimiser state (e.g. Adam's moments at zero); Adam, AdaMax or SGD. */
    public void useUpdater(IUpdater config) {
        flat.useUpdater(config);
    }

    /**
     * One optimisation step on n rows: inputs x [n, D] in [0,1], targets (grey levels per pixel, one row per
     * image), reparameterisation noise eps [n, L]. Returns the batch's mean loss before the step.
     */
    public double step(float[] x, int[][] targets, float[] eps, int n) {
        float[][] s = scratch(n);
        float[] z = s[0], sd = s[1], dEnc = s[2], dLogits = s[3];
        float[] enc = forward(x, eps, n, z, sd);
        float[] logits = decoder.forward(z, n);
        float scale = 1f / n;
        double beta = config.beta(), loss = 0;
        for (int r = 0; r < n; r++) loss -= head.logProbability(logits, r, targets[r], dLogits, scale);
        float[] dz = decoder.backward(dLogits, n, true);
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < latent; j++) {
                int at = r * latent + j, mi = r * 2 * latent + j, li = mi + latent;
                float mu = enc[mi], lv = enc[li], var = sd[at] * sd[at];
                loss += beta * 0.5 * (mu * mu + var - lv - 1);
                dEnc[mi] = (float) (dz[at] + beta * mu * scale);
                dEnc[li] = (float) (dz[at] * eps[at] * 0.5f * sd[at] + beta * 0.5 * (var - 1) * scale);
            }
        }
        encoder.backward(dEnc, n, false);
        flat.step();
        return loss / n;
    }

    /**
     * One pass over a training set in the given row order, in minibatches of {@code batchSize} (the last may be
     * smaller): rows of x [n, D], their grey levels and one noise row [L] per image. Returns the mean batch loss.
     */
    public double fitEpoch(float[] x, int[][] levels, float[] eps, int[] order, int batchSize) {
        int n = order.length, d = config.pixels();
        if (batchBuffers == null || batchBuffers[0].length != batchSize * d) {
            batchBuffers = new float[][]{new float[batchSize * d], new float[batchSize * latent]};
        }
        float[][] buf = batchBuffers;
        int[][] rowsLevels = new int[batchSize][];
        double sum = 0;
        int batches = 0;
        for (int from = 0; from < n; from += batchSize) {
            int rows = Math.min(n, from + batchSize) - from;
            HostArrays.gatherRows(x, d, order, from, rows, buf[0]);
            HostArrays.gatherRows(eps, latent, order, from, rows, buf[1]);
            for (int r = 0; r < rows; r++) rowsLevels[r] = levels[order[from + r]];
            sum += step(buf[0], rowsLevels, buf[1], rows);
            batches++;
        }
        return sum / batches;
    }

    /** Encoder pass and reparameterisation: fills z and sd = exp(lv / 2); returns [mu | lv] per row. */
    private float[] forward(float[] x, float[] eps, int n, float[] z, float[] sd) {
        float[] enc = encoder.forward(x, n);
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < latent; j++) {
                int at = r * latent + j, mi = r * 2 * latent + j;
                sd[at] = (float) Math.exp(0.5 * enc[mi + latent]);
                z[at] = enc[mi] + sd[at] * eps[at];
            }
        }
        return enc;
    }

    /** Per-row RE, closed-form KL and Monte Carlo KL (log q(z|x) - log p(z) at the sampled z): {re, kl, klmc}. */
    public double[][] lossTerms(float[] x, int[][] targets, float[] eps, int n) {
        float[][] s = scratch(n);
        float[] z = s[0], sd = s[1];
        float[] enc = forward(x, eps, n, z, sd);
        float[] logits = decoder.forward(z, n);
        double[][] out = new double[3][n];
        for (int r = 0; r < n; r++) {
            out[0][r] = -head.logProbability(logits, r, targets[r], null, 0);
            double kl = 0, klmc = 0;
            for (int j = 0; j < latent; j++) {
                int at = r * latent + j, mi = r * 2 * latent + j;
                double mu = enc[mi], lv = enc[mi + latent], var = (double) sd[at] * sd[at];
                kl += mu * mu + var - lv - 1;
                klmc += (double) z[at] * z[at] - (double) eps[at] * eps[at] - lv;
            }
            out[1][r] = 0.5 * kl;
            out[2][r] = 0.5 * klmc;
        }
        return out;
    }

    @Override
    public float[] encode(float[] x, int n) {
        return encoder.forward(x, n);
    }

    @Override
    public void logLikelihood(float[] z, int n, int[][] targets, double[] out) {
        float[] logits = decoder.forward(z, n);
        for (int r = 0; r < n; r++) out[r] = head.logProbability(logits, r, targets[r], null, 0);
    }

    private float[][] scratch(int n) {
        return scratch.computeIfAbsent(n, m -> new float[][]{new float[m * latent], new float[m * latent],
                new float[m * 2 * latent], new float[m * head.width()]});
    }
}
