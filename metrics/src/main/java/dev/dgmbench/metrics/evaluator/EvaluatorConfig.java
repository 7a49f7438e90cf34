package dev.dgmbench.metrics.evaluator;

/** The evaluator classifier's shape and training, as plain data. Part of the cache key. */
public record EvaluatorConfig(int hidden, int maxEpochs, int patience, double learningRate, int batchSize, long seed) {
    public static EvaluatorConfig defaults() {
        return new EvaluatorConfig(128, 60, 8, 1e-3, 64, 20240601L);
    }

    String key() {
        return "h" + hidden + "-e" + maxEpochs + "-p" + patience + "-lr" + learningRate + "-b" + batchSize + "-s" + seed;
    }
}
