package dev.dgmbench.models.vae;

import dev.dgmbench.models.nn.Engine;

/**
 * How to train, as plain data.
 *
 * @param optimizer    ADAM or ADAMAX (the reference course code uses Adamax)
 * @param maxEpochs    upper bound on epochs
 * @param patience     stop after this many epochs without a better validation loss; the best weights are restored
 * @param engine       how the passes run (see {@link Engine}); the fused engine is the default
 */
public record TrainConfig(Optimizer optimizer, double learningRate, int batchSize, int maxEpochs, int patience,
                          Engine engine) {
    public enum Optimizer { ADAM, ADAMAX }

    public TrainConfig {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
        if (batchSize < 1 || maxEpochs < 1 || patience < 1) throw new IllegalArgumentException("batch size, max epochs and patience must be >= 1");
        if (engine == null) throw new IllegalArgumentException("engine must be given");
    }

    public TrainConfig(Optimizer optimizer, double learningRate, int batchSize, int maxEpochs, int patience) {
        this(optimizer, learningRate, batchSize, maxEpochs, patience, Engine.FUSED);
    }

    public org.nd4j.linalg.learning.config.IUpdater updater() {
        return optimizer == Optimizer.ADAM ? new org.nd4j.linalg.learning.config.Adam(learningRate)
                : new org.nd4j.linalg.learning.config.AdaMax(learningRate);
    }
}
