package dev.dgmbench.models.prior;

import java.util.List;

/**
 * The latent-space classifier D(z) = sigmoid(f(z)), f an MLP with LeakyReLU, and how to train it, as plain data.
 *
 * @param hidden  widths of the hidden layers; empty makes f linear
 */
public record NceConfig(int latent, List<Integer> hidden, double learningRate, int batchSize, int maxEpochs,
                        int patience) {
    public NceConfig {
        hidden = List.copyOf(hidden);
        if (latent < 1) throw new IllegalArgumentException("latent must be >= 1");
        if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be positive");
        if (batchSize < 1 || maxEpochs < 1 || patience < 1) throw new IllegalArgumentException("batch size, epochs and patience must be >= 1");
    }

    /** Layer widths of f: latent, hidden..., 1. */
    public int[] widths() {
        int[] w = new int[hidden.size() + 2];
        w[0] = latent;
        for (int i = 0; i < hidden.size(); i++) w[i + 1] = hidden.get(i);
        w[w.length - 1] = 1;
        return w;
    }

    /** Layer names in weight files: nce0, nce1, ..., nce_out. */
    public List<String> layerNames() {
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < hidden.size(); i++) names.add("nce" + i);
        names.add("nce_out");
        return names;
    }
}
