package dev.dgmbench.models.sampling;

import dev.dgmbench.models.fused.NormalStream;
import dev.dgmbench.engine.Seeds;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The chain loop Langevin and MALA share. Each of {@code burnIn + steps} steps proposes, for every chain (code),
 * z' = z - (s^2 / 2) grad E(z) + s * noiseScale * xi, and computes the Metropolis-Hastings log ratio
 * log alpha = E(z) - E(z') + log q(z | z') - log q(z' | z), q the Gaussian N(. - (s^2/2) grad E(.), s^2 I). MALA
 * accepts with probability min(1, alpha); unadjusted Langevin always moves and uses the mean of min(1, alpha) only
 * as a measure of its discretisation error (its acceptance proxy). During burn-in s adapts toward the target
 * acceptance ({@link StepAdaptation}); afterwards it is frozen, and the diagnostics describe those steps only.
 * One energy evaluation per step (at the proposal); with no burn-in the draws and arithmetic are those of the
 * fixed-step samplers before adaptation existed.
 */
final class LangevinChains {
    private LangevinChains() {
    }

    static SamplerOutput run(String name, Energy energy, int latent, int steps, double stepSize, double noiseScale,
                             StepAdaptation adapt, boolean metropolis, int n, long seed) {
        Random accept = Seeds.random(seed, name + "-accept");
        NormalStream normals = new NormalStream(Seeds.derive(seed, name));
        int size = n * latent, burnIn = adapt.burnIn(), total = burnIn + steps;
        float[] z = normals.next(size), grad = new float[size], prop = new float[size], propGrad = new float[size];
        float[] noise = new float[size];
        double[] e = energy.evaluate(z, n, grad);
        double[] trace = new double[total + 1], stepTrace = new double[total];
        double[][] perChain = new double[steps][];
        double s = stepSize, probSum = 0;
        long accepted = 0;
        long t0 = System.nanoTime();
        for (int t = 0; t < total; t++) {
            trace[t] = Energy.mean(e);
            stepTrace[t] = s;
            if (t >= burnIn) perChain[t - burnIn] = e.clone();
            float drift = (float) (s * s / 2), diffusion = (float) (s * noiseScale);
            normals.fill(noise, size);
            for (int i = 0; i < size; i++) prop[i] = z[i] - grad[i] * drift + noise[i] * diffusion;
            double[] eProp = energy.evaluate(prop, n, propGrad);
            double stepProb = 0, var2 = 2 * s * s;
            for (int r = 0; r < n; r++) {
                double logAlpha = logAlpha(z, grad, e[r], prop, propGrad, eProp[r], r, latent, drift, var2);
                stepProb += Math.min(1, Math.exp(logAlpha));
                if (!metropolis || Math.log(accept.nextDouble()) < logAlpha) {
                    if (t >= burnIn) accepted++;
                    System.arraycopy(prop, r * latent, z, r * latent, latent);
                    System.arraycopy(propGrad, r * latent, grad, r * latent, latent);
                    e[r] = eProp[r];
                }
            }
            stepProb /= n;
            if (t < burnIn) s = adapt.next(s, stepProb, t);
            else probSum += stepProb;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        trace[total] = Energy.mean(e);
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("steps_per_second", total / Math.max(seconds, 1e-9));
        d.put("final_energy", trace[total]);
        d.put("step_size_final", s);
        d.put(metropolis ? "acceptance_rate" : "acceptance_proxy",
                metropolis ? accepted / (double) ((long) n * steps) : probSum / steps);
        // Post-burn-in mean-energy trace: trace[burnIn .. total] (the energy after the last step included).
        int from = ChainDiagnostics.finalSegmentStart(burnIn, total + 1);
        double slope = ChainDiagnostics.slope(trace, from, total + 1);
        d.put("energy_slope", slope);
        d.put("energy_drift", slope * (total + 1 - from) / ChainDiagnostics.sd(e));
        d.put("rhat", ChainDiagnostics.splitRhat(perChain));
        // An undefined statistic (under 4 steps, energies all equal) is left out, not written as NaN: its check
        // then fails as "missing".
        d.values().removeIf(v -> !Double.isFinite(v));
        d.put("converged", Convergence.failures(name, d).isEmpty() ? 1.0 : 0.0);
        return new SamplerOutput(z, n, d, Map.of("energy", trace, "step_size", stepTrace));
    }

    /** E(z) - E(z') + log q(z | z') - log q(z' | z) for chain r (the Gaussians' shared constants cancel). */
    private static double logAlpha(float[] z, float[] grad, double e, float[] prop, float[] propGrad, double eProp,
                                   int r, int latent, float drift, double var2) {
        double fwd = 0, rev = 0;
        for (int j = 0, at = r * latent; j < latent; j++, at++) {
            double a = prop[at] - (z[at] - grad[at] * drift), b = z[at] - (prop[at] - propGrad[at] * drift);
            fwd += a * a;
            rev += b * b;
        }
        return e - eProp - rev / var2 + fwd / var2;
    }
}
