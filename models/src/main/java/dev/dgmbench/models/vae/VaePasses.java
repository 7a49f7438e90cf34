package dev.dgmbench.models.vae;

/**
 * The two inference passes estimators need, on Java arrays, whichever engine runs them
 * ({@link BetaVae#passes}). Results are in buffers that stay valid until the next call.
 */
public interface VaePasses {
    /** Posterior parameters of n rows of x [n, D]: [mu | logvar] per row, [n, 2L]. */
    float[] encode(float[] x, int n);

    /** log p(x|z) per row for codes z [n, L] and each row's target grey levels, into {@code out[0..n)}. */
    void logLikelihood(float[] z, int n, int[][] targets, double[] out);
}
