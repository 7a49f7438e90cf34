package dev.dgmbench.engine.cuda;

/**
 * A LeakyReLU MLP (linear last layer) over stacked members on a {@link Device}: member g's layers lie in a flat
 * parameter buffer at {@code g * stride + offset}, per layer the weight [in, out] then the bias [out] (the CPU
 * engine's layout). One strided-batched product per layer and direction covers every member; activations and
 * deltas are [members, rows, width] work buffers owned by the caller.
 */
final class DenseLayers {
    static final float SLOPE = 0.01f;

    private final Device device;
    private final int[] widths;
    private final int[] weightAt, biasAt;
    final int stride;

    /** widths: input first, output last; stride: parameters per member (this stack may be part of them). */
    DenseLayers(Device device, int stride, int offset, int... widths) {
        this.device = device;
        this.widths = widths.clone();
        this.stride = stride;
        int layers = widths.length - 1;
        weightAt = new int[layers];
        biasAt = new int[layers];
        int at = offset;
        for (int i = 0; i < layers; i++) {
            weightAt[i] = at;
            biasAt[i] = at + widths[i] * widths[i + 1];
            at = biasAt[i] + widths[i + 1];
        }
    }

    static int parameterCount(int... widths) {
        int p = 0;
        for (int i = 0; i + 1 < widths.length; i++) p += widths[i] * widths[i + 1] + widths[i + 1];
        return p;
    }

    int layers() {
        return widths.length - 1;
    }

    int width(int i) {
        return widths[i];
    }

    int weightOffset(int layer) {
        return weightAt[layer];
    }

    /** Work buffers [members * rows * width_i] for every width, for activations or deltas. */
    Buffer[] workBuffers(int members, int rows) {
        Buffer[] b = new Buffer[widths.length];
        for (int i = 0; i < widths.length; i++) b[i] = device.floats((long) members * rows * widths[i]);
        return b;
    }

    /**
     * act[i + 1] = LeakyReLU(act[i] W_i + b_i) (no activation on the last layer) for members first..first+count-1
     * of {@code params}; act[0] holds the input [count, rows, in].
     */
    void forward(Buffer params, int first, int count, Buffer[] act, int rows) {
        long base = (long) first * stride;
        for (int i = 0; i < layers(); i++) {
            int in = widths[i], out = widths[i + 1];
            device.gemm(false, false, rows, out, in, act[i], 0, (long) rows * in, params, base + weightAt[i], stride,
                    false, act[i + 1], 0, (long) rows * out, count);
            device.launch(Kernel.BIAS_ACT, count * rows * out, act[i + 1], params, stride, (int) (base + biasAt[i]),
                    rows, out, i + 1 < layers() ? 1 : 0, SLOPE);
        }
    }

    /**
     * Backward pass after {@link #forward}: delta[last] holds d loss / d output; writes every layer's weight and
     * bias gradient into {@code grads} (same layout as the parameters) and, if asked, d loss / d input into delta[0].
     */
    void backward(Buffer params, Buffer grads, int first, int count, Buffer[] act, Buffer[] delta, int rows,
                  boolean inputGradient) {
        long base = (long) first * stride;
        for (int i = layers() - 1; i >= 0; i--) {
            int in = widths[i], out = widths[i + 1];
            device.launch(Kernel.COL_SUMS, count * out, delta[i + 1], rows, out, grads, stride, (int) (base + biasAt[i]));
            device.gemm(true, false, in, out, rows, act[i], 0, (long) rows * in, delta[i + 1], 0, (long) rows * out,
                    false, grads, base + weightAt[i], stride, count);
            if (i > 0 || inputGradient) propagate(params, first, count, act, delta, rows, i);
        }
    }

    /** delta[i] = delta[i + 1] W_i^T, times the LeakyReLU derivative unless i is the input layer. */
    void propagate(Buffer params, int first, int count, Buffer[] act, Buffer[] delta, int rows, int i) {
        int in = widths[i], out = widths[i + 1];
        device.gemm(false, true, rows, in, out, delta[i + 1], 0, (long) rows * out, params,
                (long) first * stride + weightAt[i], stride, false, delta[i], 0, (long) rows * in, count);
        if (i > 0) device.launch(Kernel.LEAKY_DERIV, count * rows * in, act[i], delta[i], SLOPE);
    }
}
