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
 * boundary where the diagnostics pass (or at the cap) and record {@code steps_used}. With {@link Tempering} each
 * chain runs replicas on a ladder of tempered energies that swap states after every move; each replica adapts its
 * own step, and the diagnostics, the step size recorded and the sample are those of the replicas at b = 1 (one
 * replica, b = 1: the plain sampler, bit for bit).
 */
final class LangevinChains {
    private LangevinChains() {
    }

    static SamplerOutput run(String name, Energy energy, int latent, ChainLength length, double stepSize,
                             double noiseScale, StepAdaptation adapt, Tempering tempering, boolean metropolis, int n,
                             long seed) {
        Random accept = Seeds.random(seed, name + "-accept");
        NormalStream normals = new NormalStream(Seeds.derive(seed, name));
        // rows: the copies of replica k are rows [k n, (k + 1) n); the last block, at b = 1, gives the sample
        int replicas = tempering.replicas(), rows = n * replicas, top = rows - n, size = rows * latent;
        int burnIn = adapt.burnIn(), limit = burnIn + length.maxSteps();
        double[] betas = tempering.betas();
        Random swaps = replicas > 1 ? Seeds.random(seed, name + "-swap") : null;
        float[] z = normals.next(size), gradF = new float[size], f = new float[rows];
        float[] prop = new float[size], propGradF = new float[size], propF = new float[rows], noise = new float[size];
        double[] e = energy.evaluateTempered(z, rows, n, betas, gradF, f);
        double[] trace = new double[limit + 1], stepTrace = new double[limit];
        double[][] perChain = new double[limit - burnIn][];
        Chains c = new Chains(name, metropolis, burnIn, n, replicas, trace, perChain);
        double[] s = new double[replicas];
        Arrays.fill(s, stepSize);
        long t0 = System.nanoTime();
        Map<String, Double> d = null;
        int total = limit;
        for (int t = 0; t < limit; t++) {
            double[] sampled = Arrays.copyOfRange(e, top, rows); // the b = 1 copies' energies
            trace[t] = Energy.mean(sampled);
            stepTrace[t] = s[replicas - 1];
            if (t >= burnIn) perChain[t - burnIn] = sampled;
            normals.fill(noise, size);
            for (int k = 0; k < replicas; k++) {
                float drift = (float) (s[k] * s[k] / 2), diffusion = (float) (s[k] * noiseScale), b = (float) betas[k];
                for (int i = k * n * latent; i < (k + 1) * n * latent; i++) {
                    prop[i] = z[i] - (z[i] - b * gradF[i]) * drift + noise[i] * diffusion;
                }
            }
            double[] eProp = energy.evaluateTempered(prop, rows, n, betas, propGradF, propF);
            for (int k = 0; k < replicas; k++) {
                double stepProb = 0, var2 = 2 * s[k] * s[k];
                float drift = (float) (s[k] * s[k] / 2), b = (float) betas[k];
                for (int r = k * n; r < (k + 1) * n; r++) {
                    double logAlpha = logAlpha(z, gradF, e[r], prop, propGradF, eProp[r], r, latent, drift, var2, b);
                    stepProb += Math.min(1, Math.exp(logAlpha));
                    if (!metropolis || Math.log(accept.nextDouble()) < logAlpha) {
                        if (t >= burnIn && r >= top) c.accepted++;
                        System.arraycopy(prop, r * latent, z, r * latent, latent);
                        System.arraycopy(propGradF, r * latent, gradF, r * latent, latent);
                        f[r] = propF[r];
                        e[r] = eProp[r];
                    }
                }
                stepProb /= n;
                if (t < burnIn) s[k] = adapt.next(s[k], stepProb, t);
                else if (k == replicas - 1) c.probSum += stepProb;
            }
            if (replicas > 1) c.swap(t, z, gradF, f, e, betas, latent, swaps);
            if (t >= burnIn && length.checksAfter(t + 1 - burnIn)) {
                d = c.diagnostics(t + 1, Arrays.copyOfRange(e, top, rows), s[replicas - 1], System.nanoTime() - t0);
                d.put("steps_used", (double) (t + 1 - burnIn));
                if (d.get("converged") == 1.0) {
                    total = t + 1;
                    break;
                }
            }
        }
        if (d == null) d = c.diagnostics(total, Arrays.copyOfRange(e, top, rows), s[replicas - 1], System.nanoTime() - t0);
        return new SamplerOutput(Arrays.copyOfRange(z, top * latent, size), n, d,
                Map.of("energy", Arrays.copyOf(trace, total + 1), "step_size", Arrays.copyOf(stepTrace, total)));
    }

