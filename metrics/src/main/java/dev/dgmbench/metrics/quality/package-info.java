/**
 * Sample-quality metrics in the evaluator's feature space: Fréchet distance, KID, precision/recall, density/coverage,
 * class coverage and sharpness ({@link SampleQuality#evaluate}).
 *
 * <p>May import: {@code metrics.evaluator}, Commons Math. Imported by the suite's pipeline.
 */
package dev.dgmbench.metrics.quality;
