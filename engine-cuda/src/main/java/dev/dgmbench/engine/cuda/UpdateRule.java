package dev.dgmbench.engine.cuda;

/**
 * An optimiser as the CPU engine runs it (Adam, AdaMax or SGD with its hyper-parameters in float), and the
 * bias-corrected step size of step t computed as it does, so the device update matches it bit for bit.
 */
record UpdateRule(int code, float lr, float b1, float b2, float eps) {
    static final int ADAM = 0, ADAMAX = 1, SGD = 2;

    static UpdateRule of(dev.dgmbench.engine.OptimizerSpec spec) {
        return switch (spec.kind()) {
            case ADAM -> adam(spec.learningRate(), spec.beta1(), spec.beta2(), spec.epsilon());
            case ADAMAX -> adaMax(spec.learningRate(), spec.beta1(), spec.beta2(), spec.epsilon());
            case SGD -> sgd(spec.learningRate());
        };
    }

    static UpdateRule adam(double lr, double b1, double b2, double eps) {
        return new UpdateRule(ADAM, (float) lr, (float) b1, (float) b2, (float) eps);
    }

    static UpdateRule adaMax(double lr, double b1, double b2, double eps) {
        return new UpdateRule(ADAMAX, (float) lr, (float) b1, (float) b2, (float) eps);
    }

    static UpdateRule sgd(double lr) {
        return new UpdateRule(SGD, (float) lr, 0, 0, 0);
    }

    /** Adam: lr sqrt(1-b2^t)/(1-b1^t); AdaMax: lr/(1-b1^t); SGD: lr. */
    float stepSize(int t) {
        return switch (code) {
            case ADAM -> (float) (lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t)));
            case ADAMAX -> (float) (lr / (1 - Math.pow(b1, t)));
            default -> lr;
        };
    }
}
