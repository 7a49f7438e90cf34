/**
 * The training loop every engine shares: the epoch loop with its seeded noise and order, early stopping, restore-best
 * ({@link VaeTraining}, {@link EarlyStopping}).
 *
 * <p>May import: the engine seam ({@code engine}). Imported by {@code models.prior}, {@code metrics.evaluator}, the
 * suite and bench.
 */
package dev.dgmbench.engine.train;
