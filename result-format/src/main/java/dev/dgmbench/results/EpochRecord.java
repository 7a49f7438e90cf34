package dev.dgmbench.results;

/** One training epoch: mean per-image losses on the training and validation splits, and its wall time. */
public record EpochRecord(int epoch, double trainLoss, double trainRe, double trainKl,
                          double valLoss, double valRe, double valKl, double seconds) {
}
