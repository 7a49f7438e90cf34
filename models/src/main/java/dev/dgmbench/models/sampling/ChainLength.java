package dev.dgmbench.models.sampling;

/**
 * How many steps after burn-in the chains run: a fixed number, or ({@code steps: auto}) blocks of {@link #BLOCK}
 * steps until the {@link Convergence} checks pass on all the post-burn-in steps so far, or {@code maxSteps} is
 * reached. A run that stops after T steps computes exactly what a fixed run of T steps does (same draws, same
 * diagnostics), so the stop only picks T.
 *
 * @param steps    fixed steps after burn-in; {@link #AUTO} for the stopping rule
 * @param maxSteps the cap of the stopping rule (equal to {@code steps} for a fixed length)
 */
public record ChainLength(int steps, int maxSteps) {
    /** {@code steps} of the stopping rule. */
    public static final int AUTO = 0;
    /** Steps between two checks of the stopping rule. */
    public static final int BLOCK = 100;

    public ChainLength {
        if (steps < 0 || maxSteps < 1 || (steps != AUTO && maxSteps != steps)) {
            throw new IllegalArgumentException("steps " + steps + ", cap " + maxSteps);
        }
    }

    public static ChainLength fixed(int steps) {
        return new ChainLength(steps, steps);
    }

    public static ChainLength auto(int maxSteps) {
        return new ChainLength(AUTO, maxSteps);
    }

    public boolean auto() {
        return steps == AUTO;
    }

    /** Whether the rule checks the diagnostics after {@code done} post-burn-in steps. */
    boolean checksAfter(int done) {
        return auto() && (done % BLOCK == 0 || done == maxSteps);
    }
}
