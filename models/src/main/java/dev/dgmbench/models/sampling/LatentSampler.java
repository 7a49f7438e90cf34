package dev.dgmbench.models.sampling;

/** Draws n latent codes; all randomness comes from the seed. */
public interface LatentSampler {
    SamplerOutput sample(int n, long seed);

    /** Short name used in results: prior, langevin, mala, sir. */
    String name();
}
