package dev.dgmbench.models.prior;

import dev.dgmbench.engine.Noise;

import java.util.Random;

/**
 * A proposal g for importance sampling the NCE-tilted prior p(z) e^{f(z)} / Z (its normaliser and SIR): it draws
 * codes and knows log p(z) - log g(z), which turns e^{f(z)} into the importance weight p(z) e^{f(z)} / g(z).
 */
public interface LatentProposal {
    /** m codes [m, latent]. */
    float[] sample(Random rng, int m);

    /** log p(z) - log g(z) of each of the m codes z [m, latent], p = N(0, I). */
    double[] logPriorRatio(float[] z, int m);

    /** As spelled in specs: {@code prior}, {@code aggregate-posterior}. */
    String name();

    /** N(0, I) itself: weights are e^f. Its draws are those of the estimators before other proposals existed. */
    static LatentProposal prior(int latent) {
        return new LatentProposal() {
            @Override
            public float[] sample(Random rng, int m) {
                return Noise.normals(rng, m * latent);
            }

            @Override
            public double[] logPriorRatio(float[] z, int m) {
                return new double[m];
            }

            @Override
            public String name() {
                return "prior";
            }
        };
    }
}
