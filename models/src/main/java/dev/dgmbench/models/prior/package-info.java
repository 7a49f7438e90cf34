/**
 * The NCE energy-based prior: a classifier of aggregate-posterior codes against N(0, I), trained by {@link
 * NceTraining}, its normalising constant estimated by Monte Carlo ({@link NcePrior}).
 *
 * <p>May import: the engine seam and its training loop ({@code engine}, {@code engine.train}), {@code models.fused}.
 * Imported by {@code metrics.likelihood}, the suite and bench.
 */
package dev.dgmbench.models.prior;
