package dev.dgmbench.engine.train;

import dev.dgmbench.engine.OptimizerSpec;

/**
 * How to train, as plain data.
 *
 * @param optimizer the update rule and learning rate
 * @param batchSize rows per minibatch (the last of an epoch may be smaller)
 * @param maxEpochs upper bound on epochs
 * @param patience  stop after this many epochs without a better validation loss; the best weights are restored
 */
public record TrainConfig(OptimizerSpec optimizer, int batchSize, int maxEpochs, int patience) {
    public TrainConfig {
        if (optimizer == null) throw new IllegalArgumentException("optimizer must be given");
        if (batchSize < 1 || maxEpochs < 1 || patience < 1) {
            throw new IllegalArgumentException("batch size, max epochs and patience must be >= 1");
        }
    }
}
