package dev.dgmbench.engine;

import java.util.Random;

/**
 * How a dense layer's initial parameters are drawn. Both draw the weights row-major, then (PyTorch only) the biases,
 * from the one stream they are given, so a model's layers are drawn in their documented order.
 */
public enum Init {
    /** Glorot-uniform weights U(-sqrt(6 / (in + out)), +), zero biases: the suite's default before issue 23. */
    GLOROT,
    /**
     * PyTorch's {@code nn.Linear} default: weights and biases U(-1 / sqrt(in), 1 / sqrt(in)) (its Kaiming-uniform with
     * a = sqrt(5) gives gain sqrt(1/3), bound gain * sqrt(3 / in) = 1 / sqrt(in)). The default of specs
     * ({@code model.init}): what most published VAE code starts from (docs/validity.md).
     */
    PYTORCH;

    public Layer layer(Random rng, int in, int out) {
        if (this == GLOROT) return Layer.glorot(rng, in, out);
        double limit = 1 / Math.sqrt(in);
        float[] w = new float[in * out], b = new float[out];
        for (int i = 0; i < w.length; i++) w[i] = (float) ((rng.nextDouble() * 2 - 1) * limit);
        for (int i = 0; i < b.length; i++) b[i] = (float) ((rng.nextDouble() * 2 - 1) * limit);
        return new Layer(in, out, w, b);
    }
}
