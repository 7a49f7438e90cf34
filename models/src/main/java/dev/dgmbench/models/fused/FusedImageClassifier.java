package dev.dgmbench.models.fused;

import dev.dgmbench.engine.ImageClassifier;
import dev.dgmbench.engine.MlpWeights;

import java.util.List;

/**
 * A softmax MLP classifier run by a {@link DenseStack}: mean cross-entropy training, class probabilities, and the
 * last hidden layer's activations as features (the evaluator network of the sample-quality metrics).
 */
public final class FusedImageClassifier extends FlatModel implements ImageClassifier {
    private final List<String> names;
    private final int[] widths;
    private final int classes;
    private final DenseStack stack;
    private float[] dLogits = new float[0];

    public FusedImageClassifier(MatMul mm, MlpWeights weights) {
        super(new FlatParameters(mm, DenseStack.parameterCount(weights.widths()), true));
        widths = weights.widths();
        names = weights.names();
        classes = widths[widths.length - 1];
        if (widths.length < 3 || classes < 2) throw new IllegalArgumentException("need a hidden layer and >= 2 classes");
        stack = new DenseStack(mm, flat.params, flat.grads, 0, widths);
        flat.load(weights);
    }

    @Override
    public double step(float[] x, int[] labels, int n) {
        float[] logits = stack.forward(x, n);
        if (dLogits.length < n * classes) dLogits = new float[n * classes];
        double loss = crossEntropy(logits, labels, n, dLogits, 1f / n);
        stack.backward(dLogits, n, false);
        flat.step();
        return loss / n;
    }

    @Override
    public double loss(float[] x, int[] labels, int n) {
        return crossEntropy(stack.forward(x, n), labels, n, null, 0) / n;
    }

    /** Sum over rows of -log softmax(logits)[label]; if grad is given, scale * (softmax - onehot) into it. */
    private double crossEntropy(float[] logits, int[] labels, int n, float[] grad, float scale) {
        double total = 0;
        for (int r = 0; r < n; r++) {
            int base = r * classes;
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int c = 0; c < classes; c++) max = Math.max(max, logits[base + c]);
            for (int c = 0; c < classes; c++) sum += Math.exp(logits[base + c] - max);
            double logSum = max + Math.log(sum);
            total += logSum - logits[base + labels[r]];
            if (grad != null) {
                for (int c = 0; c < classes; c++) grad[base + c] = (float) (Math.exp(logits[base + c] - logSum) * scale);
                grad[base + labels[r]] -= scale;
            }
        }
        return total;
    }

    @Override
    public float[] probabilities(float[] x, int n) {
        float[] logits = stack.forward(x, n), p = new float[n * classes];
        for (int r = 0; r < n; r++) {
            int base = r * classes;
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int c = 0; c < classes; c++) max = Math.max(max, logits[base + c]);
            for (int c = 0; c < classes; c++) sum += Math.exp(logits[base + c] - max);
            for (int c = 0; c < classes; c++) p[base + c] = (float) (Math.exp(logits[base + c] - max) / sum);
        }
        return p;
    }

    @Override
    public float[] features(float[] x, int n) {
        stack.forward(x, n);
        int hidden = widths[widths.length - 2];
        return java.util.Arrays.copyOf(stack.activations(widths.length - 2, n), n * hidden);
    }

    @Override
    public MlpWeights weights() {
        return flat.weights(names, widths);
    }
}