    /** What the diagnostics read: the traces and the acceptance counts, as the loop fills them. */
    private static final class Chains {
        final String name;
        final boolean metropolis;
        final int burnIn, n;
        final double[] trace;
        final double[][] perChain;
        final long[] swapTries, swapAccepts;
        long accepted;
        double probSum;

        Chains(String name, boolean metropolis, int burnIn, int n, int replicas, double[] trace, double[][] perChain) {
            this.name = name;
            this.metropolis = metropolis;
            this.burnIn = burnIn;
            this.n = n;
            this.trace = trace;
            this.perChain = perChain;
            this.swapTries = new long[replicas - 1];
            this.swapAccepts = new long[replicas - 1];
        }

        /**
         * After step t, the swaps of neighbouring replicas (k, k + 1) with k of t's parity ({@link Tempering}): the
         * states (z, grad f, f) trade places and each gets the energy of its new temperature.
         */
        void swap(int t, float[] z, float[] gradF, float[] f, double[] e, double[] betas, int latent, Random swaps) {
            for (int k = t % 2; k + 1 < betas.length; k += 2) {
                double db = betas[k + 1] - betas[k];
                for (int r = 0; r < n; r++) {
                    int x = k * n + r, y = x + n;
                    boolean swapped = Math.log(swaps.nextDouble()) < db * ((double) f[x] - f[y]);
                    if (t >= burnIn) {
                        swapTries[k]++;
                        if (swapped) swapAccepts[k]++;
                    }
                    if (!swapped) continue;
                    swapRows(z, x, y, latent);
                    swapRows(gradF, x, y, latent);
                    swapRows(f, x, y, 1);
                    e[x] = Energy.tempered(z, x, latent, betas[k], f[x]);
                    e[y] = Energy.tempered(z, y, latent, betas[k + 1], f[y]);
                }
            }
        }

        private static void swapRows(float[] a, int x, int y, int width) {
            for (int j = 0; j < width; j++) {
                float keep = a[x * width + j];
                a[x * width + j] = a[y * width + j];
                a[y * width + j] = keep;
            }
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
            if (swapTries.length > 0) {
                double least = 1;
                for (int k = 0; k < swapTries.length; k++) least = Math.min(least, swapAccepts[k] / (double) swapTries[k]);
                d.put("swap_rate_min", least);
            }
            // An undefined statistic (under 4 steps, energies all equal) is left out, not written as NaN: its check
            // then fails as "missing".
            d.values().removeIf(v -> !Double.isFinite(v));
            d.put("converged", Convergence.failures(name, d).isEmpty() ? 1.0 : 0.0);
            return d;
        }
    }

    /**
     * E_b(z) - E_b(z') + log q(z | z') - log q(z' | z) for row r at inverse temperature b (the Gaussians' shared
     * constants cancel).
     */
    private static double logAlpha(float[] z, float[] gradF, double e, float[] prop, float[] propGradF, double eProp,
                                   int r, int latent, float drift, double var2, float beta) {
        double fwd = 0, rev = 0;
        for (int j = 0, at = r * latent; j < latent; j++, at++) {
            // grad E_b = z - b grad f
            float grad = z[at] - beta * gradF[at], propGrad = prop[at] - beta * propGradF[at];
            double a = prop[at] - (z[at] - grad * drift), b = z[at] - (prop[at] - propGrad * drift);
            fwd += a * a;
            rev += b * b;
        }
        return e - eProp - rev / var2 + fwd / var2;
    }
}
