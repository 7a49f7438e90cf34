package dev.dgmbench.models.prior;

/** A prior over latent codes with a (normalised) log-density, as the importance-weighted NLL needs. */
public interface LatentPrior {
    /** log p(z) per row of z [n, L]. */
    double[] logDensity(float[] z, int n, int latent);

    String name();
}
