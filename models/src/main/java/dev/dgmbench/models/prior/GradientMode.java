package dev.dgmbench.models.prior;

/**
 * How grad f(z) is computed: SameDiff's automatic differentiation; the backward pass of the MLP written out as
 * forward ops in a SameDiff graph (DERIVED: fewer, larger ops); or the same backward pass by the fused engine
 * (FUSED: one BLAS product per layer, SIMD loops, no graph). All three are checked against each other and finite
 * differences in tests.
 */
public enum GradientMode { AUTODIFF, DERIVED, FUSED }
