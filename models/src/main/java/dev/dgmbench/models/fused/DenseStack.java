package dev.dgmbench.models.fused;

import dev.dgmbench.models.fused.MatMul.Mat;

import java.util.HashMap;
import java.util.Map;

/**
 * A dense MLP (LeakyReLU between layers, linear output) run as one matrix product per layer and direction, with
 * bias, activation and its derivative fused into one Java loop each. SameDiff executes the same model op by op
 * at ~0.1 ms of fixed cost per op; here a layer costs its matrix product plus two bulk copies.
 * <p>
 * Weights and their gradients are views of flat vectors owned by the caller, so one updater call steps every
 * layer. Work buffers are allocated once per row count and reused (no allocation per step).
 */
public final class DenseStack {
    /** LeakyReLU's slope for negative inputs, the same in every engine. */
    public static final double LEAKY_SLOPE = 0.01;
    private static final float SLOPE = (float) LEAKY_SLOPE;
    private static final int MAX_CACHED_SHAPES = 8;

    private final MatMul mm;
    private final int[] widths;
    private final Mat[] w, b, dw, db;
    private final float[][] bias;
    private final Map<Integer, Pass> passes = new HashMap<>();

    /** Parameters needed for these layer widths (input first, output last). */
    public static int parameterCount(int... widths) {
        int p = 0;
        for (int i = 0; i + 1 < widths.length; i++) p += widths[i] * widths[i + 1] + widths[i + 1];
        return p;
    }

    /**
     * Layers over {@code params[offset ...]} and {@code grads[offset ...]} (flat [1, P] vectors); per layer the
     * weight matrix [in, out] row-major, then the bias [1, out]. {@code grads} may be null for inference only.
     */
    public DenseStack(MatMul mm, Mat params, Mat grads, int offset, int... widths) {
        if (widths.length < 2) throw new IllegalArgumentException("need at least input and output widths");
        Kernels.check();
        this.mm = mm;
        this.widths = widths.clone();
        int layers = widths.length - 1;
        w = new Mat[layers];
        b = new Mat[layers];
        dw = new Mat[layers];
        db = new Mat[layers];
        bias = new float[layers][];
        int at = offset;
        for (int i = 0; i < layers; i++) {
            int in = widths[i], out = widths[i + 1];
            w[i] = mm.view(params, at, in, out);
            b[i] = mm.view(params, at + in * out, 1, out);
            if (grads != null) {
                dw[i] = mm.view(grads, at, in, out);
                db[i] = mm.view(grads, at + in * out, 1, out);
            }
            bias[i] = new float[out];
            at += in * out + out;
        }
    }

    public int layers() {
        return w.length;
    }

    public int inputs() {
        return widths[0];
    }

    public int outputs() {
        return widths[widths.length - 1];
    }

    /**
     * The activations of layer i (1 = first hidden layer) from the last {@link #forward} with n rows: a buffer of
     * this stack, [n, width_i]. The evaluator's features are its last hidden layer's.
     */
    public float[] activations(int i, int n) {
        if (i < 1 || i >= widths.length) throw new IllegalArgumentException("no layer " + i);
        return pass(n).host[i];
    }

    /**
     * Forward pass of n rows of {@code input} (row-major [n, inputs]). Returns the output pre-activations
     * [n, outputs] in a buffer owned by this stack, valid until the next pass with the same n.
     */
    public float[] forward(float[] input, int n) {
        Pass p = pass(n);
        mm.write(input, n * widths[0], p.act[0]);
        for (int i = 0; i < w.length; i++) {
            int out = widths[i + 1], len = n * out;
            float[] h = p.host[i + 1];
            float[] bi = bias[i];
            mm.read(b[i], bi, out);
            if (out == 1 && i > 0) {
                // A scalar head (the NCE logit): dot products on the heap copy beat a gemm call with one column.
                int in = widths[i];
                float[] wv = p.scalarWeights;
                mm.read(w[i], wv, in);
                for (int r = 0; r < n; r++) h[r] = Kernels.dot(p.host[i], r * in, wv, 0, in) + bi[0];
                continue;
            }
            mm.gemm(p.act[i], w[i], p.act[i + 1], false, false);
            mm.read(p.act[i + 1], h, len);
            boolean hidden = i + 1 < w.length;
            Kernels.addBias(h, n, out, bi, hidden, SLOPE);
            if (hidden) mm.write(h, len, p.act[i + 1]);
        }
        return p.host[w.length];
    }

