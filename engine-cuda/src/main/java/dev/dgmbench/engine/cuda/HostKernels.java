package dev.dgmbench.engine.cuda;

/**
 * The kernels of {@code kernels.cu} as Java loops: iteration i is GPU thread i, with the same expression in the
 * same order, so a {@link HostDevice} gives the bits a GPU gives (floats round alike: the GPU build has no
 * fused multiply-adds). Double-precision exp/log/log1p may differ from CUDA's in the last bit.
 */
final class HostKernels {
    private HostKernels() {
    }

    static void run(Kernel kernel, int total, Object[] a) {
        switch (kernel) {
            case GATHER_ROWS -> gather(f(a, 0), i(a, 1), i(a, 2), n(a, 3), i(a, 4), i(a, 5), i(a, 6), f(a, 7), total);
            case GATHER_ROWS_INT -> gatherInt(n(a, 0), i(a, 1), i(a, 2), n(a, 3), i(a, 4), i(a, 5), i(a, 6), n(a, 7), total);
            case BIAS_ACT -> biasAct(f(a, 0), f(a, 1), i(a, 2), i(a, 3), i(a, 4), i(a, 5), i(a, 6), fl(a, 7), total);
            case LEAKY_DERIV -> leakyDeriv(f(a, 0), f(a, 1), fl(a, 2), total);
            case COL_SUMS -> colSums(f(a, 0), i(a, 1), i(a, 2), f(a, 3), i(a, 4), i(a, 5), total);
            case REPARAM -> reparam(f(a, 0), f(a, 1), f(a, 2), f(a, 3), i(a, 4), total);
            case CATEGORICAL_HEAD -> categorical(f(a, 0), n(a, 1), i(a, 2), i(a, 3), fl(a, 4), i(a, 5), f(a, 6), d(a, 7), total);
            case BERNOULLI_HEAD -> bernoulli(f(a, 0), n(a, 1), fl(a, 2), i(a, 3), f(a, 4), d(a, 5), total);
            case ROW_SUMS -> rowSums(d(a, 0), i(a, 1), d(a, 2), total);
            case KL_ROWS -> klRows(a, total);
            case BATCH_LOSS -> batchLoss(d(a, 0), d(a, 1), i(a, 2), d(a, 3), d(a, 4), i(a, 5), i(a, 6), total);
            case OPTIMIZER_STEP -> optimizer(a, total);
            case PROBABILITIES -> probabilities(f(a, 0), i(a, 1), i(a, 2), f(a, 3), total);
            case BERNOULLI_PROBABILITIES -> bernoulliProbabilities(f(a, 0), f(a, 1), total);
            case BCE -> bce(f(a, 0), f(a, 1), i(a, 2), f(a, 3), d(a, 4), total);
            case SCALAR_DELTA -> scalarDelta(f(a, 0), f(a, 1), i(a, 2), i(a, 3), fl(a, 4), i(a, 5), f(a, 6), total);
        }
    }

    private static float[] f(Object[] a, int k) {
        return ((HostDevice.HostBuffer) a[k]).floats;
    }

    private static int[] n(Object[] a, int k) {
        return ((HostDevice.HostBuffer) a[k]).ints;
    }

    private static double[] d(Object[] a, int k) {
        return ((HostDevice.HostBuffer) a[k]).doubles;
    }

    private static int i(Object[] a, int k) {
        return (Integer) a[k];
    }

    private static float fl(Object[] a, int k) {
        return (Float) a[k];
    }

    /** kernels.cu's dg_exp: the fused engine's exp, operation for operation. */
    static float exp(float x) {
        float c = Math.min(Math.max(x, -87.0f), 88.0f);
        float rounded = c * 1.4426950408889634f + 12582912.0f;
        float n = rounded - 12582912.0f;
        float r = c - n * 0.693359375f - n * -2.12194440e-4f;
        float p = ((((1.9875691500e-4f * r + 1.3981999507e-3f) * r + 8.3334519073e-3f) * r + 4.1665795894e-2f) * r
                + 1.6666665459e-1f) * r + 5.0000001201e-1f;
        float scale = Float.intBitsToFloat((Float.floatToRawIntBits(rounded) - 0x4B400000 + 127) << 23);
        return (p * r * r + r + 1.0f) * scale;
    }

