package dev.dgmbench.engine;

/**
 * An optimiser as plain data, with ND4J's defaults for the moment decays and epsilon (the SameDiff engine hands
 * them to ND4J's updaters, the others apply the same rules):
 * Adam: m = b1 m + (1-b1) g, v = b2 v + (1-b2) g^2, p -= lr sqrt(1-b2^t)/(1-b1^t) m/(sqrt(v)+eps);
 * AdaMax: u = max(b2 u, |g|), p -= lr/(1-b1^t) m/(u+eps); SGD: p -= lr g.
 */
public record OptimizerSpec(Kind kind, double learningRate, double beta1, double beta2, double epsilon) {
    public enum Kind { ADAM, ADAMAX, SGD }

    public static final double BETA1 = 0.9, BETA2 = 0.999, EPSILON = 1e-8;

    public OptimizerSpec {
        if (kind == null) throw new IllegalArgumentException("optimizer kind must be given");
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
        }
    }

    public static OptimizerSpec of(Kind kind, double learningRate) {
        return new OptimizerSpec(kind, learningRate, BETA1, BETA2, EPSILON);
    }

    public static OptimizerSpec adam(double learningRate) {
        return of(Kind.ADAM, learningRate);
    }
}
