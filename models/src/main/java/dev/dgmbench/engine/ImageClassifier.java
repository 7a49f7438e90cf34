package dev.dgmbench.engine;

/**
 * A softmax MLP classifier of images (the evaluator network behind the sample-quality metrics): cross-entropy
 * training, class probabilities and the last hidden layer's activations as features.
 */
public interface ImageClassifier {
    void startTraining(OptimizerSpec optimizer);

    /** One step of mean cross-entropy on n rows of x with their class labels; the loss before the step. */
    double step(float[] x, int[] labels, int n);

    /** Mean cross-entropy of n rows. */
    double loss(float[] x, int[] labels, int n);

    /** Class probabilities [n, classes] (a new array). */
    float[] probabilities(float[] x, int n);

    /** Last hidden layer's activations [n, hidden] (a new array). */
    float[] features(float[] x, int n);

    float[] snapshot();

    void restore(float[] snapshot);

    MlpWeights weights();
}
