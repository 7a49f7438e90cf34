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
