package dev.dgmbench.models.fused;

import dev.dgmbench.engine.Likelihood;


/**
 * The decoder's likelihood over pixels, on logits in a Java array: log p(x|z) per row and its gradient with
 * respect to the logits, in one pass. Bernoulli: logits [n, D], level 1 = "on". Categorical: logits [n, K*D]
 * <em>level-major</em> (the K levels of pixel j at j, D + j, 2D + j, ...; {@link FusedVae} permutes the output
 * layer's columns into this order), so that each pixel's log-softmax over its levels runs in SIMD across pixels;
 * the target level is read by index.
 */
final class PixelHead {
    private final Likelihood likelihood;
    private final int pixels, levels, width;
    private final float[] e, max, sum;

    PixelHead(Likelihood likelihood, int pixels, int levels) {
        this.likelihood = likelihood;
        this.pixels = pixels;
        this.levels = levels;
        this.width = likelihood == Likelihood.BERNOULLI ? pixels : pixels * levels;
        this.e = new float[width];
        this.max = new float[pixels];
        this.sum = new float[pixels];
    }

    int width() {
        return width;
    }

    /**
     * log p(x|z) of row r's logits against {@code target} (D grey levels). If {@code grad} is not null, writes
     * scale * d(-log p)/d(logits) of that row into it at the row's offset.
     */
    double logProbability(float[] logits, int r, int[] target, float[] grad, float scale) {
        return likelihood == Likelihood.BERNOULLI ? bernoulli(logits, r, target, grad, scale)
                : categorical(logits, r, target, grad, scale);
    }

    /** Per-pixel probabilities of n rows of logits, [n, D, K] pixel-major (level 1 = "on" for Bernoulli). */
    float[] probabilities(float[] logits, int n) {
        float[] p = new float[n * pixels * levels];
        for (int r = 0; r < n; r++) {
            int base = r * width, out = r * pixels * levels;
            if (likelihood == Likelihood.BERNOULLI) {
                for (int j = 0; j < pixels; j++) {
                    double on = 1 / (1 + Math.exp(-logits[base + j]));
                    p[out + 2 * j] = (float) (1 - on);
                    p[out + 2 * j + 1] = (float) on;
                }
                continue;
            }
            Kernels.softmaxAcrossSlices(logits, base, levels, pixels, max, e, sum);
            for (int j = 0; j < pixels; j++) {
                for (int k = 0; k < levels; k++) p[out + j * levels + k] = e[k * pixels + j] / sum[j];
            }
        }
        return p;
    }

    private double categorical(float[] logits, int r, int[] target, float[] grad, float scale) {
        int base = r * width;
        Kernels.softmaxAcrossSlices(logits, base, levels, pixels, max, e, sum);
        double total = 0;
        for (int j = 0; j < pixels; j++) total += logits[base + target[j] * pixels + j] - max[j] - Math.log(sum[j]);
        if (grad != null) {
            Kernels.scaledProbabilities(e, sum, levels, pixels, scale, grad, base);
            for (int j = 0; j < pixels; j++) grad[base + target[j] * pixels + j] -= scale;
        }
        return total;
    }

    private double bernoulli(float[] logits, int r, int[] target, float[] grad, float scale) {
        int base = r * pixels;
        double sum = 0;
        for (int j = 0; j < pixels; j++) {
            double l = logits[base + j];
            boolean on = target[j] == 1;
            // log sigmoid(l) = l - softplus(l), log sigmoid(-l) = -softplus(l), softplus in the stable form
            double softplus = Math.max(l, 0) + Math.log1p(Math.exp(-Math.abs(l)));
            sum += on ? l - softplus : -softplus;
            if (grad != null) grad[base + j] = (float) ((1 / (1 + Math.exp(-l)) - (on ? 1 : 0)) * scale);
        }
        return sum;
    }
}
