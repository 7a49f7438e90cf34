package dev.dgmbench.models.nn;

/**
 * How a model's passes are executed. Both compute the same model from the same weights and random numbers; they
 * round differently, so their bits differ, and each is bit-reproducible on its own.
 * <ul>
 *   <li>{@code FUSED} (default): one BLAS product per layer and direction, with bias, activation, likelihood and
 *       their derivatives fused into Java loops over the SameDiff graph's weights ({@code models.fused}).</li>
 *   <li>{@code SAMEDIFF}: the SameDiff graphs run op by op (the reference; ~0.1 ms fixed cost per op).</li>
 * </ul>
 */
public enum Engine { FUSED, SAMEDIFF }
