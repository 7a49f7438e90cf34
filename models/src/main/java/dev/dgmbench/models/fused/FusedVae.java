package dev.dgmbench.models.fused;

import dev.dgmbench.engine.Layer;
import dev.dgmbench.engine.Likelihood;
import dev.dgmbench.engine.RowGather;
import dev.dgmbench.engine.VaeModel;
import dev.dgmbench.engine.VaeShape;
import dev.dgmbench.engine.VaeWeights;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The beta-VAE run by {@link DenseStack}s: forward and backward passes written out (matrix products, fused Java
 * loops) and one optimiser pass per step over a flat parameter vector. Tests hold its loss and gradients to the
 * SameDiff graphs' autodiff (module engine-nd4j).
 * <p>
 * Encoder D -> M -> M -> 2L (mu and log-variance side by side in the last layer), decoder L -> M -> M -> D*K
 * (D for Bernoulli pixels); the decoder's output columns are level-major inside (see {@link PixelHead}) and
 * pixel-major in the canonical {@link VaeWeights}. loss = mean over rows of (re + beta kl), re = -log p(x|z),
 * z = mu + exp(lv/2) eps.
 */
public final class FusedVae extends FlatModel implements VaeModel {
    private final VaeShape config;
    private final int latent;
    private final DenseStack encoder, decoder;
    private final PixelHead head;
    private final int encoderParams;
    private final Map<Integer, float[][]> scratch = new HashMap<>();
    /** Logits of the largest evaluation pass made at once, and of one slice of a larger one ({@link #sliceRows}). */
    static final long WHOLE_PASS_FLOATS = 1L << 26, SLICE_FLOATS = 1L << 23;
    private long wholePassFloats = WHOLE_PASS_FLOATS, sliceFloats = SLICE_FLOATS;
    private float[][] batchBuffers;

    public FusedVae(VaeShape c, MatMul mm, VaeWeights weights) {
        super(new FlatParameters(mm, DenseStack.parameterCount(c.encoderWidths()) + DenseStack.parameterCount(c.decoderWidths()), true));
        this.config = c;
        this.latent = c.latent();
        head = new PixelHead(c.likelihood(), c.pixels(), c.levels());
        int[] enc = c.encoderWidths(), dec = c.decoderWidths();
        encoderParams = DenseStack.parameterCount(enc);
        encoder = new DenseStack(mm, flat.params, flat.grads, 0, enc);
        decoder = new DenseStack(mm, flat.params, flat.grads, encoderParams, dec);
        load(weights);
    }

    @Override
    public VaeShape shape() {
        return config;
    }

    /** Sets the parameters from canonical weights. */
    public void load(VaeWeights g) {
        float[] p = new float[flat.size()];
        int at = put(p, 0, g.layer("enc1"));
        at = put(p, at, g.layer("enc2"));
        // mu and log-variance side by side: one [M, 2L] product
        Layer mu = g.layer("enc_mu"), lv = g.layer("enc_lv");
        int m = mu.in();
        for (int r = 0; r < m; r++) {
            System.arraycopy(mu.w(), r * latent, p, at + r * 2 * latent, latent);
            System.arraycopy(lv.w(), r * latent, p, at + r * 2 * latent + latent, latent);
        }
        at += m * 2 * latent;
        System.arraycopy(mu.b(), 0, p, at, latent);
        System.arraycopy(lv.b(), 0, p, at + latent, latent);
        at += 2 * latent;
        at = put(p, at, g.layer("dec1"));
        at = put(p, at, g.layer("dec2"));
        Layer out = g.layer("dec_out");
        if (levelMajor()) out = permuteColumns(out, true);
        put(p, at, out);
        flat.restore(p);
    }

    @Override
    public VaeWeights weights() {
        float[] p = flat.values();
        Map<String, Layer> out = new LinkedHashMap<>();
        int d = config.pixels(), m = config.hidden();
        int at = take(p, 0, d, m, "enc1", out);
        at = take(p, at, m, m, "enc2", out);
        float[] muW = new float[m * latent], lvW = new float[m * latent];
        for (int r = 0; r < m; r++) {
            System.arraycopy(p, at + r * 2 * latent, muW, r * latent, latent);
            System.arraycopy(p, at + r * 2 * latent + latent, lvW, r * latent, latent);
        }
        at += m * 2 * latent;
        out.put("enc_mu", new Layer(m, latent, muW, java.util.Arrays.copyOfRange(p, at, at + latent)));
        out.put("enc_lv", new Layer(m, latent, lvW, java.util.Arrays.copyOfRange(p, at + latent, at + 2 * latent)));
        at += 2 * latent;
        at = take(p, at, latent, m, "dec1", out);
        at = take(p, at, m, m, "dec2", out);
        take(p, at, m, config.outputs(), "dec_out", out);
        if (levelMajor()) out.put("dec_out", permuteColumns(out.get("dec_out"), false));
        return new VaeWeights(out);
    }

