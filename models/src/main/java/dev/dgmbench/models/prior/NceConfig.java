package dev.dgmbench.models.prior;

import dev.dgmbench.models.nn.Engine;

import java.util.List;

/**
 * The latent-space classifier D(z) = sigmoid(f(z)), f an MLP with LeakyReLU, as plain data.
 *
 * @param hidden  widths of the hidden layers; empty makes f linear
 * @param engine  how training and f(z) run (see {@link Engine}); the input gradient's method is chosen per use
 */
public record NceConfig(int latent, List<Integer> hidden, double learningRate, int batchSize, int maxEpochs,
                        int patience, Engine engine) {
    public NceConfig {
        hidden = List.copyOf(hidden);
        if (latent < 1) throw new IllegalArgumentException("latent must be >= 1");
        if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be positive");
        if (batchSize < 1 || maxEpochs < 1 || patience < 1) throw new IllegalArgumentException("batch size, epochs and patience must be >= 1");
        if (engine == null) throw new IllegalArgumentException("engine must be given");
    }

    public NceConfig(int latent, List<Integer> hidden, double learningRate, int batchSize, int maxEpochs, int patience) {
        this(latent, hidden, learningRate, batchSize, maxEpochs, patience, Engine.FUSED);
    }

    /** Layer widths of f: latent, hidden..., 1. */
    public int[] widths() {
        int[] w = new int[hidden.size() + 2];
        w[0] = latent;
        for (int i = 0; i < hidden.size(); i++) w[i + 1] = hidden.get(i);
        w[w.length - 1] = 1;
        return w;
    }
}
