// The elementwise and row/column kernels of the CUDA engine. Compiled at run time by NVRTC with --fmad=false
// (no contraction into fused multiply-adds) and IEEE division and square root, so every float operation
// rounds exactly as the same expression in Java: HostKernels (the plain-Java twin, one loop iteration per
// thread) gives the same bits, and so does the fused CPU engine where it uses the same formula.
//
// Conventions: one thread per output element, a 1-D grid, the element count `total` as the last argument.
// Stacked models ("members" of a group) lie one after another: member g's parameters start at g * paramStride,
// its activations at g * rows * width. Reductions run in a fixed order inside one thread (no atomics), so
// results do not depend on scheduling.

#define ELEMENT long i = (long) blockIdx.x * blockDim.x + threadIdx.x; if (i >= total) return;

// e^x from exact operations (Cody-Waite reduction, Cephes' expf polynomial), clamped to float's normal range:
// the fused engine's Kernels.exp, operation for operation.
__device__ float dg_exp(float x) {
    float c = fminf(fmaxf(x, -87.0f), 88.0f);
    float rounded = c * 1.4426950408889634f + 12582912.0f;
    float n = rounded - 12582912.0f;
    float r = c - n * 0.693359375f - n * -2.12194440e-4f;
    float p = ((((1.9875691500e-4f * r + 1.3981999507e-3f) * r + 8.3334519073e-3f) * r + 4.1665795894e-2f) * r
            + 1.6666665459e-1f) * r + 5.0000001201e-1f;
    float scale = __int_as_float((__float_as_int(rounded) - 0x4B400000 + 127) << 23);
    return (p * r * r + r + 1.0f) * scale;
}

__device__ double dg_softplus(double x) {
    return fmax(x, 0.0) + log1p(exp(-fabs(x)));
}

// The stable softmax's parts for one (row, pixel) of level-major logits starting at base: the largest level logit,
// and the sum over levels of e^(logit - largest).
__device__ float dg_level_max(const float* logits, long base, int pixels, int nLevels) {
    float m = logits[base];
    for (int k = 1; k < nLevels; k++) m = fmaxf(m, logits[base + (long) k * pixels]);
    return m;
}

__device__ float dg_level_sum_exp(const float* logits, long base, int pixels, int nLevels, float m) {
    float s = 0.0f;
    for (int k = 0; k < nLevels; k++) s += dg_exp(logits[base + (long) k * pixels] - m);
    return s;
}

// dst[g, r, :] = src[g * srcMemberStride + order[g * orderStride + from + r], :]: minibatch rows in shuffled order.
extern "C" __global__ void gather_rows(const float* src, int srcMemberStride, int width, const int* order,
        int orderStride, int from, int rows, float* dst, int total) {
    ELEMENT
    long g = i / ((long) rows * width), r = (i / width) % rows, c = i % width;
    dst[i] = src[g * srcMemberStride + (long) order[g * orderStride + from + r] * width + c];
}

extern "C" __global__ void gather_rows_int(const int* src, int srcMemberStride, int width, const int* order,
        int orderStride, int from, int rows, int* dst, int total) {
    ELEMENT
    long g = i / ((long) rows * width), r = (i / width) % rows, c = i % width;
    dst[i] = src[g * srcMemberStride + (long) order[g * orderStride + from + r] * width + c];
}

// h += bias (member g's bias at g * paramStride + biasOffset), then LeakyReLU max(v, slope v) if leaky.
extern "C" __global__ void bias_act(float* h, const float* params, int paramStride, int biasOffset, int rows,
        int cols, int leaky, float slope, int total) {
    ELEMENT
    long g = i / ((long) rows * cols);
    float v = h[i] + params[g * paramStride + biasOffset + i % cols];
    h[i] = leaky ? fmaxf(v, v * slope) : v;
}

