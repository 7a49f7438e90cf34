package dev.dgmbench.models.sampling;

import dev.dgmbench.models.nn.Noise;
import dev.dgmbench.models.nn.Seeds;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
        Random rng = Seeds.random(seed, "mala");
        INDArray z = Noise.normal(rng, n, latent);
        Energy.Evaluated cur = energy.evaluate(z);
        double[] trace = new double[steps + 1];
        double drift = stepSize * stepSize / 2, var2 = 2 * stepSize * stepSize;
        long accepted = 0;
        long t0 = System.nanoTime();
        for (int s = 0; s < steps; s++) {
            trace[s] = cur.mean();
            INDArray prop = z.sub(cur.gradient().mul(drift)).addi(Noise.normal(rng, n, latent).muli(stepSize));
            Energy.Evaluated next = energy.evaluate(prop);
            // Forward and reverse proposal log-densities (shared constants cancel).
            double[] fwd = sqNorms(prop.sub(z.sub(cur.gradient().mul(drift))));
            double[] rev = sqNorms(z.sub(prop.sub(next.gradient().mul(drift))));
            float[] zArr = z.dup('c').data().asFloat(), pArr = prop.dup('c').data().asFloat();
            float[] gCur = cur.gradient().dup('c').data().asFloat(), gNext = next.gradient().dup('c').data().asFloat();
            double[] eNew = cur.energy().clone();
            for (int i = 0; i < n; i++) {
                double logAlpha = cur.energy()[i] - next.energy()[i] - rev[i] / var2 + fwd[i] / var2;
                if (Math.log(rng.nextDouble()) < logAlpha) {
                    accepted++;
                    System.arraycopy(pArr, i * latent, zArr, i * latent, latent);
                    System.arraycopy(gNext, i * latent, gCur, i * latent, latent);
                    eNew[i] = next.energy()[i];
                }
            }
            z = Nd4j.create(zArr, new long[]{n, latent}, 'c');
            cur = new Energy.Evaluated(eNew, Nd4j.create(gCur, new long[]{n, latent}, 'c'));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        trace[steps] = cur.mean();
        return new SamplerOutput(z, Map.of("acceptance_rate", accepted / (double) ((long) n * steps),
                "steps_per_second", steps / Math.max(seconds, 1e-9), "final_energy", trace[steps]),
                Map.of("energy", trace));
    }

    private static double[] sqNorms(INDArray a) {
        return a.mul(a).sum(1).dup('c').data().asDouble();
    }

    @Override
    public String name() {
        return "mala";
    }
}
