package dev.dgmbench.models.fused;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;

import java.util.List;

/**
 * A LeakyReLU MLP with a scalar logit output, run fused: the NCE classifier's engine. Trains with binary
 * cross-entropy on logits (the SameDiff graph's loss) and gives f(z) with its input gradient for the samplers.
 * Weights are copied in and out as the SameDiff graph's per-layer arrays.
 */
public final class FusedMlp {
    private final FlatParameters flat;
    private final DenseStack stack;
    private float[] dLogit = new float[0];

    /** widths: input, hidden..., 1. */
    public FusedMlp(boolean trainable, int... widths) {
        if (widths[widths.length - 1] != 1) throw new IllegalArgumentException("the output must be one logit");
        flat = new FlatParameters(DenseStack.parameterCount(widths), trainable);
        stack = new DenseStack(flat.params, flat.grads, 0, widths);
    }

    /** Copies per-layer weights [in, out] and biases [1, out] in, input layer first. */
    public void load(List<INDArray> weights, List<INDArray> biases) {
        for (int i = 0; i < stack.layers(); i++) {
            stack.weight(i).assign(weights.get(i));
            stack.bias(i).assign(biases.get(i));
        }
        flat.pulled();
    }

    /** Copies the weights out into per-layer arrays of the same shapes. */
    public void store(List<INDArray> weights, List<INDArray> biases) {
        for (int i = 0; i < stack.layers(); i++) {
            weights.get(i).assign(stack.weight(i));
            biases.get(i).assign(stack.bias(i));
        }
    }

    /** f for n rows of z [n, in]; the returned buffer stays valid until the next pass with the same n. */
    public float[] logits(float[] z, int n) {
        return stack.forward(z, n);
    }

    /** f (returned) and grad f [n, in] (into {@code gradient}) for n rows of z. */
    public float[] logitsAndInputGradient(float[] z, int n, float[] gradient) {
        float[] f = stack.forward(z, n);
        System.arraycopy(stack.inputGradientOfScalarOutput(n), 0, gradient, 0, n * stack.inputs());
        return f;
    }

    public void useUpdater(IUpdater config) {
        flat.useUpdater(config);
    }

    /**
     * One step of binary cross-entropy with logits, mean over the n rows: loss = softplus(f) - y f,
     * d loss / d f = (sigmoid(f) - y) / n. Returns the batch loss before the step.
     */
    public double step(float[] z, float[] y, int n) {
        float[] f = stack.forward(z, n);
        if (dLogit.length < n) dLogit = new float[n];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double fi = f[i];
            loss += softplus(fi) - y[i] * fi;
            dLogit[i] = (float) ((1 / (1 + Math.exp(-fi)) - y[i]) / n);
        }
        stack.backward(dLogit, n, false);
        flat.step();
        return loss / n;
    }

    /** Mean binary cross-entropy of n rows. */
    public double loss(float[] z, float[] y, int n) {
        float[] f = stack.forward(z, n);
        double loss = 0;
        for (int i = 0; i < n; i++) loss += softplus(f[i]) - y[i] * (double) f[i];
        return loss / n;
    }

    private static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    public float[] snapshot() {
        return flat.snapshot();
    }

    public void restore(float[] snapshot) {
        flat.restore(snapshot);
    }
}
