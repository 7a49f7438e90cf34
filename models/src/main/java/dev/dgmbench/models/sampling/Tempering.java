package dev.dgmbench.models.sampling;

/**
 * Replica exchange (parallel tempering) for the Langevin and MALA chains. Each chain runs {@code replicas} copies on
 * the tempered energies E_b(z) = |z|^2 / 2 - b f(z), b_k = (k / (K - 1))^2 for k = 0 .. K - 1: b = 0 is N(0, I)
 * itself, which a chain crosses freely, b = 1 the tilted prior, whose copy gives the sample. After every move,
 * neighbouring copies (k, k + 1), the pairs of even k after even steps and of odd k after odd ones (the
 * deterministic even-odd scheme of Okabe et al. 2001; Syed et al. 2021 show it round-trips in O(K) rather than
 * O(K^2) steps), swap their states with probability min(1, exp((b_{k+1} - b_k) (f(z_k) - f(z_{k+1})))), which
 * keeps every copy's tempered target invariant. A state that a local move cannot carry across a barrier at b = 1
 * walks down the ladder, crosses at a small b and walks back up, so the b = 1 copies of the chains reach the
 * tilted prior's regions in their true proportions (docs/validity.md, "Chains that do not mix").
 * The quadratic ladder puts more rungs near b = 0, where f varies most over N(0, I): on seed-fashion10's classifiers
 * 8 rungs gave swap rates of 0.5-0.9 between every pair (validity.md).
 *
 * @param replicas copies per chain; 1 is the plain sampler, bit for bit
 */
public record Tempering(int replicas) {
    public Tempering {
        if (replicas < 1) throw new IllegalArgumentException("replicas must be >= 1, got " + replicas);
    }

    /** One copy per chain: no tempering. */
    public static Tempering none() {
        return new Tempering(1);
    }

    /** The inverse temperatures, b_0 = 0 (or 1 alone) up to b_{K-1} = 1. */
    public double[] betas() {
        double[] b = new double[replicas];
        for (int k = 0; k < replicas; k++) b[k] = replicas == 1 ? 1.0 : Math.pow(k / (double) (replicas - 1), 2);
        return b;
    }
}
