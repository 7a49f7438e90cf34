package dev.dgmbench.models.prior;

/**
 * How grad f(z) is computed: SameDiff's automatic differentiation, or the backward pass of the MLP written out as
 * forward ops in the same graph (fewer, larger ops; checked against autodiff and finite differences in tests).
 */
public enum GradientMode { AUTODIFF, DERIVED }
