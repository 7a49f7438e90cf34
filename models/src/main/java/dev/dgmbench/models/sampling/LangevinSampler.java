package dev.dgmbench.models.sampling;

import dev.dgmbench.models.nn.Noise;
import dev.dgmbench.models.nn.Seeds;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;
import java.util.Random;

/**
 * Unadjusted Langevin dynamics on the tilted prior, started from prior draws:
 * z <- z - (s^2 / 2) grad E(z) + s * noiseScale * xi. With noiseScale 1 this is the standard discretisation;
 * smaller values trade diversity for lower energy. Keeps the mean energy per step.
 */
public record LangevinSampler(Energy energy, int latent, int steps, double stepSize, double noiseScale)
        implements LatentSampler {

    @Override
    public SamplerOutput sample(int n, long seed) {
        Random rng = Seeds.random(seed, "langevin");
        INDArray z = Noise.normal(rng, n, latent);
        double[] trace = new double[steps + 1];
        double drift = stepSize * stepSize / 2, diffusion = stepSize * noiseScale;
        long t0 = System.nanoTime();
        for (int s = 0; s < steps; s++) {
            Energy.Evaluated e = energy.evaluate(z);
            trace[s] = e.mean();
            z.subi(e.gradient().muli(drift)).addi(Noise.normal(rng, n, latent).muli(diffusion));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        trace[steps] = energy.evaluate(z).mean();
        return new SamplerOutput(z, Map.of("steps_per_second", steps / Math.max(seconds, 1e-9),
                "final_energy", trace[steps]), Map.of("energy", trace));
    }

    @Override
    public String name() {
        return "langevin";
    }
}
