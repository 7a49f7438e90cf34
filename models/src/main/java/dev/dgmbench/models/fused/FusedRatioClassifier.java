package dev.dgmbench.models.fused;

import dev.dgmbench.engine.MlpWeights;
import dev.dgmbench.engine.RatioClassifier;

import java.util.List;

/**
 * The NCE classifier (a LeakyReLU MLP to one logit) run by a {@link DenseStack}: binary cross-entropy on logits,
 * f(z) and its input gradient for the samplers.
 */
public final class FusedRatioClassifier extends FlatModel implements RatioClassifier {
    private final List<String> names;
    private final int[] widths;
    private final DenseStack stack;
    private float[] dLogit = new float[0];

    public FusedRatioClassifier(MatMul mm, MlpWeights weights) {
        super(new FlatParameters(mm, DenseStack.parameterCount(weights.widths()), true));
        widths = weights.widths();
        if (widths[widths.length - 1] != 1) throw new IllegalArgumentException("the output must be one logit");
        names = weights.names();
        stack = new DenseStack(mm, flat.params, flat.grads, 0, widths);
        flat.load(weights);
    }

    @Override
    public int latent() {
        return widths[0];
    }

    @Override
    public float[] logits(float[] z, int n) {
        return stack.forward(z, n);
    }

    @Override
    public float[] logitsAndInputGradient(float[] z, int n, float[] gradient) {
        float[] f = stack.forward(z, n);
        System.arraycopy(stack.inputGradientOfScalarOutput(n), 0, gradient, 0, n * stack.inputs());
        return f;
    }

    /** loss = softplus(f) - y f, d loss / d f = (sigmoid(f) - y) / n; the batch loss before the step. */
    @Override
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

    @Override
    public double loss(float[] z, float[] y, int n) {
        float[] f = stack.forward(z, n);
        double loss = 0;
        for (int i = 0; i < n; i++) loss += softplus(f[i]) - y[i] * (double) f[i];
        return loss / n;
    }

    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    @Override
    public MlpWeights weights() {
        return flat.weights(names, widths);
    }
}
