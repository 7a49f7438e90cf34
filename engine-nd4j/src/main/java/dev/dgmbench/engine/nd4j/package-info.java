/**
 * The engines {@code fused} (the fused kernels over ND4J's BLAS, {@link Nd4jMatMul}) and {@code samediff} (the models'
 * SameDiff graphs, the reference the others are tested against).
 *
 * <p>May import: the engine seam ({@code dev.dgmbench.engine}), {@code models.fused}, ND4J and SameDiff. Found by
 * {@code ServiceLoader} only: nothing imports it.
 */
package dev.dgmbench.engine.nd4j;
