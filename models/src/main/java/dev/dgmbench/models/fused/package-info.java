/**
 * The fused kernels on a {@link MatMul} and the pure-Java engine {@code java} ({@link FusedEngine} over {@link
 * JavaMatMul}); engine-nd4j runs the same kernels over BLAS.
 *
 * <p>May import: the engine seam ({@code engine}). Imported by the other engines, {@code models.prior}, {@code
 * models.sampling} and {@code metrics}.
 */
package dev.dgmbench.models.fused;