    private static int put(float[] p, int at, Layer l) {
        return FlatParameters.pack(p, at, l);
    }

    private static int take(float[] p, int at, int in, int outWidth, String name, Map<String, Layer> out) {
        out.put(name, FlatParameters.unpack(p, at, in, outWidth));
        return at + in * outWidth + outWidth;
    }

    private boolean levelMajor() {
        return config.likelihood() == Likelihood.CATEGORICAL;
    }

    /**
     * The canonical order of the output columns is pixel-major (j * K + k), the fused head's level-major
     * (k * D + j): converts a layer from one order to the other.
     */
    private Layer permuteColumns(Layer from, boolean toLevelMajor) {
        int d = config.pixels(), k = config.levels(), cols = d * k;
        float[] w = new float[from.w().length], b = new float[cols];
        for (int r = 0; r <= from.in(); r++) {
            float[] src = r < from.in() ? from.w() : from.b(), dst = r < from.in() ? w : b;
            int base = r < from.in() ? r * cols : 0;
            for (int j = 0; j < d; j++) {
                for (int l = 0; l < k; l++) {
                    int pixelMajor = base + j * k + l, levelMajor = base + l * d + j;
                    if (toLevelMajor) dst[levelMajor] = src[pixelMajor];
                    else dst[pixelMajor] = src[levelMajor];
                }
            }
        }
        return new Layer(from.in(), cols, w, b);
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
    @Override
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
            RowGather.gatherRows(x, d, order, from, rows, buf[0]);
            RowGather.gatherRows(eps, latent, order, from, rows, buf[1]);
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
    @Override
    public double[][] lossTerms(float[] x, int[][] targets, float[] eps, int n) {
        int rows = sliceRows(n);
        if (rows < n) {
            double[][] out = new double[3][n];
            int d = config.pixels();
            for (int from = 0; from < n; from += rows) {
                int m = Math.min(rows, n - from);
                double[][] part = lossTerms(Arrays.copyOfRange(x, from * d, (from + m) * d),
                        Arrays.copyOfRange(targets, from, from + m), Arrays.copyOfRange(eps, from * latent, (from + m) * latent), m);
                for (int t = 0; t < 3; t++) System.arraycopy(part[t], 0, out[t], from, m);
            }
            return out;
        }
        // evaluation needs no gradient buffers, so not the training step's scratch (n x D x K floats)
        float[] z = new float[n * latent], sd = new float[n * latent];
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
        int rows = sliceRows(n);
        if (rows < n) {
            double[] part = new double[rows];
            for (int from = 0; from < n; from += rows) {
                int m = Math.min(rows, n - from);
                logLikelihood(Arrays.copyOfRange(z, from * latent, (from + m) * latent), m,
                        Arrays.copyOfRange(targets, from, from + m), part);
                System.arraycopy(part, 0, out, from, m);
            }
            return;
        }
        float[] logits = decoder.forward(z, n);
        for (int r = 0; r < n; r++) out[r] = head.logProbability(logits, r, targets[r], null, 0);
    }

    @Override
    public float[] decodeProbabilities(float[] z, int n) {
        return head.probabilities(decoder.forward(z, n), n);
    }

    /**
     * Rows of one decoder pass for an evaluation of n rows: all n while the pass's logits fit in
     * {@link #WHOLE_PASS_FLOATS}, else slices of {@link #SLICE_FLOATS}. A pass's buffers hold its logits twice (as a
     * product operand and on the heap), so the seed's Fashion setting (50,000 codes x 7,840 logits in one IWAE call)
     * would need several GiB in one pass; every call that fitted before still makes one pass, with the bits BLAS
     * gives for its row count.
     */
    int sliceRows(int n) {
        long width = head.width();
        return (long) n * width <= wholePassFloats ? n : (int) Math.max(1, sliceFloats / width);
    }

    /** Other pass limits (tests: slicing on small models). */
    FusedVae slicing(long wholePassFloats, long sliceFloats) {
        this.wholePassFloats = wholePassFloats;
        this.sliceFloats = sliceFloats;
        return this;
    }

    private float[][] scratch(int n) {
        return scratch.computeIfAbsent(n, m -> new float[][]{new float[m * latent], new float[m * latent],
                new float[m * 2 * latent], new float[m * head.width()]});
    }
}
