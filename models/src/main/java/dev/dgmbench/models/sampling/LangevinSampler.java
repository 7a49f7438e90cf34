package dev.dgmbench.models.sampling;

import dev.dgmbench.models.fused.NormalStream;
import dev.dgmbench.models.nn.Seeds;

import java.util.Map;

/**
 * Unadjusted Langevin dynamics on the tilted prior, started from prior draws:
 * z <- z - (s^2 / 2) grad E(z) + s * noiseScale * xi. With noiseScale 1 this is the standard discretisation;
 * smaller values trade diversity for lower energy. Keeps the mean energy per step.
 */
public record LangevinSampler(Energy energy, int latent, int steps, double stepSize, double noiseScale)
        implements LatentSampler {

    @Override
    public SamplerOutput sample(int n, long seed) {
        NormalStream normals = new NormalStream(Seeds.derive(seed, "langevin"));
        int size = n * latent;
        float[] z = normals.next(size), grad = new float[size], noise = new float[size];
        double[] trace = new double[steps + 1];
        long t0 = System.nanoTime();
        for (int s = 0; s < steps; s++) trace[s] = step(z, grad, noise, n, normals);
        double seconds = (System.nanoTime() - t0) / 1e9;
        trace[steps] = Energy.mean(energy.evaluate(z, n, grad));
        return new SamplerOutput(z, n, Map.of("steps_per_second",
                steps / Math.max(seconds, 1e-9), "final_energy", trace[steps]), Map.of("energy", trace));
    }

    /**
     * One step on n codes z [n, L] in place ({@code grad} and {@code noise} are scratch of the same size);
     * returns the mean energy before it.
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
