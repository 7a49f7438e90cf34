package dev.dgmbench.models.sampling;

import dev.dgmbench.models.fused.NormalStream;
import dev.dgmbench.models.nn.Seeds;

import java.util.Map;
import java.util.Random;

/**
 * Metropolis-adjusted Langevin: the Langevin proposal z' = z - (s^2/2) grad E(z) + s xi is accepted with
 * probability min(1, exp(E(z) - E(z') + log q(z|z') - log q(z'|z))), q the Gaussian proposal. The acceptance rate
 * tells whether the step size is sane (around 0.5-0.6 is the textbook target).
 */
public record MalaSampler(Energy energy, int latent, int steps, double stepSize) implements LatentSampler {

    @Override
    public SamplerOutput sample(int n, long seed) {
        Random rng = Seeds.random(seed, "mala-accept");
        NormalStream normals = new NormalStream(Seeds.derive(seed, "mala"));
        int size = n * latent;
        float[] z = normals.next(size), grad = new float[size], prop = new float[size], propGrad = new float[size];
        float[] noise = new float[size];
        double[] e = energy.evaluate(z, n, grad);
        double[] trace = new double[steps + 1];
        float drift = (float) (stepSize * stepSize / 2), step = (float) stepSize;
        double var2 = 2 * stepSize * stepSize;
        long accepted = 0;
        long t0 = System.nanoTime();
        for (int s = 0; s < steps; s++) {
            trace[s] = Energy.mean(e);
            normals.fill(noise, size);
            for (int i = 0; i < size; i++) prop[i] = z[i] - grad[i] * drift + noise[i] * step;
            double[] eProp = energy.evaluate(prop, n, propGrad);
            for (int r = 0; r < n; r++) {
                // Forward and reverse proposal log-densities (shared constants cancel).
                double fwd = 0, rev = 0;
                for (int j = 0, at = r * latent; j < latent; j++, at++) {
                    double a = prop[at] - (z[at] - grad[at] * drift), b = z[at] - (prop[at] - propGrad[at] * drift);
                    fwd += a * a;
                    rev += b * b;
                }
                double logAlpha = e[r] - eProp[r] - rev / var2 + fwd / var2;
                if (Math.log(rng.nextDouble()) < logAlpha) {
                    accepted++;
                    System.arraycopy(prop, r * latent, z, r * latent, latent);
                    System.arraycopy(propGrad, r * latent, grad, r * latent, latent);
                    e[r] = eProp[r];
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        trace[steps] = Energy.mean(e);
        return new SamplerOutput(z, n, Map.of("acceptance_rate",
                accepted / (double) ((long) n * steps), "steps_per_second", steps / Math.max(seconds, 1e-9),
                "final_energy", trace[steps]), Map.of("energy", trace));
    }

    @Override
    public String name() {
        return "mala";
    }
}
