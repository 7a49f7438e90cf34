package dev.dgmbench.models.prior;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A prior over latent codes with a (normalised) log-density, as the importance-weighted NLL needs. */
public interface LatentPrior {
    /** log p(z) per row of z [n, L]. */
    double[] logDensity(INDArray z);

    String name();
}
