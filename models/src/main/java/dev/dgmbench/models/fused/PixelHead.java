package dev.dgmbench.models.fused;

import dev.dgmbench.models.vae.Likelihood;

/**
 * The decoder's likelihood over pixels, on logits in a Java array: log p(x|z) per row and its gradient with
 * respect to the logits, in one pass. Categorical: logits [n, D*K], log-softmax over each pixel's K levels, the
 * target level read by index. Bernoulli: logits [n, D], level 1 = "on".
 * <p>
 * The categorical log-sum-exp shifts a whole row by its largest logit so that one SIMD exp covers the row; a
 * pixel whose levels all lie far below that (sum under e^-60, where float exp would start to lose its smaller
 * terms) is redone with its own maximum.
 */
final class PixelHead {
    private static final float TINY = (float) Math.exp(-60);

    private final Likelihood likelihood;
    private final int pixels, levels, width;
    private final float[] e;

    PixelHead(Likelihood likelihood, int pixels, int levels) {
        this.likelihood = likelihood;
        this.pixels = pixels;
        this.levels = levels;
        this.width = likelihood == Likelihood.BERNOULLI ? pixels : pixels * levels;
        this.e = new float[width];
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

    private double categorical(float[] logits, int r, int[] target, float[] grad, float scale) {
        int base = r * width;
        float shift = Kernels.max(logits, base, width);
        Kernels.expShifted(logits, base, shift, e, width);
        double sum = 0;
        for (int j = 0; j < pixels; j++) {
            int at = j * levels;
            float s = 0;
            for (int k = 0; k < levels; k++) s += e[at + k];
            float pixelShift = shift;
            if (s < TINY) {
                pixelShift = Kernels.max(logits, base + at, levels);
                s = 0;
                for (int k = 0; k < levels; k++) s += (e[at + k] = (float) Math.exp(logits[base + at + k] - pixelShift));
            }
            sum += logits[base + at + target[j]] - pixelShift - Math.log(s);
            if (grad != null) {
                float inv = scale / s;
                for (int k = 0; k < levels; k++) grad[base + at + k] = e[at + k] * inv;
                grad[base + at + target[j]] -= scale;
            }
        }
        return sum;
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