// delta *= LeakyReLU'(pre-activation), read off the post-activation (positive exactly where the input was).
extern "C" __global__ void leaky_deriv(const float* act, float* delta, float slope, int total) {
    ELEMENT
    delta[i] = act[i] > 0.0f ? delta[i] : delta[i] * slope;
}

// Bias gradients: per member and column, the sum over rows from the first row on.
extern "C" __global__ void col_sums(const float* d, int rows, int cols, float* grads, int gradStride, int offset,
        int total) {
    ELEMENT
    long g = i / cols, c = i % cols;
    const float* base = d + g * rows * cols + c;
    float s = 0.0f;
    for (int r = 0; r < rows; r++) s += base[(long) r * cols];
    grads[g * gradStride + offset + c] = s;
}

// z = mu + exp(lv / 2) eps, sd = exp(lv / 2); enc rows are [mu | lv] (2L wide), eps/z/sd rows L wide.
extern "C" __global__ void reparam(const float* enc, const float* eps, float* z, float* sd, int latent, int total) {
    ELEMENT
    long r = i / latent, j = i % latent;
    float s = (float) exp(0.5 * (double) enc[r * 2 * latent + latent + j]);
    sd[i] = s;
    z[i] = enc[r * 2 * latent + j] + s * eps[i];
}

// Categorical pixels, logits level-major per row (level k of pixel j at k * D + j): per (row, pixel) the
// log-probability of the target level into pix, and if wantGrad, scale * d(-log p)/d(logits) into grad.
extern "C" __global__ void categorical_head(const float* logits, const int* levels, int pixels, int nLevels,
        float scale, int wantGrad, float* grad, double* pix, int total) {
    ELEMENT
    long r = i / pixels, j = i % pixels, base = r * pixels * nLevels + j;
    float m = dg_level_max(logits, base, pixels, nLevels);
    float s = dg_level_sum_exp(logits, base, pixels, nLevels, m);
    int t = levels[i];
    pix[i] = (double) (logits[base + (long) t * pixels] - m) - log((double) s);
    if (!wantGrad) return;
    for (int k = 0; k < nLevels; k++) {
        float p = dg_exp(logits[base + (long) k * pixels] - m) * scale / s;
        grad[base + (long) k * pixels] = k == t ? p - scale : p;
    }
}

// Bernoulli pixels (level 1 = on): log sigmoid(+-l) through a stable softplus, gradient (sigmoid(l) - on) scale.
extern "C" __global__ void bernoulli_head(const float* logits, const int* levels, float scale, int wantGrad,
        float* grad, double* pix, int total) {
    ELEMENT
    double l = logits[i];
    int on = levels[i] == 1;
    double sp = dg_softplus(l);
    pix[i] = on ? l - sp : -sp;
    if (wantGrad) grad[i] = (float) ((1.0 / (1.0 + exp(-l)) - (on ? 1.0 : 0.0)) * scale);
}

// Per-row sums of per-pixel log-probabilities, pixel 0 first.
extern "C" __global__ void row_sums(const double* pix, int width, double* out, int total) {
    ELEMENT
    double s = 0.0;
    for (int j = 0; j < width; j++) s += pix[i * width + j];
    out[i] = s;
}

// Per row: closed-form KL and Monte Carlo KL (log q - log p at the sampled z), and if wantGrad the encoder
// output gradient dEnc = [d/dmu | d/dlv] of (re + beta kl) * scale given dz = d re / dz (already scaled).
extern "C" __global__ void kl_rows(const float* enc, const float* eps, const float* sd, const float* z,
        const float* dz, int latent, int rows, const double* beta, float scale, int wantGrad, float* dEnc,
        double* kl, double* klmc, int total) {
    ELEMENT
    double b = beta[i / rows], sumKl = 0.0, sumMc = 0.0;
    for (int j = 0; j < latent; j++) {
        long at = i * latent + j, mi = i * 2 * latent + j, li = mi + latent;
        float mu = enc[mi], lv = enc[li], s = sd[at], var = s * s;
        sumKl += (double) mu * mu + (double) s * s - lv - 1.0;
        sumMc += (double) z[at] * z[at] - (double) eps[at] * eps[at] - lv;
        if (wantGrad) {
            dEnc[mi] = (float) (dz[at] + b * mu * scale);
            dEnc[li] = (float) (dz[at] * eps[at] * 0.5f * s + b * 0.5 * (var - 1.0f) * scale);
        }
    }
    kl[i] = 0.5 * sumKl;
    klmc[i] = 0.5 * sumMc;
}

