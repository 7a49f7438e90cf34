/**
 * Likelihood metrics: the importance-weighted NLL ({@link ImportanceWeightedNll}) under N(0, I) or the NCE prior, and
 * the ELBO terms.
 *
 * <p>May import: the engine seam ({@code engine}), {@code models.fused}, {@code models.prior}. Imported by the suite's
 * pipeline and bench.
 */
package dev.dgmbench.metrics.likelihood;
