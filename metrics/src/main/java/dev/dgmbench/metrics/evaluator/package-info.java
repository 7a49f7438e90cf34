/**
 * The evaluator network: a classifier trained once per dataset (cached) whose features and class probabilities the
 * sample metrics use.
 *
 * <p>May import: the engine seam and its training loop ({@code engine}, {@code engine.train}), {@code models.data},
 * {@code models.fused}, {@code models.io} (its cached weights). Imported by {@code metrics.quality}, the suite and
 * bench.
 */
package dev.dgmbench.metrics.evaluator;
