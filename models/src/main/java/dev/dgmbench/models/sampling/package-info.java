/**
 * The latent samplers ({@link LatentSampler}: prior, Langevin, MALA, SIR), their step adaptation, convergence
 * diagnostics and verdict, and decoding codes into images. The suite describes each one in {@code
 * suite.spec.SamplerCatalogue}.
 *
 * <p>May import: the engine seam ({@code engine}), {@code models.fused}. Imported by the suite and bench.
 */
package dev.dgmbench.models.sampling;
