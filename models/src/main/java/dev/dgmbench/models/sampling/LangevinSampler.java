package dev.dgmbench.models.sampling;

import dev.dgmbench.models.fused.NormalStream;

/**
 * Unadjusted Langevin dynamics on the tilted prior, started from prior draws:
 * z <- z - (s^2 / 2) grad E(z) + s * noiseScale * xi. With noiseScale 1 this is the standard discretisation;
 * smaller values trade diversity for lower energy. With a burn-in, s first adapts until the Metropolis-Hastings
 * acceptance probability the move would have under MALA (its acceptance proxy) averages the target, then is frozen
 * ({@link LangevinChains}): a step MALA would mostly accept keeps the discretisation bias small. With
 * {@link Tempering}, each chain's replicas on a ladder of tempered energies swap states. Records the mean
 * energy per step and the convergence diagnostics of the steps after burn-in.
 */
public record LangevinSampler(Energy energy, int latent, ChainLength length, double stepSize, double noiseScale,
                              StepAdaptation adapt, Tempering tempering) implements LatentSampler {

    /** No tempering. */
    public LangevinSampler(Energy energy, int latent, ChainLength length, double stepSize, double noiseScale,
                           StepAdaptation adapt) {
        this(energy, latent, length, stepSize, noiseScale, adapt, Tempering.none());
    }

    /** A fixed number of steps after burn-in. */
    public LangevinSampler(Energy energy, int latent, int steps, double stepSize, double noiseScale, StepAdaptation adapt) {
        this(energy, latent, ChainLength.fixed(steps), stepSize, noiseScale, adapt);
    }

    /** A fixed step size, no burn-in. */
    public LangevinSampler(Energy energy, int latent, int steps, double stepSize, double noiseScale) {
        this(energy, latent, steps, stepSize, noiseScale, StepAdaptation.none());
    }

    @Override
    public SamplerOutput sample(int n, long seed) {
        return LangevinChains.run(name(), energy, latent, length, stepSize, noiseScale, adapt, tempering, false, n, seed);
    }

    /**
     * One fixed-step move of n codes z [n, L] in place ({@code grad} and {@code noise} are scratch of the same size);
     * returns the mean energy before it. The benchmarks' unit of work.
     */
    public double step(float[] z, float[] grad, float[] noise, int n, NormalStream normals) {
        double mean = Energy.mean(energy.evaluate(z, n, grad));
        int size = n * latent;
        normals.fill(noise, size);
        float drift = (float) (stepSize * stepSize / 2), diffusion = (float) (stepSize * noiseScale);
        for (int i = 0; i < size; i++) z[i] = z[i] - grad[i] * drift + noise[i] * diffusion;
        return mean;
    }

    @Override
    public String name() {
        return "langevin";
    }
}
