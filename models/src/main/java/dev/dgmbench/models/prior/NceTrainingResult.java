package dev.dgmbench.models.prior;

/**
 * @param accuracy  held-out accuracy of D(z) > 1/2 on posterior codes against prior draws; near 0.5 means q(z)
 *                  already matches p(z) and the tilted prior cannot improve much
 * @param loss      held-out binary cross-entropy (nats), ln 2 = 0.693 for a classifier that cannot tell
 */
public record NceTrainingResult(double accuracy, double loss, int epochs, int bestEpoch, double seconds) {
}
