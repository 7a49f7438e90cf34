package dev.dgmbench.engine;

/**
 * A beta-VAE as an engine runs it: everything the pipeline asks of the model, on row-major Java arrays. Results
 * returned as arrays may be buffers owned by the model, valid until the next call (copy what you keep).
 * Randomness is never drawn here: callers pass the noise, so every engine sees the same numbers.
 */
public interface VaeModel {
    VaeShape shape();

    /** Starts optimisation with a fresh optimiser state (Adam's moments at zero). */
    void startTraining(OptimizerSpec optimizer);

    /**
     * One pass over a training set in the given row order, in minibatches of {@code batchSize} (the last may be
     * smaller): rows of x [n, D], their grey levels and one noise row [L] per image (indexed like x, gathered with
     * it). Returns the mean of the batches' losses, or NaN where the engine does not report them.
     */
    double fitEpoch(float[] x, int[][] levels, float[] eps, int[] order, int batchSize);

    /** Per row: {RE, closed-form KL, Monte Carlo KL at z = mu + sigma eps}, each [n]. */
    double[][] lossTerms(float[] x, int[][] levels, float[] eps, int n);

    /** Posterior parameters of n rows of x: [mu | logvar] per row, [n, 2L]. */
    float[] encode(float[] x, int n);

    /** log p(x|z) per row for codes z [n, L] and each row's grey levels, into {@code out[0..n)}. */
    void logLikelihood(float[] z, int n, int[][] levels, double[] out);

    /** The decoder's probabilities per pixel and level, [n, D, K] pixel-major. */
    float[] decodeProbabilities(float[] z, int n);

    /** All parameters as one copy (best-epoch snapshots); its layout is the engine's own. */
    float[] snapshot();

    void restore(float[] snapshot);

    /** Parameters remembered by {@link #checkpoint}, to come back to. */
    interface Checkpoint {
        void restore();
    }

    /**
     * Remembers the current parameters where they live (a GPU engine keeps a device copy, so early stopping does not
     * download every improving epoch's weights); the model keeps one checkpoint, and taking another replaces it.
     * Restoring gives exactly the remembered parameters. Default: a {@link #snapshot} on the heap.
     */
    default Checkpoint checkpoint() {
        float[] s = snapshot();
        return () -> restore(s);
    }

    /** The current parameters in canonical form (a copy). */
    VaeWeights weights();
}
