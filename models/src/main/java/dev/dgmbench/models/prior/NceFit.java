package dev.dgmbench.models.prior;

import dev.dgmbench.engine.RatioClassifier;

/**
 * What fitting the NCE prior leaves for the samplers of its tilted prior.
 *
 * @param classifier the classifier f, whose e^f tilts N(0, I)
 * @param aggregate  the defensive aggregate-posterior proposal of the training split's codes
 * @param particles  the SMC normaliser's final weighted particles; null when Z was estimated otherwise
 */
public record NceFit(RatioClassifier classifier, LatentProposal aggregate, WeightedCodes particles) {
}
