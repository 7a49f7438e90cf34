package dev.dgmbench.models.vae;

/**
 * Shape of a beta-VAE, as plain data.
 *
 * @param pixels  D, pixels per image
 * @param levels  K, grey levels per pixel (2 for Bernoulli)
 * @param hidden  M, width of both hidden layers of encoder and decoder
 * @param latent  L, latent dimensions
 * @param beta    weight of the KL term in the training loss
 */
public record VaeConfig(int pixels, int levels, int hidden, int latent, Likelihood likelihood, double beta) {
    public VaeConfig {
        if (pixels < 1 || hidden < 1 || latent < 1) throw new IllegalArgumentException("pixels, hidden and latent must be >= 1");
        if (levels < 2) throw new IllegalArgumentException("levels must be >= 2, got " + levels);
        if (likelihood == Likelihood.BERNOULLI && levels != 2) {
            throw new IllegalArgumentException("a Bernoulli likelihood needs 2 levels, got " + levels);
        }
        if (!(beta >= 0) || Double.isInfinite(beta)) throw new IllegalArgumentException("beta must be a number >= 0, got " + beta);
    }

    /** Logit count of the decoder's output layer. */
    int outputs() {
        return likelihood == Likelihood.BERNOULLI ? pixels : pixels * levels;
    }
}
