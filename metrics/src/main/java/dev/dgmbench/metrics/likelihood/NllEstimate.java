package dev.dgmbench.metrics.likelihood;

/**
 * Importance-weighted NLL of a test set.
 *
 * @param nll        mean over images of -log p(x), nats per image (the IWAE bound: an upper bound on the true NLL
 *                   that tightens as K grows)
 * @param stdError   standard error of that mean over images
 * @param bitsPerDim nll / (D ln 2)
 * @param perImage   -log p(x) per image
 */
public record NllEstimate(String prior, int importanceSamples, int images, double nll, double stdError,
                          double bitsPerDim, double seconds, double[] perImage) {
}
