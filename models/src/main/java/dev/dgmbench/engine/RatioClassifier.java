package dev.dgmbench.engine;

/**
 * The density-ratio classifier D(z) = sigmoid(f(z)) in latent space (f a LeakyReLU MLP to one logit), as an
 * engine runs it: binary cross-entropy training, f, and its input gradient for the samplers.
 */
public interface RatioClassifier {
    int latent();

    void startTraining(OptimizerSpec optimizer);

    /**
     * One step of mean binary cross-entropy with logits, softplus(f) - y f, on n rows; the loss before the step,
     * or NaN where the engine does not report it.
     */
    double step(float[] z, float[] y, int n);

    /**
     * One epoch of {@link #step}s over rows {@code order[0..rows)} of z [rows, L] and labels y, in minibatches of
     * {@code batchSize} taken in that order (the last one shorter). An engine may run it its own way (the GPU
     * engine gathers the batches on the device, without a host round trip per step), with the numbers of the
     * step-by-step loop.
     */
    default void fitEpoch(float[] z, float[] y, int rows, int[] order, int batchSize) {
        int l = latent();
        float[] bz = new float[batchSize * l], by = new float[batchSize];
        for (int from = 0; from < rows; from += batchSize) {
            int n = Math.min(rows, from + batchSize) - from;
            RowGather.gatherRows(z, l, order, from, n, bz);
            RowGather.gatherRows(y, 1, order, from, n, by);
            step(bz, by, n);
        }
    }

    /** Mean binary cross-entropy of n rows. */
    double loss(float[] z, float[] y, int n);

    /** f for n rows of z [n, L]; may be a buffer valid until the next call. */
    float[] logits(float[] z, int n);

    /** f (returned) and grad_z f [n, L] (into {@code gradient}) for n rows of z. */
    float[] logitsAndInputGradient(float[] z, int n, float[] gradient);

    float[] snapshot();

    void restore(float[] snapshot);

    MlpWeights weights();
}
