package dev.dgmbench.models.prior;

import dev.dgmbench.engine.RatioClassifier;

import java.util.Arrays;
import java.util.Random;

/**
 * Chains on the tempered priors pi_t(z) proportional to N(z; 0, I) e^{t f(z)}, started from N(0, I), moved by one
 * MALA step at a time whose step size adapts per chain toward an acceptance of {@value #TARGET_ACCEPTANCE}: the
 * move shared by annealed importance sampling ({@link AnnealedNormaliser}) and the SMC sampler
 * ({@link SmcNormaliser}). Holds each chain's code, f and grad f, so a step costs one forward and backward pass of
 * the classifier over all chains.
 */
final class TemperedChains {
    static final double TARGET_ACCEPTANCE = 0.6, ADAPT_RATE = 0.05, INITIAL_STEP = 0.5;

    private final RatioClassifier classifier;
    final int chains, latent;
    float[] z, gradF, f;
    double[] step;
    private final float[] proposal, proposalGradF;

    /** {@code chains} codes drawn from N(0, I) with {@code rng}, chain by chain. */
    TemperedChains(RatioClassifier classifier, int chains, Random rng) {
        this.classifier = classifier;
        this.chains = chains;
        this.latent = classifier.latent();
        int size = chains * latent;
        z = new float[size];
        for (int i = 0; i < size; i++) z[i] = (float) rng.nextGaussian();
        gradF = new float[size];
        proposal = new float[size];
        proposalGradF = new float[size];
        f = Arrays.copyOf(classifier.logitsAndInputGradient(z, chains, gradF), chains);
        step = new double[chains];
        Arrays.fill(step, INITIAL_STEP);
    }

    /** One MALA step of every chain on log pi_t(z) = -|z|^2 / 2 + t f(z), whose gradient is -z + t grad f. */
    void move(double t, Random rng) {
        int l = latent;
        for (int i = 0; i < chains; i++) {
            double s = step[i];
            for (int j = 0; j < l; j++) {
                int at = i * l + j;
                proposal[at] = (float) (z[at] + 0.5 * s * s * (t * gradF[at] - z[at]) + s * rng.nextGaussian());
            }
        }
        float[] proposalF = classifier.logitsAndInputGradient(proposal, chains, proposalGradF);
        for (int i = 0; i < chains; i++) {
            double s = step[i], forward = 0, backward = 0, zz = 0, pp = 0;
            for (int j = 0; j < l; j++) {
                int at = i * l + j;
                double x = z[at], y = proposal[at];
                double dForward = y - x - 0.5 * s * s * (t * gradF[at] - x);
                double dBackward = x - y - 0.5 * s * s * (t * proposalGradF[at] - y);
                forward += dForward * dForward;
                backward += dBackward * dBackward;
                zz += x * x;
                pp += y * y;
            }
            double logAlpha = (-0.5 * pp + t * proposalF[i]) - (-0.5 * zz + t * f[i])
                    + (forward - backward) / (2 * s * s);
            double alpha = logAlpha >= 0 ? 1 : Math.exp(logAlpha);
            if (rng.nextDouble() < alpha) {
                System.arraycopy(proposal, i * l, z, i * l, l);
                System.arraycopy(proposalGradF, i * l, gradF, i * l, l);
                f[i] = proposalF[i];
            }
            step[i] = s * Math.exp(ADAPT_RATE * (alpha - TARGET_ACCEPTANCE));
        }
    }

    /**
     * Chains {@code from .. from + ancestors.length - 1} become copies of the chains {@code from + ancestors[i]}
     * (code, f, grad f and step size): a resampling within that block.
     */
    void copyWithin(int from, int[] ancestors) {
        int l = latent, n = ancestors.length;
        float[] zBlock = Arrays.copyOfRange(z, from * l, (from + n) * l);
        float[] gBlock = Arrays.copyOfRange(gradF, from * l, (from + n) * l);
        float[] fBlock = Arrays.copyOfRange(f, from, from + n);
        double[] sBlock = Arrays.copyOfRange(step, from, from + n);
        for (int i = 0; i < n; i++) {
            int a = ancestors[i];
            System.arraycopy(zBlock, a * l, z, (from + i) * l, l);
            System.arraycopy(gBlock, a * l, gradF, (from + i) * l, l);
            f[from + i] = fBlock[a];
            step[from + i] = sBlock[a];
        }
    }
}
