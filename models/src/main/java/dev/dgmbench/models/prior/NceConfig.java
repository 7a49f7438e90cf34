package dev.dgmbench.models.prior;

import java.util.List;

/**
 * The latent-space classifier D(z) = sigmoid(f(z)), f an MLP with LeakyReLU, as plain data.
 *
 * @param hidden  widths of the hidden layers; empty makes f linear
 * @param validationFraction share of the held-out codes used for early stopping and the reported accuracy
 */
public record NceConfig(int latent, List<Integer> hidden, double learningRate, int batchSize, int maxEpochs,
                        int patience) {
    public NceConfig {
        hidden = List.copyOf(hidden);
        if (latent < 1) throw new IllegalArgumentException("latent must be >= 1");
        if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be positive");
        if (batchSize < 1 || maxEpochs < 1 || patience < 1) throw new IllegalArgumentException("batch size, epochs and patience must be >= 1");
    }
}
