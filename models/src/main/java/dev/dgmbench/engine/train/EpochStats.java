package dev.dgmbench.engine.train;

/**
 * Mean per-image losses of one epoch, measured after it with fixed noise, and its wall time in seconds: the training
 * losses on the first images of the training split, as many as the validation split has ({@link VaeTraining}), the
 * validation losses on all of it.
 */
public record EpochStats(int epoch, double trainLoss, double trainRe, double trainKl,
                         double valLoss, double valRe, double valKl, double seconds) {
}
