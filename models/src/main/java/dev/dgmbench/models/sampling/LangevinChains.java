package dev.dgmbench.models.sampling;

import dev.dgmbench.models.fused.NormalStream;
import dev.dgmbench.engine.Seeds;

import java.util.Arrays;
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
 * fixed-step samplers before adaptation existed. With {@link ChainLength#auto()} the chains stop at the first block
 * boundary where the diagnostics pass (or at the cap) and record {@code steps_used}.
 */
final class LangevinChains {
    private LangevinChains() {
    }

    static SamplerOutput run(String name, Energy energy, int latent, ChainLength length, double stepSize,
                             double noiseScale, StepAdaptation adapt, boolean metropolis, int n, long seed) {
        Random accept = Seeds.random(seed, name + "-accept");
        NormalStream normals = new NormalStream(Seeds.derive(seed, name));
        int size = n * latent, burnIn = adapt.burnIn(), limit = burnIn + length.maxSteps();
        float[] z = normals.next(size), grad = new float[size], prop = new float[size], propGrad = new float[size];
        float[] noise = new float[size];
        double[] e = energy.evaluate(z, n, grad);
        double[] trace = new double[limit + 1], stepTrace = new double[limit];
        double[][] perChain = new double[limit - burnIn][];
        Chains c = new Chains(name, metropolis, burnIn, n, trace, perChain);
        double s = stepSize;
        long t0 = System.nanoTime();
        Map<String, Double> d = null;
        int total = limit;
        for (int t = 0; t < limit; t++) {
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
                    if (t >= burnIn) c.accepted++;
                    System.arraycopy(prop, r * latent, z, r * latent, latent);
                    System.arraycopy(propGrad, r * latent, grad, r * latent, latent);
                    e[r] = eProp[r];
                }
            }
            stepProb /= n;
            if (t < burnIn) s = adapt.next(s, stepProb, t);
            else c.probSum += stepProb;
            if (t >= burnIn && length.checksAfter(t + 1 - burnIn)) {
                d = c.diagnostics(t + 1, e, s, System.nanoTime() - t0);
                d.put("steps_used", (double) (t + 1 - burnIn));
                if (d.get("converged") == 1.0) {
                    total = t + 1;
                    break;
                }
            }
        }
        if (d == null) d = c.diagnostics(total, e, s, System.nanoTime() - t0);
        return new SamplerOutput(z, n, d, Map.of("energy", Arrays.copyOf(trace, total + 1),
                "step_size", Arrays.copyOf(stepTrace, total)));
    }

    /** What the diagnostics read: the traces and the acceptance counts, as the loop fills them. */
    private static final class Chains {
        final String name;
        final boolean metropolis;
        final int burnIn, n;
        final double[] trace;
        final double[][] perChain;
        long accepted;
        double probSum;

        Chains(String name, boolean metropolis, int burnIn, int n, double[] trace, double[][] perChain) {
            this.name = name;
            this.metropolis = metropolis;
            this.burnIn = burnIn;
            this.n = n;
            this.trace = trace;
            this.perChain = perChain;
        }

        /** The diagnostics after {@code total} steps (burn-in included), e the chains' energies then. */
        Map<String, Double> diagnostics(int total, double[] e, double s, long nanos) {
            int steps = total - burnIn;
            double seconds = nanos / 1e9;
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
            d.put("rhat", ChainDiagnostics.splitRhat(steps == perChain.length ? perChain : Arrays.copyOf(perChain, steps)));
            // An undefined statistic (under 4 steps, energies all equal) is left out, not written as NaN: its check
            // then fails as "missing".
            d.values().removeIf(v -> !Double.isFinite(v));
            d.put("converged", Convergence.failures(name, d).isEmpty() ? 1.0 : 0.0);
            return d;
        }
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