    private static double softplus(double x) {
        return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    private static float levelMax(float[] logits, int base, int pixels, int nLevels) {
        float m = logits[base];
        for (int k = 1; k < nLevels; k++) m = Math.max(m, logits[base + k * pixels]);
        return m;
    }

    private static float levelSumExp(float[] logits, int base, int pixels, int nLevels, float m) {
        float s = 0.0f;
        for (int k = 0; k < nLevels; k++) s += exp(logits[base + k * pixels] - m);
        return s;
    }

    private static void gather(float[] src, int srcStride, int width, int[] order, int orderStride, int from,
                               int rows, float[] dst, int total) {
        for (int i = 0; i < total; i++) {
            long g = i / ((long) rows * width), r = (i / width) % rows, c = i % width;
            dst[i] = src[(int) (g * srcStride + (long) order[(int) (g * orderStride + from + r)] * width + c)];
        }
    }

    private static void gatherInt(int[] src, int srcStride, int width, int[] order, int orderStride, int from,
                                  int rows, int[] dst, int total) {
        for (int i = 0; i < total; i++) {
            long g = i / ((long) rows * width), r = (i / width) % rows, c = i % width;
            dst[i] = src[(int) (g * srcStride + (long) order[(int) (g * orderStride + from + r)] * width + c)];
        }
    }

    private static void biasAct(float[] h, float[] params, int stride, int offset, int rows, int cols, int leaky,
                                float slope, int total) {
        for (int i = 0; i < total; i++) {
            long g = i / ((long) rows * cols);
            float v = h[i] + params[(int) (g * stride + offset + i % cols)];
            h[i] = leaky != 0 ? Math.max(v, v * slope) : v;
        }
    }

    private static void leakyDeriv(float[] act, float[] delta, float slope, int total) {
        for (int i = 0; i < total; i++) delta[i] = act[i] > 0.0f ? delta[i] : delta[i] * slope;
    }

    private static void colSums(float[] d, int rows, int cols, float[] grads, int stride, int offset, int total) {
        for (int i = 0; i < total; i++) {
            int g = i / cols, c = i % cols, base = g * rows * cols + c;
            float s = 0.0f;
            for (int r = 0; r < rows; r++) s += d[base + r * cols];
            grads[g * stride + offset + c] = s;
        }
    }

    private static void reparam(float[] enc, float[] eps, float[] z, float[] sd, int latent, int total) {
        for (int i = 0; i < total; i++) {
            int r = i / latent, j = i % latent;
            float s = (float) Math.exp(0.5 * (double) enc[r * 2 * latent + latent + j]);
            sd[i] = s;
            z[i] = enc[r * 2 * latent + j] + s * eps[i];
        }
    }

    private static void categorical(float[] logits, int[] levels, int pixels, int nLevels, float scale, int wantGrad,
                                    float[] grad, double[] pix, int total) {
        for (int i = 0; i < total; i++) {
            int r = i / pixels, j = i % pixels, base = r * pixels * nLevels + j;
            float m = levelMax(logits, base, pixels, nLevels);
            float s = levelSumExp(logits, base, pixels, nLevels, m);
            int t = levels[i];
            pix[i] = (double) (logits[base + t * pixels] - m) - Math.log(s);
            if (wantGrad == 0) continue;
            for (int k = 0; k < nLevels; k++) {
                float p = exp(logits[base + k * pixels] - m) * scale / s;
                grad[base + k * pixels] = k == t ? p - scale : p;
            }
        }
    }

    private static void bernoulli(float[] logits, int[] levels, float scale, int wantGrad, float[] grad,
                                  double[] pix, int total) {
        for (int i = 0; i < total; i++) {
            double l = logits[i];
            boolean on = levels[i] == 1;
            double sp = softplus(l);
            pix[i] = on ? l - sp : -sp;
            if (wantGrad != 0) grad[i] = (float) ((1.0 / (1.0 + Math.exp(-l)) - (on ? 1.0 : 0.0)) * scale);
        }
    }

    private static void rowSums(double[] pix, int width, double[] out, int total) {
        for (int i = 0; i < total; i++) {
            double s = 0.0;
            for (int j = 0; j < width; j++) s += pix[i * width + j];
            out[i] = s;
        }
    }

    private static void klRows(Object[] a, int total) {
        float[] enc = f(a, 0), eps = f(a, 1), sd = f(a, 2), z = f(a, 3), dz = f(a, 4), dEnc = f(a, 10);
        int latent = i(a, 5), rows = i(a, 6), wantGrad = i(a, 9);
        double[] beta = d(a, 7), kl = d(a, 11), klmc = d(a, 12);
        float scale = fl(a, 8);
        for (int i = 0; i < total; i++) {
            double b = beta[i / rows], sumKl = 0.0, sumMc = 0.0;
            for (int j = 0; j < latent; j++) {
                int at = i * latent + j, mi = i * 2 * latent + j, li = mi + latent;
                float mu = enc[mi], lv = enc[li], s = sd[at], var = s * s;
                sumKl += (double) mu * mu + (double) s * s - lv - 1.0;
                sumMc += (double) z[at] * z[at] - (double) eps[at] * eps[at] - lv;
                if (wantGrad != 0) {
                    dEnc[mi] = (float) (dz[at] + b * mu * scale);
                    dEnc[li] = (float) (dz[at] * eps[at] * 0.5f * s + b * 0.5 * (var - 1.0f) * scale);
                }
            }
            kl[i] = 0.5 * sumKl;
            klmc[i] = 0.5 * sumMc;
        }
    }

    private static void batchLoss(double[] logp, double[] kl, int rows, double[] beta, double[] losses, int stride,
                                  int step, int total) {
        for (int i = 0; i < total; i++) {
            double s = 0.0;
            for (int r = 0; r < rows; r++) s -= logp[i * rows + r];
            for (int r = 0; r < rows; r++) s += beta[i] * kl[i * rows + r];
            losses[i * stride + step] = s / rows;
        }
    }

    private static void optimizer(Object[] a, int total) {
        float[] p = f(a, 0), g = f(a, 1), m = f(a, 2), v = f(a, 3);
        int[] active = n(a, 4);
        int params = i(a, 5), first = i(a, 6), rule = i(a, 7);
        float lr = fl(a, 8), b1 = fl(a, 9), b2 = fl(a, 10), eps = fl(a, 11), step = fl(a, 12);
        for (int t = 0; t < total; t++) {
            if (active[first + t / params] == 0) continue;
            int i = t + first * params;
            float gi = g[i];
            if (rule == 2) {
                p[i] = p[i] - lr * gi;
                continue;
            }
            float mi = m[i] * b1 + gi * (1.0f - b1);
            float vi = rule == 0 ? v[i] * b2 + gi * gi * (1.0f - b2) : Math.max(v[i] * b2, Math.abs(gi));
            m[i] = mi;
            v[i] = vi;
            p[i] = p[i] - mi * step / ((rule == 0 ? (float) Math.sqrt(vi) : vi) + eps);
        }
    }

    private static void probabilities(float[] logits, int pixels, int nLevels, float[] out, int total) {
        for (int i = 0; i < total; i++) {
            int r = i / pixels, j = i % pixels, base = r * pixels * nLevels + j;
            float m = levelMax(logits, base, pixels, nLevels);
            float s = levelSumExp(logits, base, pixels, nLevels, m);
            for (int k = 0; k < nLevels; k++) out[i * nLevels + k] = exp(logits[base + k * pixels] - m) / s;
        }
    }

    private static void bernoulliProbabilities(float[] logits, float[] out, int total) {
        for (int i = 0; i < total; i++) {
            double on = 1.0 / (1.0 + Math.exp(-(double) logits[i]));
            out[2 * i] = (float) (1.0 - on);
            out[2 * i + 1] = (float) on;
        }
    }

    private static void bce(float[] f, float[] y, int n, float[] dLogit, double[] loss, int total) {
        for (int i = 0; i < total; i++) {
            double fi = f[i];
            loss[i] = softplus(fi) - y[i] * fi;
            dLogit[i] = (float) ((1.0 / (1.0 + Math.exp(-fi)) - y[i]) / n);
        }
    }

    private static void scalarDelta(float[] h, float[] params, int weightOffset, int width, float slope, int hidden,
                                    float[] delta, int total) {
        for (int i = 0; i < total; i++) {
            float w = params[weightOffset + i % width];
            delta[i] = hidden != 0 && !(h[i] > 0.0f) ? w * slope : w;
        }
    }
}