// One thread per member: the batch's mean of (re + beta kl) into losses[g * lossStride + step].
extern "C" __global__ void batch_loss(const double* logp, const double* kl, int rows, const double* beta,
        double* losses, int lossStride, int step, int total) {
    ELEMENT
    double s = 0.0;
    for (int r = 0; r < rows; r++) s -= logp[i * rows + r];
    for (int r = 0; r < rows; r++) s += beta[i] * kl[i * rows + r];
    losses[i * lossStride + step] = s / rows;
}

// Adam (rule 0), AdaMax (1) or SGD (2) over members' flat parameters, from member `first` on; members whose
// active flag is 0 keep their weights and state. a is the step size with bias correction, computed on the host
// as the CPU engine does.
extern "C" __global__ void optimizer_step(float* p, const float* g, float* m, float* v, const int* active,
        int params, int first, int rule, float lr, float b1, float b2, float eps, float a, int total) {
    ELEMENT
    if (!active[first + i / params]) return;
    i += (long) first * params;
    float gi = g[i];
    if (rule == 2) {
        p[i] = p[i] - lr * gi;
        return;
    }
    float mi = m[i] * b1 + gi * (1.0f - b1);
    float vi = rule == 0 ? v[i] * b2 + gi * gi * (1.0f - b2) : fmaxf(v[i] * b2, fabsf(gi));
    m[i] = mi;
    v[i] = vi;
    p[i] = p[i] - mi * a / ((rule == 0 ? sqrtf(vi) : vi) + eps);
}

// Softmax probabilities of categorical logits (level-major rows) into pixel-major [row, pixel, level].
extern "C" __global__ void probabilities(const float* logits, int pixels, int nLevels, float* out, int total) {
    ELEMENT
    long r = i / pixels, j = i % pixels, base = r * pixels * nLevels + j;
    float m = dg_level_max(logits, base, pixels, nLevels);
    float s = dg_level_sum_exp(logits, base, pixels, nLevels, m);
    for (int k = 0; k < nLevels; k++) out[i * nLevels + k] = dg_exp(logits[base + (long) k * pixels] - m) / s;
}

// Bernoulli pixel probabilities into [pixel, {off, on}] pairs.
extern "C" __global__ void bernoulli_probabilities(const float* logits, float* out, int total) {
    ELEMENT
    double on = 1.0 / (1.0 + exp(-(double) logits[i]));
    out[2 * i] = (float) (1.0 - on);
    out[2 * i + 1] = (float) on;
}

// Binary cross-entropy with logits per row, softplus(f) - y f, and its gradient (sigmoid(f) - y) / n.
extern "C" __global__ void bce(const float* f, const float* y, int n, float* dLogit, double* loss, int total) {
    ELEMENT
    double fi = f[i];
    loss[i] = dg_softplus(fi) - y[i] * fi;
    dLogit[i] = (float) ((1.0 / (1.0 + exp(-fi)) - y[i]) / n);
}

// The gradient of a scalar output with respect to the last hidden layer's output: its weight column,
// times the LeakyReLU derivative where that layer is hidden.
extern "C" __global__ void scalar_delta(const float* h, const float* params, int weightOffset, int width,
        float slope, int hidden, float* delta, int total) {
    ELEMENT
    float w = params[weightOffset + i % width];
    delta[i] = hidden && !(h[i] > 0.0f) ? w * slope : w;
}
