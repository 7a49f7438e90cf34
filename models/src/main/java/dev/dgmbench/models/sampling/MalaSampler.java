package dev.dgmbench.models.sampling;

/**
 * Metropolis-adjusted Langevin: the Langevin proposal z' = z - (s^2/2) grad E(z) + s xi is accepted with
 * probability min(1, exp(E(z) - E(z') + log q(z|z') - log q(z'|z))), q the Gaussian proposal. With a burn-in, s
 * adapts toward the target acceptance rate (0.574 is optimal in high dimension) and is then frozen; the recorded
 * acceptance rate and diagnostics are those of the steps after burn-in ({@link LangevinChains}). With
 * {@link Tempering}, each chain's replicas on a ladder of tempered energies swap states.
 */
public record MalaSampler(Energy energy, int latent, ChainLength length, double stepSize, StepAdaptation adapt,
                          Tempering tempering) implements LatentSampler {

    /** No tempering. */
    public MalaSampler(Energy energy, int latent, ChainLength length, double stepSize, StepAdaptation adapt) {
        this(energy, latent, length, stepSize, adapt, Tempering.none());
    }

    /** A fixed number of steps after burn-in. */
    public MalaSampler(Energy energy, int latent, int steps, double stepSize, StepAdaptation adapt) {
        this(energy, latent, ChainLength.fixed(steps), stepSize, adapt);
    }

    /** A fixed step size, no burn-in. */
    public MalaSampler(Energy energy, int latent, int steps, double stepSize) {
        this(energy, latent, steps, stepSize, StepAdaptation.none());
    }

    @Override
    public SamplerOutput sample(int n, long seed) {
        return LangevinChains.run(name(), energy, latent, length, stepSize, 1.0, adapt, tempering, true, n, seed);
    }

    @Override
    public String name() {
        return "mala";
    }
}
