package dev.dgmbench.engine.train;

/** Mean per-image losses of one epoch, measured after it with fixed noise, and its wall time in seconds. */
public record EpochStats(int epoch, double trainLoss, double trainRe, double trainKl,
                         double valLoss, double valRe, double valKl, double seconds) {
}
