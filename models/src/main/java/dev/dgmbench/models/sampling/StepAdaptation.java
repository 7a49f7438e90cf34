package dev.dgmbench.models.sampling;

/**
 * Robbins-Monro adaptation of a Langevin step size toward a target acceptance probability during burn-in:
 * log s <- log s + err_t / (t + 1)^0.6, a_t the mean over chains of the step's Metropolis-Hastings acceptance
 * probability min(1, alpha) and err_t = (a_t - target) / (1 - target) above the target, (a_t - target) / target
 * below it: the error scaled to [-1, 1], so a target near 1 (where a_t - target can be at most 1 - target) adapts
 * as fast as one near 1/2. Gains that decay as t^-0.6 sum to infinity but their squares do not, so the step
 * settles; with hundreds of chains a_t is already an average, so no further smoothing. The step is frozen after
 * burn-in, so the post-burn-in chain is a time-homogeneous Markov chain.
 *
 * @param target acceptance probability to aim at (0.574 is optimal for MALA in high dimension, Roberts and
 *               Rosenthal 1998)
 */
public record StepAdaptation(int burnIn, double target) {
    /** MALA's asymptotically optimal acceptance rate. */
    public static final double MALA_TARGET = 0.574;

    public StepAdaptation {
        if (burnIn < 0) throw new IllegalArgumentException("burn-in must be >= 0");
        if (!(target > 0 && target < 1)) throw new IllegalArgumentException("target acceptance must be in (0, 1)");
    }

    /** A fixed step: no burn-in. */
    public static StepAdaptation none() {
        return new StepAdaptation(0, MALA_TARGET);
    }

    /** The step after burn-in step t (0-based) whose mean acceptance probability was {@code acceptance}. */
    public double next(double step, double acceptance, int t) {
        double err = acceptance > target ? (acceptance - target) / (1 - target) : (acceptance - target) / target;
        return step * Math.exp(err / Math.pow(t + 1, 0.6));
    }
}
