package dev.dgmbench.engine.nd4j;

/**
 * How the SameDiff engine computes grad f(z): SameDiff's automatic differentiation, or the backward pass of the
 * MLP written out as forward ops in a graph (DERIVED: fewer, larger ops; the default). Both are checked against
 * each other, the fused engine and finite differences in tests.
 */
public enum GradientMode { AUTODIFF, DERIVED }
