package dev.dgmbench.models.prior;

import java.util.Random;

/**
 * The defensive mixture g = (1/2) q + (1/2) N(0, I) of an aggregate posterior q and the prior: q puts the draws
 * where the tilted prior p e^f has its mass (where N(0, I) draws almost never land once the classifier separates
 * q from p), and the prior half bounds every weight p e^f / g by 2 e^f, so regions q covers thinly cannot blow up
 * the estimate (Hesterberg 1995, "Weighted average importance sampling and defensive mixture distributions").
 */
public record DefensiveProposal(AggregatePosterior posterior) implements LatentProposal {
    private static final double LOG_HALF = Math.log(0.5);

    @Override
    public float[] sample(Random rng, int m) {
        int latent = posterior.latent();
        float[] z = new float[m * latent];
        for (int i = 0; i < m; i++) {
            if (rng.nextBoolean()) {
                posterior.sampleInto(rng, z, i);
            } else {
                for (int j = 0; j < latent; j++) z[i * latent + j] = (float) rng.nextGaussian();
            }
        }
        return z;
    }

    /** log p - log g = -log((1/2) e^{log q - log p} + 1/2). */
    @Override
    public double[] logPriorRatio(float[] z, int m) {
        double[] logQ = posterior.logDensity(z, m);
        int latent = posterior.latent();
        double[] out = new double[m];
        for (int i = 0; i < m; i++) {
            double sq = 0;
            for (int j = 0; j < latent; j++) sq += (double) z[i * latent + j] * z[i * latent + j];
            double logP = -0.5 * (sq + latent * Math.log(2 * Math.PI)), d = logQ[i] - logP;
            // log(e^d / 2 + 1/2), stable for either sign of d
            out[i] = -(LOG_HALF + Math.max(d, 0) + Math.log1p(Math.exp(-Math.abs(d))));
        }
        return out;
    }

    @Override
    public String name() {
        return "aggregate-posterior";
    }
}