    /**
     * Backward pass after {@link #forward} with the same n: given d(loss)/d(output) [n, outputs], writes every
     * layer's weight and bias gradient (overwriting) and returns d(loss)/d(input) [n, inputs] if asked, else null.
     */
    public float[] backward(float[] dOutput, int n, boolean inputGradient) {
        Pass p = pass(n);
        p.ensureBackward();
        float[] delta = dOutput;
        for (int i = w.length - 1; i >= 0; i--) {
            int out = widths[i + 1];
            if (dw[i] == null) throw new IllegalStateException("this stack was built for inference only");
            float[] colSum = p.biasGradient[i];
            Kernels.columnSums(delta, n, out, colSum);
            mm.write(colSum, out, db[i]);
            mm.write(delta, n * out, p.delta[i + 1]);
            mm.gemm(p.act[i], p.delta[i + 1], dw[i], true, false);
            if (i == 0 && !inputGradient) return null;
            delta = propagate(p, i, n);
        }
        return delta;
    }

    /**
     * From layer i's output delta (already in {@code p.delta[i + 1]}) to its input's: delta W_i^T, times the
     * LeakyReLU derivative unless i is the first layer. Returns it on the heap.
     */
    private float[] propagate(Pass p, int i, int n) {
        int in = widths[i];
        mm.gemm(p.delta[i + 1], w[i], p.delta[i], false, true);
        float[] next = p.hostDelta[i];
        mm.read(p.delta[i], next, n * in);
        if (i > 0) Kernels.leakyDerivative(p.host[i], next, n * in, SLOPE);
        return next;
    }

    /** d(output)/d(input) contracted with a per-row weight on a single output: for f [n, 1], returns grad f [n, in]. */
    public float[] inputGradientOfScalarOutput(int n) {
        if (outputs() != 1) throw new IllegalStateException("the output is " + outputs() + " wide, not scalar");
        Pass p = pass(n);
        p.ensureBackward();
        int last = w.length - 1, width = widths[last];
        float[] wOut = p.scalarWeights;
        mm.read(w[last], wOut, width);
        float[] delta = p.hostDelta[last];
        float[] h = p.host[last];
        for (int r = 0, at = 0; r < n; r++) {
            for (int c = 0; c < width; c++, at++) delta[at] = last > 0 && !(h[at] > 0) ? wOut[c] * SLOPE : wOut[c];
        }
        for (int i = last - 1; i >= 0; i--) {
            mm.write(delta, n * widths[i + 1], p.delta[i + 1]);
            delta = propagate(p, i, n);
        }
        return delta;
    }

    private Pass pass(int n) {
        Pass p = passes.get(n);
        if (p == null) {
            if (passes.size() >= MAX_CACHED_SHAPES) passes.clear();
            p = new Pass(n);
            passes.put(n, p);
        }
        return p;
    }

    /** Buffers for one row count: activations as product operands and on the heap (fused loops). */
    private final class Pass {
        final int n;
        final Mat[] act;
        final float[][] host;
        final float[] scalarWeights;
        Mat[] delta;
        float[][] hostDelta, biasGradient;

        Pass(int n) {
            this.n = n;
            act = new Mat[widths.length];
            host = new float[widths.length][];
            for (int i = 0; i < widths.length; i++) {
                act[i] = mm.create(n, widths[i]);
                if (i > 0) host[i] = new float[n * widths[i]];
            }
            scalarWeights = new float[widths[widths.length - 2]];
        }

        void ensureBackward() {
            if (delta != null) return;
            delta = new Mat[widths.length];
            hostDelta = new float[widths.length][];
            biasGradient = new float[widths.length - 1][];
            for (int i = 0; i + 1 < widths.length; i++) biasGradient[i] = new float[widths[i + 1]];
            for (int i = 0; i < widths.length; i++) {
                delta[i] = mm.create(n, widths[i]);
                hostDelta[i] = new float[n * widths[i]];
            }
        }
    }
}
